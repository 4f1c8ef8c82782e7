using InedoLicense.KeyFormat;

namespace InedoLicense.Verification;

/// <summary>One key's verification result: its status and, when the key could be read, its fields.</summary>
/// <remarks>
/// The key's fields are its payload's (<see cref="LicensePayload.Fields"/>), carried whole; the properties below show
/// them as PowerShell and products read them, and are null when the key could not be read.
/// </remarks>
public sealed record LicenseVerification
{
    /// <summary>The key's signed fields; null when the key could not be read.</summary>
    internal LicensePayload? Payload { get; init; }

    public string? Serial => Payload?.Serial;
    public LicenseKind? Kind => Payload?.Kind;
    public LicenseStatus Status { get; init; }
    public bool IsValid => Status == LicenseStatus.Valid;
    public required string Message { get; init; }
    public string? Customer => Payload?.Customer;
    public string? Product => Payload?.Product;
    public string? Edition => Payload?.Edition;
    public string? OrganizationId => Payload?.OrganizationId;
    public string? MacId => Payload?.MacId;
    public string? Audience => Payload?.Audience;
    public string? Purpose => Payload?.Purpose;
    public string? Banner => Payload?.Banner;
    public DateTimeOffset? IssuedAt => Payload?.IssuedAt;
    public DateTimeOffset? NotBefore => Payload?.NotBefore;
    public DateTimeOffset? ExpiresAt => Payload?.ExpiresAt;
    /// <summary>Time left at the evaluated moment; negative once expired; null for perpetual keys.</summary>
    public TimeSpan? Remaining { get; init; }
    public LicenseRestrictions Restrictions => Payload?.Restrictions ?? LicenseRestrictions.None;
    public IReadOnlyList<string> Features => Payload?.Features ?? FeatureList.Empty;
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
        Payload = payload,
        Status = status,
        Message = message,
        Remaining = payload?.ExpiresAt is { } end ? TimeSpan.FromSeconds(Math.Truncate((end - at).TotalSeconds)) : null,
        IssuerSubject = issuer?.Subject,
        IssuerThumbprint = issuer?.Thumbprint,
        RevokedAt = revokedAt,
        EvaluatedAt = at,
    };
}
