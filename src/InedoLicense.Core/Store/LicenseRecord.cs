using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>An issued key as the store records it; also what issuing cmdlets output.</summary>
public sealed record LicenseRecord
{
    public required string Serial { get; init; }
    public required LicenseKind Kind { get; init; }
    /// <summary>The text form to hand to the customer.</summary>
    public required string Key { get; init; }
    public string? Customer { get; init; }
    public string? Product { get; init; }
    public string? Edition { get; init; }
    public IReadOnlyList<string> Features { get; init; } = [];
    public string? OrganizationId { get; init; }
    public string? MacId { get; init; }
    public string? Audience { get; init; }
    public string? Purpose { get; init; }
    public LicenseRestrictions Restrictions { get; init; }
    public string? Banner { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset NotBefore { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? RenewalOf { get; init; }
    /// <summary>For a stopgap key: the serial of the paid licence whose lapse it bridges (null when there was none). Not in the payload.</summary>
    public string? StopgapFor { get; init; }
    /// <summary>The <see cref="IssuanceRule"/> an explicit override (-Force) let this key past, else null. Not in the payload.</summary>
    public string? PolicyOverride { get; init; }
    public required string IssuerThumbprint { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevocationReason { get; init; }

    public RecordState Status => StateAt(DateTimeOffset.UtcNow);
    public TimeSpan? Remaining => ExpiresAt - DateTimeOffset.UtcNow;

    public RecordState StateAt(DateTimeOffset at) =>
        RevokedAt is not null ? RecordState.Revoked
        : at < NotBefore ? RecordState.NotYetValid
        : ExpiresAt is { } end && at >= end ? RecordState.Expired
        : RecordState.Active;

    public static LicenseRecord FromPayload(LicensePayload payload, string key, string issuerThumbprint) => new()
    {
        Serial = payload.Serial,
        Kind = payload.Kind,
        Key = key,
        Customer = payload.Customer,
        Product = payload.Product,
        Edition = payload.Edition,
        Features = payload.Features,
        OrganizationId = payload.OrganizationId,
        MacId = payload.MacId,
        Audience = payload.Audience,
        Purpose = payload.Purpose,
        Restrictions = payload.Restrictions,
        Banner = payload.Banner,
        IssuedAt = payload.IssuedAt,
        NotBefore = payload.NotBefore,
        ExpiresAt = payload.ExpiresAt,
        RenewalOf = payload.RenewalOf,
        IssuerThumbprint = issuerThumbprint,
    };
}
