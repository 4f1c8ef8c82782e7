using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;

namespace InedoLicense.Signing;

/// <summary>Signs payloads with one issuer certificate. Holds the private key for its lifetime.</summary>
public sealed class LicenseSigner : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;
    private readonly byte[] _subjectKeyId;
    private readonly IReadOnlyList<byte[]> _chain;

    public LicenseSigner(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chainToEmbed = null)
    {
        Certificate = certificate;
        _ecdsa = certificate.GetECDsaPrivateKey();
        _rsa = _ecdsa is null ? certificate.GetRSAPrivateKey() : null;
        if (_ecdsa is null && _rsa is null)
            throw new ArgumentException($"Certificate {certificate.Thumbprint} has no ECDSA or RSA private key.", nameof(certificate));
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
        byte[] signature;
        string algorithm;
        if (_ecdsa is not null)
        {
            signature = _ecdsa.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            algorithm = Oids.EcdsaWithSha256;
        }
        else
        {
            signature = _rsa!.SignData(content, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            algorithm = Oids.Sha256WithRsa;
        }
        return SignedDataCodec.Write(content, _subjectKeyId, algorithm, signature, includeCertificates ? _chain : null);
    }

    public void Dispose()
    {
        _ecdsa?.Dispose();
        _rsa?.Dispose();
    }
}
