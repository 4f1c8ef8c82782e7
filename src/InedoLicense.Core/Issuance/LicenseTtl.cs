using System.Globalization;

namespace InedoLicense.Issuance;

/// <summary>
/// A temporary key's time to live in its text form: a whole number from 1 to 9999 followed by
/// one unit, m (minutes), h (hours) or d (days): "30m", "1h", "4h", "1d", "7d". Nothing else:
/// no spaces, signs, fractions or combined units ("1h30m"). The unit may be upper case; the
/// canonical text is lower case. At most <see cref="Maximum"/>.
/// </summary>
public sealed record LicenseTtl
{
    /// <summary>Temporary keys are for a working session or a short engagement, not a subscription.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(30);

    private LicenseTtl(string ttl, TimeSpan duration)
    {
        Ttl = ttl;
        Duration = duration;
    }

    /// <summary>The canonical text, e.g. "4h".</summary>
    public string Ttl { get; }
    public TimeSpan Duration { get; }

    public override string ToString() => Ttl;

    public static LicenseTtl Parse(string text) =>
        TryParse(text, out var ttl, out var error) ? ttl : throw new FormatException(error);

    public static bool TryParse(string? text, out LicenseTtl ttl, out string error)
    {
        ttl = null!;
        error = $"'{text}' is not a TTL: write a whole number and a unit, m (minutes), h (hours) or d (days), e.g. 30m, 4h, 7d.";
        if (text is null || text.Length is < 2 or > 5) return false;
        var unit = char.ToLowerInvariant(text[^1]);
        var digits = text[..^1];
        if (digits[0] == '0' || !digits.All(char.IsAsciiDigit)) return false;
        var number = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        TimeSpan duration;
        switch (unit)
        {
            case 'm': duration = TimeSpan.FromMinutes(number); break;
            case 'h': duration = TimeSpan.FromHours(number); break;
            case 'd': duration = TimeSpan.FromDays(number); break;
            default: return false;
        }
        if (duration > Maximum)
        {
            error = $"'{text}' is longer than the {Maximum.TotalDays:0} days a temporary key may live.";
            return false;
        }
        ttl = new LicenseTtl(digits + unit, duration);
        error = "";
        return true;
    }

    /// <summary>Plain words for tooltips: "4 hours", "1 day".</summary>
    public string Describe()
    {
        var (number, unit) = (int.Parse(Ttl[..^1], CultureInfo.InvariantCulture), Ttl[^1]);
        var word = unit switch { 'm' => "minute", 'h' => "hour", _ => "day" };
        return $"{number} {word}{(number == 1 ? "" : "s")}";
    }
}
