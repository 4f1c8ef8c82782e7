using System.Diagnostics.CodeAnalysis;

namespace InedoLicense.KeyFormat;

/// <summary>
/// The signed content of a key (docs/design/key-format.md). Times are whole seconds, UTC.
/// Kind-specific fields are null when the kind does not use them.
/// </summary>
/// <remarks>
/// <see cref="Fields"/> is the field map: every field once, with its key-format name, DER tag, type and store column.
/// The codec, the store's rows and readers, the integrity check and the output objects all work from it, so a new
/// field is a property here, its entry in <see cref="Fields"/>, and a migration that adds its column.
/// </remarks>
public sealed record LicensePayload
{
    public const int CurrentVersion = 1;

    private readonly FeatureList _features = FeatureList.Empty;

    public LicensePayload() { }

    [SetsRequiredMembers]
    private LicensePayload(bool blank) => (Serial, Kind, IssuedAt, NotBefore) = ("", default, default, default);

    /// <summary>A payload with nothing set yet, for readers that fill it field by field through <see cref="Fields"/>.</summary>
    internal static LicensePayload Blank { get; } = new(blank: true);

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
    public IReadOnlyList<string> Features { get => _features; init => _features = FeatureList.Of(value); }
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

    /// <summary>
    /// The field map, in the order of the key's DER SEQUENCE: the four fixed fields, then the optional ones by tag.
    /// (Store columns follow this order; docs/design/key-format.md §3 is the specification.)
    /// </summary>
    public static IReadOnlyList<PayloadField> Fields { get; } =
    [
        new("Version", "version", null, PayloadFieldType.Version, null, p => p.Version, (p, v) => p with { Version = (int)v! }),
        new("Serial", "serial", null, PayloadFieldType.Serial, "serial", p => p.Serial, (p, v) => p with { Serial = (string)v! }),
        new("Kind", "kind", null, PayloadFieldType.Kind, "kind", p => p.Kind, (p, v) => p with { Kind = (LicenseKind)v! }),
        new("IssuedAt", "issuedAt", null, PayloadFieldType.Time, "issued_at", p => p.IssuedAt, (p, v) => p with { IssuedAt = (DateTimeOffset)v! }),
        new("NotBefore", "notBefore", 0, PayloadFieldType.Time, "not_before", p => p.NotBefore, (p, v) => p with { NotBefore = (DateTimeOffset)v! },
            defaultValue: p => p.IssuedAt),
        new("ExpiresAt", "expiresAt", 1, PayloadFieldType.Time, "expires_at", p => p.ExpiresAt, (p, v) => p with { ExpiresAt = (DateTimeOffset?)v }),
        new("Customer", "customer", 2, PayloadFieldType.Text, "customer", p => p.Customer, (p, v) => p with { Customer = (string?)v }),
        new("Product", "product", 3, PayloadFieldType.Text, "product", p => p.Product, (p, v) => p with { Product = (string?)v }),
        new("Edition", "edition", 4, PayloadFieldType.Text, "edition", p => p.Edition, (p, v) => p with { Edition = (string?)v }),
        new("Features", "features", 5, PayloadFieldType.TextList, "features", p => p.Features, (p, v) => p with { Features = (IReadOnlyList<string>?)v ?? [] }),
        new("OrganizationId", "organizationId", 6, PayloadFieldType.Text, "organization_id", p => p.OrganizationId, (p, v) => p with { OrganizationId = (string?)v }),
        new("MacId", "macId", 7, PayloadFieldType.MacId, "mac_id", p => p.MacId, (p, v) => p with { MacId = (string?)v }),
        new("Audience", "audience", 8, PayloadFieldType.Text, "audience", p => p.Audience, (p, v) => p with { Audience = (string?)v }),
        new("Purpose", "purpose", 9, PayloadFieldType.Text, "purpose", p => p.Purpose, (p, v) => p with { Purpose = (string?)v }),
        new("Restrictions", "restrictions", 10, PayloadFieldType.Restrictions, "restrictions", p => p.Restrictions,
            (p, v) => p with { Restrictions = (LicenseRestrictions?)v ?? LicenseRestrictions.None }),
        new("Banner", "banner", 11, PayloadFieldType.Text, "banner", p => p.Banner, (p, v) => p with { Banner = (string?)v }),
        new("RenewalOf", "renewalOf", 12, PayloadFieldType.Serial, "renewal_of", p => p.RenewalOf, (p, v) => p with { RenewalOf = (string?)v }),
    ];

    /// <summary>The field of <see cref="Fields"/> named <paramref name="name"/> (its property name).</summary>
    public static PayloadField Field(string name) =>
        Fields.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"The payload has no field {name}.", nameof(name));
}
