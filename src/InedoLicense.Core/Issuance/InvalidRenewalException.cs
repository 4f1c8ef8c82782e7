using InedoLicense.KeyFormat;

namespace InedoLicense.Issuance;

/// <summary>
/// The licence cannot be renewed as asked: the reason, the serial, and the values the reason is about (the caller
/// words the message; <see cref="Exception.Message"/> is a plain English fallback that names no command or parameter).
/// </summary>
public sealed class InvalidRenewalException(string serial, RenewalRefusal reason, string message) : InvalidOperationException(message)
{
    /// <summary>The serial of the licence that was to be renewed.</summary>
    public string Serial { get; } = serial;
    public RenewalRefusal Reason { get; } = reason;
    /// <summary>The old key's kind (<see cref="RenewalRefusal.NotALicence"/>).</summary>
    public LicenseKind? Kind { get; init; }
    /// <summary>The paid licence a stopgap bridges, if known (<see cref="RenewalRefusal.Stopgap"/>).</summary>
    public string? StopgapFor { get; init; }
    /// <summary>The old licence's product (<see cref="RenewalRefusal.OtherProduct"/>, <see cref="RenewalRefusal.EditionNotPaid"/>).</summary>
    public string? Product { get; init; }
    /// <summary>The product asked for (<see cref="RenewalRefusal.OtherProduct"/>).</summary>
    public string? RequestedProduct { get; init; }
    /// <summary>The edition that is not paid, its tier, and the product's paid editions (<see cref="RenewalRefusal.EditionNotPaid"/>).</summary>
    public string? Edition { get; init; }
    public string? Tier { get; init; }
    public IReadOnlyList<string> PaidEditions { get; init; } = [];
    /// <summary>Where the renewal would start (the old expiry) and end (<see cref="RenewalRefusal.StartGiven"/>, <see cref="RenewalRefusal.AlreadyOver"/>).</summary>
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
}
