using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace InedoLicense.Signing;

/// <summary>Creates the authority's root and issuer certificates.</summary>
public static class CertificateFactory
{
    public static readonly TimeSpan RootLifetime = TimeSpan.FromDays(365 * 25);
    public static readonly TimeSpan IssuerLifetime = TimeSpan.FromDays(365 * 10);

    public static X509Certificate2 CreateRoot(string name, KeyAlgorithm algorithm, DateTimeOffset now)
    {
        using var key = CreateKey(algorithm);
        var request = CreateRequest($"CN={Escape(name)} Licence Root", key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(ShortKeyId(request.PublicKey), false));
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + RootLifetime);
        return certificate;
    }

    /// <summary>An end-entity certificate that signs keys in the given roles, signed by the root.</summary>
    public static X509Certificate2 CreateIssuer(X509Certificate2 root, string name, IEnumerable<IssuerRole> roles, KeyAlgorithm algorithm, DateTimeOffset now)
    {
        var key = CreateKey(algorithm);
        var request = CreateRequest($"CN={Escape(name)}", key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection();
        foreach (var role in roles) usages.Add(new Oid(IssuerRoles.Oid(role)));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(ShortKeyId(request.PublicKey), false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));

        var notAfter = now + IssuerLifetime < root.NotAfter ? now + IssuerLifetime : new DateTimeOffset(root.NotAfter);
        using var signed = request.Create(root, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        var withKey = key switch
        {
            ECDsa ecdsa => signed.CopyWithPrivateKey(ecdsa),
            RSA rsa => signed.CopyWithPrivateKey(rsa),
            _ => throw new InvalidOperationException(),
        };
        key.Dispose();
        return withKey;
    }

    /// <summary>8 bytes: the leftmost 64 bits of SHA-256 over the subjectPublicKey (RFC 7093 §2, method 1 shortened). Keeps keys short.</summary>
    public static byte[] ShortKeyId(PublicKey publicKey)
    {
        var spki = new AsnReader(publicKey.ExportSubjectPublicKeyInfo(), AsnEncodingRules.DER).ReadSequence();
        spki.ReadSequence();
        var bits = spki.ReadBitString(out _);
        return SHA256.HashData(bits)[..8];
    }

    private static AsymmetricAlgorithm CreateKey(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        KeyAlgorithm.Rsa3072 => RSA.Create(3072),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static CertificateRequest CreateRequest(string subject, AsymmetricAlgorithm key) => key switch
    {
        ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException(),
    };

    private static string Escape(string name) =>
        name.IndexOfAny([',', '+', '"', '\\', '<', '>', ';', '=']) >= 0 ? "\"" + name.Replace("\"", "\\\"") + "\"" : name;
}
