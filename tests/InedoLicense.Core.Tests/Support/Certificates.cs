using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.Signing;

namespace InedoLicense.Core.Tests.Support;

/// <summary>Certificates made in memory for tests that need an authority other than the fixture's.</summary>
internal static class Certificates
{
    /// <summary>A root and one issuer of the given role, both created as if at <paramref name="now"/>.</summary>
    public static (X509Certificate2 Root, X509Certificate2 Issuer) CreateAuthority(DateTimeOffset now, IssuerRole role = IssuerRole.Issuer)
    {
        var root = CertificateFactory.CreateRoot("Elsewhere", KeyAlgorithm.EcdsaP256, now);
        var issuer = CertificateFactory.CreateIssuer(root, "Elsewhere Issuer", [role], KeyAlgorithm.EcdsaP256, now);
        return (root, issuer);
    }

    /// <summary>An issuer that signed itself: it claims the Issuer role but chains to nothing.</summary>
    public static X509Certificate2 CreateSelfSignedIssuer(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Self-made Issuer", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(IssuerRoles.IssuerOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(CertificateFactory.ShortKeyId(request.PublicKey), false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }

    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    public static byte[] SubjectKeyId(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
}
