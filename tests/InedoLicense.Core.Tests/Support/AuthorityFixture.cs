using System.Security.Cryptography.X509Certificates;
using InedoLicense.Authority;
using InedoLicense.Issuance;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Support;

/// <summary>
/// One authority on disk (root, "issuer", "superadmin", trust.pem) shared read-only by the tests of a class.
/// Tests must not add issuers to it; those that change an authority create their own.
/// </summary>
public abstract class AuthorityFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    protected AuthorityFixture(KeyAlgorithm algorithm)
    {
        Algorithm = algorithm;
        Now = KeyIssuer.Now();
        Authority = LicenseAuthority.Create(_folder.Combine("authority"), "Test Vendor", algorithm, password: null, Now);
        Issuer = Authority.OpenDefaultSigner(IssuerRole.Issuer, password: null);
        SuperAdmin = Authority.OpenDefaultSigner(IssuerRole.SuperAdmin, password: null);
        Root = Authority.RootCertificate;
        Trust = TrustBundle.Load(Authority.TrustBundlePath);
        Verifier = new LicenseVerifier(Trust);
    }

    public KeyAlgorithm Algorithm { get; }
    /// <summary>When the authority was created (whole seconds); its certificates are valid from 5 minutes before.</summary>
    public DateTimeOffset Now { get; }
    public LicenseAuthority Authority { get; }
    public LicenseSigner Issuer { get; }
    public LicenseSigner SuperAdmin { get; }
    /// <summary>The root certificate, without its private key.</summary>
    public X509Certificate2 Root { get; }
    public TrustBundle Trust { get; }
    public LicenseVerifier Verifier { get; }

    /// <summary>The ordinary issuer's certificate without its private key, as a verifier holds it.</summary>
    public X509Certificate2 IssuerCertificate => X509CertificateLoader.LoadCertificate(Issuer.Certificate.RawData);

    public byte[] IssuerKeyId => Certificates.SubjectKeyId(Issuer.Certificate);

    public VerificationContext At(DateTimeOffset at) => new() { At = at };

    public void Dispose()
    {
        Issuer.Dispose();
        SuperAdmin.Dispose();
        Trust.Dispose();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class EcdsaAuthorityFixture() : AuthorityFixture(KeyAlgorithm.EcdsaP256);

public sealed class RsaAuthorityFixture() : AuthorityFixture(KeyAlgorithm.Rsa3072);
