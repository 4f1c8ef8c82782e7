using System.Security.Cryptography;
using System.Text;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;

namespace InedoLicense.Verification;

/// <summary>One revoked key: its serial, when it was revoked and, optionally, why.</summary>
public sealed record RevokedKey(string Serial, DateTimeOffset RevokedAt, string? Reason);

/// <summary>
/// A signed revocation list for verifiers that never see the store (offline agents): CMS
/// SignedData in the key profile, signed by an Issuer-role certificate of the authority, with a
/// next-update time after which it must not be used (docs/revocation-list.md).
/// </summary>
public sealed class RevocationList : IRevocationList
{
    public const string ArmourLabel = "INEDO LICENSE REVOCATION LIST";

    /// <summary>The role a certificate must hold to sign a list: the role that issues ordinary keys.</summary>
    public const IssuerRole SignerRole = IssuerRole.Issuer;

    private readonly Dictionary<string, RevokedKey> _bySerial;

    private RevocationList(RevocationListContent content, TrustedIssuer signer)
    {
        IssuedAt = content.IssuedAt;
        NextUpdate = content.NextUpdate;
        Entries = content.Entries;
        _bySerial = content.Entries.ToDictionary(e => e.Serial, StringComparer.Ordinal);
        SignerSubject = signer.Certificate.Subject;
        SignerThumbprint = signer.Certificate.Thumbprint;
    }

    public DateTimeOffset IssuedAt { get; }
    public DateTimeOffset NextUpdate { get; }
    public IReadOnlyList<RevokedKey> Entries { get; }
    public int Count => Entries.Count;
    public string SignerSubject { get; }
    public string SignerThumbprint { get; }

    public bool TryGetRevocation(string serial, out DateTimeOffset revokedAt, out string? reason)
    {
        if (_bySerial.TryGetValue(serial, out var entry))
        {
            (revokedAt, reason) = (entry.RevokedAt, entry.Reason);
            return true;
        }
        (revokedAt, reason) = (default, null);
        return false;
    }

    /// <summary>The file form: PEM armour around the DER.</summary>
    public static string ToText(byte[] der) => PemEncoding.WriteString(ArmourLabel, der) + "\n";

    /// <summary>
    /// Reads a list file (PEM or raw DER) and checks its signer against the trust bundle (its chain judged at the
    /// list's IssuedAt), the signer's role, and that <paramref name="at"/> is before its next update (plus the clock
    /// skew). A list issued after <paramref name="at"/> is accepted: a list only takes trust away, and a revocation is
    /// not tied to a moment. Throws <see cref="InvalidRevocationListException"/> saying what is wrong.
    /// </summary>
    public static RevocationList Verify(ReadOnlySpan<byte> file, TrustBundle trust, DateTimeOffset at, TimeSpan? clockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var skew = clockSkew ?? LicenseVerifier.DefaultClockSkew;
        if (skew < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(clockSkew), clockSkew, "The clock skew cannot be negative.");
        SignedKey signed;
        try { signed = SignedDataCodec.Read(ToDer(file)); }
        catch (LicenseKeyFormatException e) { throw new InvalidRevocationListException(RevocationListProblem.Malformed, "The file is not a signed revocation list: " + e.Message, e); }

        // Decoded before the signature so that the signer's chain can be judged at the list's issue time; trusted only after.
        RevocationListContent? content = null;
        InvalidRevocationListException? contentError = null;
        try { content = RevocationListCodec.Decode(signed.Content); }
        catch (InvalidRevocationListException e) { contentError = e; }

        var choice = trust.ChooseSigner(signed, content?.IssuedAt, SignerRole);
        var issuer = choice.Issuer;
        switch (choice.Failure)
        {
            case SignerFailure.NoCandidate:
                throw new InvalidRevocationListException(RevocationListProblem.UntrustedSigner,
                    $"The list is not signed by the authority: no certificate of the trust bundle has the signer's key identifier {signed.SubjectKeyIdHex}.");
            case SignerFailure.UntrustedChain:
                throw new InvalidRevocationListException(RevocationListProblem.UntrustedSigner,
                    $"The list's signer {issuer!.Subject} is not trusted: {issuer.ChainProblem}");
            case SignerFailure.UnfitToSign:
                throw new InvalidRevocationListException(RevocationListProblem.UntrustedSigner,
                    $"The list's signer {issuer!.Subject} may not sign: {issuer.SigningProblem}.");
            case SignerFailure.NotValidWhenSigned:
                throw new InvalidRevocationListException(RevocationListProblem.UntrustedSigner,
                    $"The list was issued at {Moments.Text(content!.IssuedAt)}, outside its signer {issuer!.Subject}'s validity " +
                    $"({Moments.Text(issuer.ValidFrom)} to {Moments.Text(issuer.ValidTo)}).");
            case SignerFailure.BadSignature:
                throw new InvalidRevocationListException(RevocationListProblem.BadSignature,
                    "The list's signature does not match its content: the list was changed after it was signed.");
        }
        if (contentError is not null) throw contentError;
        if (choice.Failure == SignerFailure.MissingRole)
            throw new InvalidRevocationListException(RevocationListProblem.SignerNotAuthorized,
                $"{issuer!.Subject} does not hold the {SignerRole} role, which signing a revocation list needs.");

        if (Moments.Minus(at, skew) >= content!.NextUpdate)
            throw new InvalidRevocationListException(RevocationListProblem.Expired,
                $"The revocation list was due for an update at {Moments.Text(content.NextUpdate)} (issued {Moments.Text(content.IssuedAt)}); it is {Moments.Text(at)}. Export a new one.");
        return new RevocationList(content, issuer!);
    }

    // Raw DER opens with a SEQUENCE tag; anything else is taken as text holding the PEM armour.
    private static byte[] ToDer(ReadOnlySpan<byte> file)
    {
        if (file.Length > 0 && file[0] == 0x30) return file.ToArray();
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file); }
        catch (DecoderFallbackException) { throw Malformed("The file is neither DER nor PEM text."); }
        if (!PemEncoding.TryFind(text, out var fields))
            throw Malformed($"The file holds no '-----BEGIN {ArmourLabel}-----' block.");
        var label = text[fields.Label];
        if (label != ArmourLabel)
            throw Malformed($"The file holds a '{label}', not an '{ArmourLabel}'.");
        return Convert.FromBase64String(text[fields.Base64Data]);
    }

    private static InvalidRevocationListException Malformed(string message) => new(RevocationListProblem.Malformed, message);

}
