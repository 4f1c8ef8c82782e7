using InedoLicense.KeyFormat;
using InedoLicense.Signing;

namespace InedoLicense.Verification;

/// <summary>
/// Verifies keys against a trust bundle (docs/key-format.md §5). Never throws for a key: every problem,
/// even one nobody foresaw, is that key's status. Thread-safe, so callers may verify in parallel.
/// </summary>
public sealed class LicenseVerifier(TrustBundle trust)
{
    /// <summary>The default <see cref="ClockSkew"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _clockSkew = DefaultClockSkew;

    /// <summary>
    /// Tolerance for a verifier's clock that disagrees a little with the authority's, applied where the two meet:
    /// a key is accepted from NotBefore - ClockSkew until ExpiresAt + ClockSkew (and a revocation list until its
    /// next update + ClockSkew). The issuer chain is judged at the key's IssuedAt, a time of the authority's own
    /// clock, so no skew applies there. It does not cover a clock set back on purpose (docs/security.md).
    /// </summary>
    public TimeSpan ClockSkew
    {
        get => _clockSkew;
        init => _clockSkew = value >= TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The clock skew cannot be negative.");
    }

    public TrustBundle Trust => trust;

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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Unforeseen(e, at);
        }
    }

    public LicenseVerification Verify(byte[] der, VerificationContext? context = null)
    {
        var at = context?.At ?? DateTimeOffset.UtcNow;
        try
        {
            return Verify(der, context ?? new VerificationContext(), at);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Unforeseen(e, at);
        }
    }

    // A failure nobody foresaw (a bug, a platform's crypto library, a product's own revocation source) is this key's
    // status, never an exception that would cost the other keys of a batch their results.
    private static LicenseVerification Unforeseen(Exception e, DateTimeOffset at) => LicenseVerification.NotVerified(e, at);

    private LicenseVerification Verify(byte[] der, VerificationContext context, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(der);
        SignedKey key;
        try { key = SignedDataCodec.Read(der); }
        catch (LicenseKeyFormatException e) { return LicenseVerification.Failed(e.Status, e.Message, at); }

        // Decoded before the signature only so that a failure can still name the key, and the chain be judged at its
        // issue time; trusted only after.
        LicensePayload? payload = null;
        LicenseKeyFormatException? payloadError = null;
        try { payload = PayloadCodec.Decode(key.Content); }
        catch (LicenseKeyFormatException e) { payloadError = e; }

        var choice = trust.ChooseSigner(key, payload?.IssuedAt, payload is null ? null : IssuerRoles.RequiredFor(payload.Kind));
        var issuer = choice.Issuer;
        switch (choice.Failure)
        {
            case SignerFailure.NoCandidate:
                return LicenseVerification.Failed(LicenseStatus.UntrustedIssuer,
                    $"No certificate in the trust bundle has the signer's key identifier {key.SubjectKeyIdHex}.", at, payload);
            case SignerFailure.UntrustedChain:
                return LicenseVerification.From(payload, LicenseStatus.UntrustedIssuer,
                    $"The issuer certificate {issuer!.Subject} is not trusted: {issuer.ChainProblem}", at, issuer);
            case SignerFailure.UnfitToSign:
                return LicenseVerification.From(payload, LicenseStatus.UntrustedIssuer,
                    $"The issuer certificate {issuer!.Subject} may not sign keys: {issuer.SigningProblem}.", at, issuer);
            case SignerFailure.NotValidWhenSigned:
                return LicenseVerification.From(payload, LicenseStatus.UntrustedIssuer,
                    $"The key was issued at {Moments.Text(payload!.IssuedAt)}, outside the issuer certificate chain's validity " +
                    $"({Moments.Text(issuer!.ValidFrom)} to {Moments.Text(issuer.ValidTo)}).", at, issuer);
            case SignerFailure.BadSignature:
                return LicenseVerification.From(null, LicenseStatus.BadSignature,
                    "The signature does not match the key's content: the key was changed or was not signed by its issuer.", at, issuer);
        }
        if (payloadError is not null)
            return LicenseVerification.From(null, payloadError.Status, payloadError.Message, at, issuer);
        return CheckPolicy(payload!, issuer!, choice.Failure == SignerFailure.MissingRole, context, at);
    }

    private LicenseVerification CheckPolicy(LicensePayload payload, TrustedIssuer issuer, bool missingRole, VerificationContext context, DateTimeOffset at)
    {
        LicenseVerification Result(LicenseStatus status, string message, DateTimeOffset? revokedAt = null) =>
            LicenseVerification.From(payload, status, message, at, issuer, revokedAt);

        if (missingRole)
            return Result(LicenseStatus.IssuerNotAuthorizedForKind,
                $"{issuer.Subject} does not hold the role that may sign {payload.Kind} keys.");
        // A revocation is not tied to a moment: a serial on the list is revoked whatever the evaluation moment.
        if (context.Revocations is { } revocations && revocations.TryGetRevocation(payload.Serial, out var revokedAt, out var reason))
            return Result(LicenseStatus.Revoked,
                $"Revoked on {Moments.Text(revokedAt)}{(string.IsNullOrEmpty(reason) ? "" : ": " + reason)}.", revokedAt);
        if (Moments.Plus(at, ClockSkew) < payload.NotBefore)
            return Result(LicenseStatus.NotYetValid, $"Valid from {Moments.Text(payload.NotBefore)}.");
        if (payload.ExpiresAt is { } expiresAt && Moments.Minus(at, ClockSkew) >= expiresAt)
            return Result(LicenseStatus.Expired, $"Expired on {Moments.Text(expiresAt)}.");
        if (context.Product is { } product && !TextMatch.Equal(product, payload.Product))
            return Result(LicenseStatus.ProductMismatch, $"The key is for {payload.Product ?? "no product"}, not {product}.");
        if (context.OrganizationId is { } organization && payload.OrganizationId is not null
            && !TextMatch.Equal(organization, payload.OrganizationId))
            return Result(LicenseStatus.OrganizationMismatch, $"The key is for organisation {payload.OrganizationId}, not {organization}.");
        var compared = "";
        if (payload.MacId is { } bound && MachineToCompare(context, out compared) is var (mac, found))
        {
            if (!found)
                return Result(LicenseStatus.MachineMismatch,
                    $"The key is bound to MAC ID {bound}, and no adapter of this machine qualifies for a MAC ID (the MAC ID list of this machine says why).");
            if (!TextMatch.Equal(mac, bound))
                return Result(LicenseStatus.MachineMismatch,
                    $"The key is bound to MAC ID {bound}, not {mac}.{(context.MacId is null ? compared : "")}");
        }

        var validity = payload.ExpiresAt is { } end ? $"valid until {Moments.Text(end)}" : "perpetual";
        return Result(LicenseStatus.Valid, $"Valid {payload.Kind} key, {validity}.{compared}");
    }

    // The machine an agent key is compared with: the context's MAC ID, or this machine's when asked; null when none.
    // Found is false when this machine was asked for but no adapter qualifies.
    private static (string? Mac, bool Found)? MachineToCompare(VerificationContext context, out string note)
    {
        note = "";
        if (context.MacId is { } given)
        {
            note = $" Compared with MAC ID {given}.";
            return (given, true);
        }
        if (!context.CompareWithThisMachine) return null;
        if (context.ThisMachine is not { } machine) return (null, false);
        note = $" Compared with this machine's MAC ID {machine.Address} ({machine.InterfaceName}).";
        return (machine.Address, true);
    }
}
