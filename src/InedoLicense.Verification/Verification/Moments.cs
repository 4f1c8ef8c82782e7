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

    public static string Text(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
