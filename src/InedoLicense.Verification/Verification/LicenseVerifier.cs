using System.Globalization;
using InedoLicense.KeyFormat;

namespace InedoLicense.Verification;

/// <summary>
/// Verifies keys against a trust bundle. Never throws for a bad key: every problem is a status.
/// Thread-safe, so callers may verify in parallel.
/// </summary>
public sealed class LicenseVerifier(TrustBundle trust)
{
    /// <summary>The default <see cref="ClockSkew"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Tolerance for clocks that disagree a little, applied to not-before and expiry: a key is
    /// accepted from NotBefore - ClockSkew until ExpiresAt + ClockSkew. It does not cover a clock
    /// set back on purpose (docs/security.md).
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = DefaultClockSkew;

    public LicenseVerification Verify(string keyText, VerificationContext? context = null)
    {
        var at = context?.At ?? DateTimeOffset.UtcNow;
        try
        {
            return Verify(KeyText.Decode(keyText), context ?? new VerificationContext(), at);
        }
        catch (LicenseKeyFormatException e)
        {
            return LicenseVerification.Failed(e.Status, e.Message, at);
        }
    }

    public LicenseVerification Verify(byte[] der, VerificationContext? context = null) =>
        Verify(der, context ?? new VerificationContext(), context?.At ?? DateTimeOffset.UtcNow);

    private LicenseVerification Verify(byte[] der, VerificationContext context, DateTimeOffset at)
    {
        SignedKey key;
        try { key = SignedDataCodec.Read(der); }
        catch (LicenseKeyFormatException e) { return LicenseVerification.Failed(e.Status, e.Message, at); }

        // Decoded before the signature only so that a failure can still name the key; trusted only after.
        LicensePayload? payload = null;
        LicenseKeyFormatException? payloadError = null;
        try { payload = PayloadCodec.Decode(key.Content); }
        catch (LicenseKeyFormatException e) { payloadError = e; }

        var issuer = trust.Find(key);
        if (issuer is null)
            return LicenseVerification.Failed(LicenseStatus.UntrustedIssuer,
                $"No certificate in the trust bundle has the signer's key identifier {key.SubjectKeyIdHex}.", at, payload);
        if (!issuer.ChainIsTrusted)
            return LicenseVerification.From(payload, LicenseStatus.UntrustedIssuer,
                $"The issuer certificate {issuer.Subject} is not trusted: {issuer.ChainProblem}", at, issuer);
        if (at + ClockSkew < issuer.ValidFrom || at - ClockSkew > issuer.ValidTo)
            return LicenseVerification.From(payload, LicenseStatus.UntrustedIssuer,
                $"The issuer certificate chain is valid from {Time(issuer.ValidFrom)} to {Time(issuer.ValidTo)}, not at {Time(at)}.", at, issuer);
        if (!issuer.VerifySignature(key))
            return LicenseVerification.From(null, LicenseStatus.BadSignature,
                "The signature does not match the key's content: the key was changed or was not signed by its issuer.", at, issuer);
        if (payloadError is not null)
            return LicenseVerification.From(null, payloadError.Status, payloadError.Message, at, issuer);

        return CheckPolicy(payload!, issuer, context, at);
    }

    private LicenseVerification CheckPolicy(LicensePayload payload, TrustedIssuer issuer, VerificationContext context, DateTimeOffset at)
    {
        LicenseVerification Result(LicenseStatus status, string message, DateTimeOffset? revokedAt = null) =>
            LicenseVerification.From(payload, status, message, at, issuer, revokedAt);

        if (!issuer.MaySign(payload.Kind))
            return Result(LicenseStatus.IssuerNotAuthorizedForKind,
                $"{issuer.Subject} does not hold the role that may sign {payload.Kind} keys.");
        if (context.Revocations is { } revocations && revocations.TryGetRevocation(payload.Serial, out var revokedAt, out var reason))
            return Result(LicenseStatus.Revoked,
                $"Revoked on {Time(revokedAt)}{(string.IsNullOrEmpty(reason) ? "" : ": " + reason)}.", revokedAt);
        if (at + ClockSkew < payload.NotBefore)
            return Result(LicenseStatus.NotYetValid, $"Valid from {Time(payload.NotBefore)}.");
        if (payload.ExpiresAt is { } expiresAt && at - ClockSkew >= expiresAt)
            return Result(LicenseStatus.Expired, $"Expired on {Time(expiresAt)}.");
        if (context.Product is { } product && !string.Equals(product, payload.Product, StringComparison.OrdinalIgnoreCase))
            return Result(LicenseStatus.ProductMismatch, $"The key is for {payload.Product ?? "no product"}, not {product}.");
        if (context.OrganizationId is { } organization && payload.OrganizationId is not null
            && !string.Equals(organization, payload.OrganizationId, StringComparison.OrdinalIgnoreCase))
            return Result(LicenseStatus.OrganizationMismatch, $"The key is for organisation {payload.OrganizationId}, not {organization}.");
        if (context.MacId is { } mac && payload.MacId is not null && !string.Equals(mac, payload.MacId, StringComparison.OrdinalIgnoreCase))
            return Result(LicenseStatus.MachineMismatch, $"The key is bound to MAC ID {payload.MacId}, not {mac}.");

        var validity = payload.ExpiresAt is { } end ? $"valid until {Time(end)}" : "perpetual";
        return Result(LicenseStatus.Valid, $"Valid {payload.Kind} key, {validity}.");
    }

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
