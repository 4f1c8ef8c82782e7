using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>A temporary organisation key as Get-TemporaryOrgLicense lists it: its state and remaining time at one moment.</summary>
public sealed record TemporaryOrgLicense
{
    public required string Serial { get; init; }
    public required string OrganizationId { get; init; }
    /// <summary>The partner or developer it was issued to (the key's Audience).</summary>
    public string? IssuedTo { get; init; }
    public string? Purpose { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>Active or Expired at <see cref="EvaluatedAt"/>.</summary>
    public required RecordState Status { get; init; }
    /// <summary>Time left at <see cref="EvaluatedAt"/>; negative once expired (how long ago).</summary>
    public required TimeSpan Remaining { get; init; }
    public required DateTimeOffset EvaluatedAt { get; init; }
    public LicenseRestrictions Restrictions { get; init; }
    /// <summary>The text form to hand to the partner or developer.</summary>
    public required string Key { get; init; }
    public required string IssuerThumbprint { get; init; }

    /// <summary>
    /// The order the portal shows: per organisation, the active keys newest first, then only the
    /// key that expired last. Revoked keys and keys not yet valid at <paramref name="at"/> are left
    /// out. <paramref name="newestFirst"/> must be in issue order, newest first, so that keys issued
    /// within the same second keep their order.
    /// </summary>
    public static IReadOnlyList<TemporaryOrgLicense> PortalOrder(IEnumerable<LicenseRecord> newestFirst, DateTimeOffset at)
    {
        var listing = new List<TemporaryOrgLicense>();
        var byOrganization = newestFirst
            .Where(r => r.Kind == LicenseKind.TemporaryOrganization && r.OrganizationId is not null && r.ExpiresAt is not null)
            .GroupBy(r => r.OrganizationId!, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var organization in byOrganization)
        {
            var records = organization.ToList();
            // OrderByDescending is stable: ties keep the caller's issue order.
            listing.AddRange(records.Where(r => r.StateAt(at) == RecordState.Active)
                .OrderByDescending(r => r.IssuedAt).Select(r => From(r, at, RecordState.Active)));
            var lastExpired = records.Where(r => r.StateAt(at) == RecordState.Expired)
                .OrderByDescending(r => r.ExpiresAt).ThenByDescending(r => r.IssuedAt).FirstOrDefault();
            if (lastExpired is not null) listing.Add(From(lastExpired, at, RecordState.Expired));
        }
        return listing;
    }

    private static TemporaryOrgLicense From(LicenseRecord record, DateTimeOffset at, RecordState state) => new()
    {
        Serial = record.Serial,
        OrganizationId = record.OrganizationId!,
        IssuedTo = record.Audience,
        Purpose = record.Purpose,
        IssuedAt = record.IssuedAt,
        ExpiresAt = record.ExpiresAt!.Value,
        Status = state,
        Remaining = Verification.Moments.Remaining(record.ExpiresAt!.Value, at),
        EvaluatedAt = at,
        Restrictions = record.Restrictions,
        Key = record.Key,
        IssuerThumbprint = record.IssuerThumbprint,
    };
}
