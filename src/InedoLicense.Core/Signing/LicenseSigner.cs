using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;

namespace InedoLicense.Signing;

/// <summary>
/// Signs payloads with one issuer certificate. Holds the private key for its lifetime. Thread-safe:
/// each thread signs with its own key object, since .NET's are not safe to share.
/// </summary>
public sealed class LicenseSigner : IDisposable
{
    private readonly ThreadLocal<AsymmetricAlgorithm> _key;
    private readonly byte[] _subjectKeyId;
    private readonly IReadOnlyList<byte[]> _chain;

    public LicenseSigner(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chainToEmbed = null)
    {
        Certificate = certificate;
        AsymmetricAlgorithm? PrivateKey() => (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey();
        var first = PrivateKey()
            ?? throw new ArgumentException($"Certificate {certificate.Thumbprint} has no ECDSA or RSA private key.", nameof(certificate));
        _key = new ThreadLocal<AsymmetricAlgorithm>(() => PrivateKey()!, trackAllValues: true) { Value = first };
        _subjectKeyId = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray()
            ?? throw new ArgumentException($"Certificate {certificate.Thumbprint} has no subject key identifier.", nameof(certificate));
        Roles = IssuerRoles.Of(certificate);
        _chain = [certificate.RawData, .. (chainToEmbed ?? []).Select(c => c.RawData)];
    }

    public X509Certificate2 Certificate { get; }
    public IReadOnlySet<IssuerRole> Roles { get; }
    public string Thumbprint => Certificate.Thumbprint;

    public bool MaySign(LicenseKind kind) => Roles.Contains(IssuerRoles.RequiredFor(kind));

    /// <summary>The DER of a key. Does not check the role: callers that issue use <see cref="MaySign"/>.</summary>
    public byte[] Sign(LicensePayload payload, bool includeCertificates = false) =>
        SignContent(PayloadCodec.Encode(payload), includeCertificates);

    /// <summary>CMS SignedData in the key profile around any DER content (a key payload, a revocation list).</summary>
    public byte[] SignContent(byte[] content, bool includeCertificates = false)
    {
        var (signature, algorithm) = _key.Value switch
        {
            ECDsa ecdsa => (ecdsa.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Oids.EcdsaWithSha256),
            RSA rsa => (rsa.SignData(content, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Oids.Sha256WithRsa),
            _ => throw new InvalidOperationException("The signing key is neither ECDSA nor RSA."),
        };
        return SignedDataCodec.Write(content, _subjectKeyId, algorithm, signature, includeCertificates ? _chain : null);
    }

    public void Dispose()
    {
        foreach (var key in _key.Values) key.Dispose();
        _key.Dispose();
    }
}
