namespace InedoLicense.Verification;

/// <summary>
/// Moment arithmetic that saturates at <see cref="DateTimeOffset.MinValue"/> and <see cref="DateTimeOffset.MaxValue"/>
/// instead of throwing: any moment a caller passes (even <c>DateTimeOffset.MaxValue</c>) can be evaluated.
/// Spans are never negative here (<see cref="LicenseVerifier.ClockSkew"/> refuses a negative skew).
/// </summary>
internal static class Moments
{
    public static DateTimeOffset Plus(DateTimeOffset at, TimeSpan span) =>
        DateTimeOffset.MaxValue - at < span ? DateTimeOffset.MaxValue : at + span;

    public static DateTimeOffset Minus(DateTimeOffset at, TimeSpan span) =>
        at - DateTimeOffset.MinValue < span ? DateTimeOffset.MinValue : at - span;

    /// <summary>The moment without its fraction of a second: keys and lists carry whole seconds (the one place that truncates).</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    /// <summary>The time from <paramref name="at"/> to <paramref name="end"/> in whole seconds (toward zero); negative once past.</summary>
    public static TimeSpan Remaining(DateTimeOffset end, DateTimeOffset at) => TimeSpan.FromSeconds(Math.Truncate((end - at).TotalSeconds));

    public static string Text(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
