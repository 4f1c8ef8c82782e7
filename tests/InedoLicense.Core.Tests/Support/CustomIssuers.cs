using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Support;

/// <summary>
/// Roots and issuer certificates with whatever dates, keys and extensions a test needs, including the ones the
/// authority never makes (a CA as signer, no digitalSignature, P-384, RSA 1024, Ed25519), and keys signed by them.
/// </summary>
internal static class CustomIssuers
{
    public static X509Certificate2 Root(string name, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} Root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(CertificateFactory.ShortKeyId(request.PublicKey), false));
        return request.CreateSelfSigned(from, to);
    }

    /// <summary>An issuer certificate for <paramref name="key"/> (ECDSA or RSA), signed by <paramref name="root"/>, with its private key.</summary>
    public static X509Certificate2 Issuer(X509Certificate2 root, string name, AsymmetricAlgorithm key, DateTimeOffset from, DateTimeOffset to,
        IssuerRole[]? roles = null, bool certificateAuthority = false, X509KeyUsageFlags? usage = X509KeyUsageFlags.DigitalSignature)
    {
        var request = key switch
        {
            ECDsa ecdsa => new CertificateRequest($"CN={name}", ecdsa, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("ECDSA or RSA", nameof(key)),
        };
        using var signed = Sign(request, root, from, to, roles, certificateAuthority, usage);
        return key switch
        {
            ECDsa ecdsa => signed.CopyWithPrivateKey(ecdsa),
            RSA rsa => signed.CopyWithPrivateKey(rsa),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>An issuer certificate holding an Ed25519 public key (which .NET cannot sign with), signed by <paramref name="root"/>.</summary>
    public static X509Certificate2 Ed25519Issuer(X509Certificate2 root, DateTimeOffset from, DateTimeOffset to)
    {
        var spki = new AsnWriter(AsnEncodingRules.DER);
        using (spki.PushSequence())
        {
            using (spki.PushSequence())
                spki.WriteObjectIdentifier("1.3.101.112");
            spki.WriteBitString(RandomNumberGenerator.GetBytes(32));
        }
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(spki.Encode(), out _);
        var request = new CertificateRequest(new X500DistinguishedName("CN=Ed25519 Issuer"), publicKey, HashAlgorithmName.SHA256);
        return Sign(request, root, from, to, [IssuerRole.Issuer], false, X509KeyUsageFlags.DigitalSignature);
    }

    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 root, DateTimeOffset from, DateTimeOffset to,
        IssuerRole[]? roles, bool certificateAuthority, X509KeyUsageFlags? usage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority, false, 0, true));
        if (usage is { } flags) request.CertificateExtensions.Add(new X509KeyUsageExtension(flags, true));
        var usages = new OidCollection();
        foreach (var role in roles ?? [IssuerRole.Issuer]) usages.Add(new Oid(IssuerRoles.Oid(role)));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(CertificateFactory.ShortKeyId(request.PublicKey), false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var rootKey = root.GetECDsaPrivateKey()!;
        return request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), from, to, RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>A key that claims <paramref name="certificate"/> as signer and embeds it, with a signature no key made (the verifier must refuse it before).</summary>
    public static byte[] KeyClaimingSigner(X509Certificate2 certificate, LicensePayload payload) =>
        SignedDataCodec.Write(PayloadCodec.Encode(payload), Certificates.SubjectKeyId(certificate), Oids.EcdsaWithSha256,
            RandomNumberGenerator.GetBytes(70), [certificate.RawData]);

    public static TrustBundle Bundle(params X509Certificate2[] certificates) =>
        new(certificates.Select(Certificates.PublicOnly));
}
