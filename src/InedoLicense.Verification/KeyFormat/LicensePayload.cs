namespace InedoLicense.KeyFormat;

/// <summary>
/// The signed content of a key (docs/key-format.md). Times are whole seconds, UTC.
/// Kind-specific fields are null when the kind does not use them.
/// </summary>
public sealed record LicensePayload
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public required string Serial { get; init; }
    public required LicenseKind Kind { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset NotBefore { get; init; }
    /// <summary>Null for a perpetual key.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? Customer { get; init; }
    public string? Product { get; init; }
    public string? Edition { get; init; }
    /// <summary>"Name" or "Name=Value" entries, e.g. "FeedReplication", "Servers=10".</summary>
    public IReadOnlyList<string> Features { get; init; } = [];
    public string? OrganizationId { get; init; }
    /// <summary>Canonical form, e.g. 00-1A-2B-3C-4D-5E.</summary>
    public string? MacId { get; init; }
    /// <summary>Who the key was issued to (a temporary key's partner or developer).</summary>
    public string? Audience { get; init; }
    public string? Purpose { get; init; }
    public LicenseRestrictions Restrictions { get; init; }
    /// <summary>A banner the product shows, e.g. "trial" for a stopgap key.</summary>
    public string? Banner { get; init; }
    /// <summary>The serial of the licence this one renews, if any.</summary>
    public string? RenewalOf { get; init; }
}
