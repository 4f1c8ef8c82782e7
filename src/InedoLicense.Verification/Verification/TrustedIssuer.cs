using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;

namespace InedoLicense.Verification;

/// <summary>
/// An issuer certificate whose chain to a trusted root was validated once. Per key only the
/// validity window and the signature are checked; the public key is cached per thread because
/// getting it again costs more than the verification (shared/notes/cms-performance.md).
/// </summary>
public sealed class TrustedIssuer : IDisposable
{
    /// <summary>The RSA modulus lengths a verifier accepts (docs/key-format.md §4.5).</summary>
    public const int MinRsaBits = 2048, MaxRsaBits = 4096;

    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string RsaPublicKeyOid = "1.2.840.113549.1.1.1";
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ThreadLocal<AsymmetricAlgorithm?> _publicKey;
    private readonly bool _isEcdsa;

    internal TrustedIssuer(X509Certificate2 certificate, bool chainIsTrusted, string chainProblem, DateTimeOffset validFrom, DateTimeOffset validTo)
    {
        Certificate = certificate;
        ChainIsTrusted = chainIsTrusted;
        ChainProblem = chainProblem;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Roles = IssuerRoles.Of(certificate);
        Subject = certificate.Subject;
        Thumbprint = certificate.Thumbprint;
        (SigningProblem, _isEcdsa) = CheckFitToSign(certificate);
        _publicKey = new ThreadLocal<AsymmetricAlgorithm?>(
            () => SigningProblem is not null ? null : _isEcdsa ? certificate.GetECDsaPublicKey() : certificate.GetRSAPublicKey(),
            trackAllValues: true);
    }

    public X509Certificate2 Certificate { get; }
    // Cached: X509Certificate2 decodes them again on every read, and every result names its issuer.
    public string Subject { get; }
    public string Thumbprint { get; }
    public bool ChainIsTrusted { get; }
    public string ChainProblem { get; }
    /// <summary>The window in which every certificate of the chain is valid.</summary>
    public DateTimeOffset ValidFrom { get; }
    public DateTimeOffset ValidTo { get; }
    public IReadOnlySet<IssuerRole> Roles { get; }

    /// <summary>
    /// Why this certificate may not sign keys or lists whatever its chain (a CA certificate, no digitalSignature
    /// key usage, a key other than ECDSA P-256 or RSA 2048 to 4096 bits); null when it may.
    /// </summary>
    public string? SigningProblem { get; }

    public bool MaySign(LicenseKind kind) => Roles.Contains(IssuerRoles.RequiredFor(kind));

    /// <summary>True when the chain's validity window holds <paramref name="moment"/> (no clock skew: both come from the authority).</summary>
    public bool CoversMoment(DateTimeOffset moment) => moment >= ValidFrom && moment <= ValidTo;

    /// <summary>Checks the signature; false for a wrong signature, an algorithm that does not fit the key, or a key that cannot be used.</summary>
    internal bool VerifySignature(SignedKey key)
    {
        var content = key.Content.Span;
        var signature = key.Signature.Span;
        try
        {
            return _publicKey.Value switch
            {
                ECDsa ecdsa => key.SignatureAlgorithm == Oids.EcdsaWithSha256
                    && ecdsa.VerifyData(content, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
                RSA rsa => key.SignatureAlgorithm is Oids.Sha256WithRsa or Oids.RsaEncryption
                    && rsa.VerifyData(content, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // docs/key-format.md §4.5: what a signer certificate must be, beyond its chain.
    private static (string? Problem, bool IsEcdsa) CheckFitToSign(X509Certificate2 certificate)
    {
        try
        {
            if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { CertificateAuthority: true })
                return ("it is a CA certificate (BasicConstraints cA=TRUE), and only end-entity issuer certificates sign", false);
            if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is not { } usage
                || (usage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0)
                return ("its KeyUsage does not include digitalSignature", false);

            var algorithm = certificate.PublicKey.Oid.Value;
            if (algorithm == EcPublicKeyOid)
            {
                var parameters = certificate.PublicKey.EncodedParameters?.RawData ?? [];
                var curve = parameters.Length > 0 && parameters[0] == 0x06
                    ? new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier()
                    : "explicit curve parameters";
                if (curve != P256Oid)
                    return ($"its ECDSA key is on the curve {CurveName(curve)}, and issuers use P-256 ({P256Oid})", true);
                using var ecdsa = certificate.GetECDsaPublicKey();
                return ecdsa is null ? ("its ECDSA public key cannot be read", true) : (null, true);
            }
            if (algorithm == RsaPublicKeyOid)
            {
                using var rsa = certificate.GetRSAPublicKey();
                if (rsa is null) return ("its RSA public key cannot be read", false);
                return rsa.KeySize is < MinRsaBits or > MaxRsaBits
                    ? ($"its RSA key has {rsa.KeySize} bits, and issuers use {MinRsaBits} to {MaxRsaBits}", false)
                    : (null, false);
            }
            return ($"its public key is {KeyName(algorithm)}, and issuers use ECDSA P-256 or RSA", false);
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            return ($"its key or extensions cannot be read ({e.Message})", false);
        }
    }

    private static string CurveName(string oid) => oid switch
    {
        "1.3.132.0.34" => "P-384 (1.3.132.0.34)",
        "1.3.132.0.35" => "P-521 (1.3.132.0.35)",
        "1.3.132.0.10" => "secp256k1 (1.3.132.0.10)",
        _ => oid,
    };

    private static string KeyName(string? oid) => oid switch
    {
        "1.3.101.112" => "Ed25519 (1.3.101.112)",
        "1.3.101.113" => "Ed448 (1.3.101.113)",
        "1.2.840.10040.4.1" => "DSA (1.2.840.10040.4.1)",
        null => "of an unnamed algorithm",
        _ => $"of the algorithm {oid}",
    };

    public void Dispose()
    {
        foreach (var key in _publicKey.Values) key?.Dispose();
        _publicKey.Dispose();
    }
}
