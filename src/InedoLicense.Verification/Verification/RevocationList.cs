using System.Globalization;
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
    /// Reads a list file (PEM or raw DER) and checks its signer against the trust bundle, the
    /// signer's role, and that <paramref name="at"/> is before its next update (less the clock skew).
    /// Throws <see cref="InvalidRevocationListException"/> saying what is wrong.
    /// </summary>
    public static RevocationList Verify(ReadOnlySpan<byte> file, TrustBundle trust, DateTimeOffset at, TimeSpan? clockSkew = null)
    {
        var skew = clockSkew ?? LicenseVerifier.DefaultClockSkew;
        SignedKey signed;
        try { signed = SignedDataCodec.Read(ToDer(file)); }
        catch (LicenseKeyFormatException e) { throw new InvalidRevocationListException(RevocationListProblem.Malformed, "The file is not a signed revocation list: " + e.Message, e); }

        var issuer = trust.Find(signed)
            ?? throw new InvalidRevocationListException(RevocationListProblem.UntrustedSigner,
                $"The list is not signed by the authority: no certificate of the trust bundle has the signer's key identifier {signed.SubjectKeyIdHex}.");
        if (!issuer.ChainIsTrusted)
            throw new InvalidRevocationListException(RevocationListProblem.UntrustedSigner,
                $"The list's signer {issuer.Certificate.Subject} is not trusted: {issuer.ChainProblem}");
        if (at < issuer.ValidFrom || at > issuer.ValidTo)
            throw new InvalidRevocationListException(RevocationListProblem.UntrustedSigner,
                $"The list's signer {issuer.Certificate.Subject} is valid from {Time(issuer.ValidFrom)} to {Time(issuer.ValidTo)}, not at {Time(at)}.");
        if (!issuer.VerifySignature(signed))
            throw new InvalidRevocationListException(RevocationListProblem.BadSignature,
                "The list's signature does not match its content: the list was changed after it was signed.");
        if (!issuer.Roles.Contains(SignerRole))
            throw new InvalidRevocationListException(RevocationListProblem.SignerNotAuthorized,
                $"{issuer.Certificate.Subject} does not hold the {SignerRole} role, which signing a revocation list needs.");

        var content = RevocationListCodec.Decode(signed.Content);
        if (at - skew >= content.NextUpdate)
            throw new InvalidRevocationListException(RevocationListProblem.Expired,
                $"The revocation list was due for an update at {Time(content.NextUpdate)} (issued {Time(content.IssuedAt)}); it is {Time(at)}. Export a new one.");
        return new RevocationList(content, issuer);
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

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
