using InedoLicense.KeyFormat;

namespace InedoLicense.Verification;

/// <summary>One key's verification result: its status and, when the key could be read, its fields.</summary>
public sealed record LicenseVerification
{
    private readonly FeatureList _features = FeatureList.Empty;

    public string? Serial { get; init; }
    public LicenseKind? Kind { get; init; }
    public LicenseStatus Status { get; init; }
    public bool IsValid => Status == LicenseStatus.Valid;
    public required string Message { get; init; }
    public string? Customer { get; init; }
    public string? Product { get; init; }
    public string? Edition { get; init; }
    public string? OrganizationId { get; init; }
    public string? MacId { get; init; }
    public string? Audience { get; init; }
    public string? Purpose { get; init; }
    public string? Banner { get; init; }
    public DateTimeOffset? IssuedAt { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>Time left at the evaluated moment; negative once expired; null for perpetual keys.</summary>
    public TimeSpan? Remaining { get; init; }
    public LicenseRestrictions Restrictions { get; init; }
    public IReadOnlyList<string> Features { get => _features; init => _features = FeatureList.Of(value); }
    public bool DataConfigurationSavingDisabled => Restrictions.HasFlag(LicenseRestrictions.DataConfigurationSavingDisabled);
    public bool NoFeedLoginDetails => Restrictions.HasFlag(LicenseRestrictions.NoFeedLoginDetails);

    /// <summary>True when the key carries the feature, as "Name" or "Name=Value" (the name matched ignoring ASCII case).</summary>
    public bool HasFeature(string name) => Features.Any(feature => TextMatch.Equal(FeatureName(feature), name));

    /// <summary>The value of a "Name=Value" feature (e.g. "Servers=10" gives "10"); null when the key lacks it or it has no value.</summary>
    public string? FeatureValue(string name)
    {
        foreach (var feature in Features)
        {
            var equals = feature.IndexOf('=');
            if (equals > 0 && TextMatch.Equal(feature[..equals], name)) return feature[(equals + 1)..];
        }
        return null;
    }

    private static string FeatureName(string feature) => feature.IndexOf('=') is var equals and > 0 ? feature[..equals] : feature;
    public string? IssuerSubject { get; init; }
    public string? IssuerThumbprint { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    /// <summary>The moment the key was evaluated at.</summary>
    public DateTimeOffset EvaluatedAt { get; init; }
    /// <summary>Where the key came from, e.g. "keys.txt:42" for -Path input.</summary>
    public string? Source { get; init; }

    /// <summary>The result for a key that could not be verified at all (<see cref="LicenseStatus.VerificationFailed"/>): what happened, and when.</summary>
    public static LicenseVerification NotVerified(Exception failure, DateTimeOffset at) =>
        Failed(LicenseStatus.VerificationFailed, $"The key could not be verified: {failure.GetType().Name}: {failure.Message}", at);

    internal static LicenseVerification Failed(LicenseStatus status, string message, DateTimeOffset at, LicensePayload? payload = null) =>
        From(payload, status, message, at, issuer: null);

    internal static LicenseVerification From(LicensePayload? payload, LicenseStatus status, string message, DateTimeOffset at,
        TrustedIssuer? issuer, DateTimeOffset? revokedAt = null) => new()
    {
        Serial = payload?.Serial,
        Kind = payload?.Kind,
        Status = status,
        Message = message,
        Customer = payload?.Customer,
        Product = payload?.Product,
        Edition = payload?.Edition,
        OrganizationId = payload?.OrganizationId,
        MacId = payload?.MacId,
        Audience = payload?.Audience,
        Purpose = payload?.Purpose,
        Banner = payload?.Banner,
        IssuedAt = payload?.IssuedAt,
        NotBefore = payload?.NotBefore,
        ExpiresAt = payload?.ExpiresAt,
        Remaining = payload?.ExpiresAt is { } end ? TimeSpan.FromSeconds(Math.Truncate((end - at).TotalSeconds)) : null,
        Restrictions = payload?.Restrictions ?? LicenseRestrictions.None,
        Features = payload?.Features ?? [],
        IssuerSubject = issuer?.Subject,
        IssuerThumbprint = issuer?.Thumbprint,
        RevokedAt = revokedAt,
        EvaluatedAt = at,
    };
}
