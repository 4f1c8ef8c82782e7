using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>The lifecycle state of a recorded licence at a moment.</summary>
public enum RecordState { Active, NotYetValid, Expired, Revoked }

/// <summary>An issued key as the store records it; also what issuing cmdlets output.</summary>
/// <remarks>
/// The key's fields are its payload's (<see cref="LicensePayload.Fields"/>), carried whole: the properties below show
/// them as PowerShell reads them (Format, Select, Export-Csv). Beside them, what only the store holds.
/// </remarks>
public sealed record LicenseRecord
{
    internal LicenseRecord(LicensePayload payload) => Payload = payload;

    /// <summary>The key's signed fields.</summary>
    internal LicensePayload Payload { get; init; }

    public string Serial => Payload.Serial;
    public LicenseKind Kind => Payload.Kind;
    /// <summary>The text form to hand to the customer.</summary>
    public required string Key { get; init; }
    public string? Customer => Payload.Customer;
    public string? Product => Payload.Product;
    public string? Edition => Payload.Edition;
    public IReadOnlyList<string> Features => Payload.Features;
    public string? OrganizationId => Payload.OrganizationId;
    public string? MacId => Payload.MacId;
    public string? Audience => Payload.Audience;
    public string? Purpose => Payload.Purpose;
    public LicenseRestrictions Restrictions => Payload.Restrictions;
    public string? Banner => Payload.Banner;
    public DateTimeOffset IssuedAt => Payload.IssuedAt;
    public DateTimeOffset NotBefore => Payload.NotBefore;
    public DateTimeOffset? ExpiresAt => Payload.ExpiresAt;
    public string? RenewalOf => Payload.RenewalOf;
    /// <summary>For a stopgap key: the serial of the paid licence whose lapse it bridges (null when there was none). Not in the payload.</summary>
    public string? StopgapFor { get; init; }
    /// <summary>The <see cref="IssuanceRule"/> an explicit override (-Force) let this key past, else null. Not in the payload.</summary>
    public string? PolicyOverride { get; init; }
    public required string IssuerThumbprint { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevocationReason { get; init; }

    public RecordState Status => StateAt(DateTimeOffset.UtcNow);
    /// <summary>Time left now, in whole seconds; negative once expired; null for perpetual keys.</summary>
    public TimeSpan? Remaining => ExpiresAt is { } end ? TimeSpan.FromSeconds(Math.Truncate((end - DateTimeOffset.UtcNow).TotalSeconds)) : null;

    public RecordState StateAt(DateTimeOffset at) =>
        RevokedAt is not null ? RecordState.Revoked
        : at < NotBefore ? RecordState.NotYetValid
        : ExpiresAt is { } end && at >= end ? RecordState.Expired
        : RecordState.Active;

    public static LicenseRecord FromPayload(LicensePayload payload, string key, string issuerThumbprint) =>
        new(payload) { Key = key, IssuerThumbprint = issuerThumbprint };
}
