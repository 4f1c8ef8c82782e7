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
    private readonly ThreadLocal<AsymmetricAlgorithm> _publicKey;

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
        _publicKey = new ThreadLocal<AsymmetricAlgorithm>(
            () => (AsymmetricAlgorithm?)certificate.GetECDsaPublicKey() ?? certificate.GetRSAPublicKey()
                  ?? throw new CryptographicException("The issuer certificate has no ECDSA or RSA public key."),
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

    public bool MaySign(LicenseKind kind) => Roles.Contains(IssuerRoles.RequiredFor(kind));

    internal bool VerifySignature(SignedKey key)
    {
        var content = key.Content.Span;
        var signature = key.Signature.Span;
        return _publicKey.Value switch
        {
            ECDsa ecdsa => key.SignatureAlgorithm == Oids.EcdsaWithSha256
                && ecdsa.VerifyData(content, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            RSA rsa => key.SignatureAlgorithm is Oids.Sha256WithRsa or Oids.RsaEncryption
                && rsa.VerifyData(content, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => false,
        };
    }

    public void Dispose()
    {
        foreach (var key in _publicKey.Values) key.Dispose();
        _publicKey.Dispose();
    }
}
