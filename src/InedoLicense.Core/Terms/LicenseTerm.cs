namespace InedoLicense.Terms;

/// <summary>
/// Calendar arithmetic for licence terms, in UTC (docs/design/terms-and-renewals.md). A term of n months
/// ends on the same day of the month n months later at the same time of day; when that month is
/// shorter, on its last day (31 Jan + 1 month = 28 or 29 Feb; 29 Feb 2024 + 12 months = 28 Feb 2025).
/// Months are always counted from the term's own start, never month by month, so 31 Jan + 2 months is 31 Mar.
/// </summary>
public static class LicenseTerm
{
    public const int MaxMonths = 1200;
    /// <summary>How long a Trial (stopgap) key lasts.</summary>
    public const int TrialDays = 30;

    /// <summary>The earliest moment a key can carry: 1970-01-01T00:00:00Z (docs/design/key-format.md, UnixTime).</summary>
    public static readonly DateTimeOffset EarliestTime = DateTimeOffset.UnixEpoch;

    /// <summary>The latest moment a key can carry: 9999-12-31T23:59:59Z (docs/design/key-format.md, UnixTime).</summary>
    public static readonly DateTimeOffset LatestTime = DateTimeOffset.FromUnixTimeSeconds(253402300799);

    /// <summary>True when a key can carry this moment (whole seconds from 1970 to the end of 9999).</summary>
    public static bool IsInKeyRange(DateTimeOffset value) => value >= EarliestTime && value.UtcTicks < LatestTime.UtcTicks + TimeSpan.TicksPerSecond;

    /// <summary>
    /// The end of a term of <paramref name="months"/> months from <paramref name="start"/>, or null when that end
    /// is past the last moment a key can carry (or past the calendar's end).
    /// </summary>
    public static DateTimeOffset? TryAddMonths(DateTimeOffset start, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxMonths);
        var utc = start.UtcDateTime;
        // DateTime.AddMonths throws past 9999-12-31; a key cannot carry a later moment anyway.
        if ((utc.Year - 1) * 12L + utc.Month - 1 + months > (9999 - 1) * 12L + 12 - 1) return null;
        var end = new DateTimeOffset(utc.AddMonths(months), TimeSpan.Zero);
        return IsInKeyRange(end) ? end : null;
    }

    /// <summary>The end of a term of <paramref name="months"/> whole calendar months from <paramref name="start"/>, as UTC.</summary>
    public static DateTimeOffset AddMonths(DateTimeOffset start, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxMonths);
        var utc = start.UtcDateTime;
        return new DateTimeOffset(utc.AddMonths(months), TimeSpan.Zero);
    }

    /// <summary>
    /// The whole number of months (at least 1) whose term from <paramref name="start"/> ends nearest
    /// to <paramref name="end"/>: exact for terms made with <see cref="AddMonths"/>, rounded for explicit ends.
    /// </summary>
    public static int NearestWholeMonths(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start) return 1;
        var s = start.UtcDateTime;
        var e = end.UtcDateTime;
        var months = Math.Clamp((e.Year - s.Year) * 12 + e.Month - s.Month, 1, MaxMonths);
        // The candidate from the calendar difference is at most one month off; pick the nearest of its neighbours.
        return new[] { months - 1, months, months + 1 }
            .Where(m => m is >= 1 and <= MaxMonths)
            .MinBy(m => Math.Abs((s.AddMonths(m) - e).Ticks));
    }

    /// <summary>True when <paramref name="end"/> is exactly a whole number of months after <paramref name="start"/>.</summary>
    public static bool IsWholeMonths(DateTimeOffset start, DateTimeOffset end) =>
        end > start && AddMonths(start, NearestWholeMonths(start, end)) == end;

    /// <summary>Drops sub-second precision: a payload carries whole seconds.</summary>
    public static DateTimeOffset ToWholeSeconds(DateTimeOffset value) => Verification.Moments.WholeSeconds(value);
}
