using System.Security.Cryptography.X509Certificates;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Security;

/// <summary>A root with an Issuer and a SuperAdmin certificate, made in memory, and the trust bundle of the three.</summary>
public sealed class InMemoryAuthority : IDisposable
{
    public InMemoryAuthority(string name = "Security Test Vendor")
    {
        Now = KeyIssuer.Now();
        Root = CertificateFactory.CreateRoot(name, KeyAlgorithm.EcdsaP256, Now.AddDays(-1));
        IssuerCertificate = CertificateFactory.CreateIssuer(Root, name + " Issuer", [IssuerRole.Issuer], KeyAlgorithm.EcdsaP256, Now.AddDays(-1));
        SuperAdminCertificate = CertificateFactory.CreateIssuer(Root, name + " SuperAdmin", [IssuerRole.SuperAdmin], KeyAlgorithm.EcdsaP256, Now.AddDays(-1));
        Issuer = new LicenseSigner(IssuerCertificate);
        SuperAdmin = new LicenseSigner(SuperAdminCertificate);
        Trust = new TrustBundle(new[] { Root, IssuerCertificate, SuperAdminCertificate }.Select(c => X509CertificateLoader.LoadCertificate(c.RawData)));
    }

    public DateTimeOffset Now { get; }
    public X509Certificate2 Root { get; }
    public X509Certificate2 IssuerCertificate { get; }
    public X509Certificate2 SuperAdminCertificate { get; }
    public LicenseSigner Issuer { get; }
    public LicenseSigner SuperAdmin { get; }
    public TrustBundle Trust { get; }

    public LicensePayload License(string customer = "Contoso") => KeyIssuer.NewPayload(LicenseKind.License) with
    {
        Customer = customer,
        Product = "ProGet",
        Edition = "Basic",
    };

    public void Dispose()
    {
        Trust.Dispose();
        Issuer.Dispose();
        SuperAdmin.Dispose();
        foreach (var certificate in new[] { Root, IssuerCertificate, SuperAdminCertificate }) certificate.Dispose();
    }
}
