using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>No stopgap for <see cref="Request"/>: the reason, and what it is about (the caller words the message).</summary>
public sealed class StopgapRefusedException(StopgapRequest request, StopgapRefusal reason, string message) : InvalidOperationException(message)
{
    public StopgapRequest Request { get; } = request;
    public StopgapRefusal Reason { get; } = reason;
    /// <summary>The product as the catalogue spells it, and the trimmed customer (from <see cref="StopgapRefusal.InvalidLapsedLicense"/> on).</summary>
    public string? Product { get; init; }
    public string? Customer { get; init; }
    /// <summary>The paid licence whose term the stopgap would bridge (null: the customer has none).</summary>
    public LicenseRecord? Lapsed { get; init; }
    /// <summary>The stopgap the term already has (<see cref="StopgapRefusal.AlreadyIssued"/>).</summary>
    public ExistingStopgap? Existing { get; init; }
}
