using System.Management.Automation;
using InedoLicense.Signing;

namespace InedoLicense.Engine.Tests.Security;

/// <summary>
/// Issuing checks the signing certificate against the authority's trust bundle, as a verifier will, not only the
/// role it claims: a SuperAdmin certificate from another root is refused before anything is signed or recorded.
/// </summary>
public sealed class ForgedSignerTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void AForgedSuperAdminCertificateIssuesNothing()
    {
        // A root and a SuperAdmin certificate anyone can make: same names, same role field, another key.
        var now = DateTimeOffset.UtcNow;
        using var forgedRoot = CertificateFactory.CreateRoot("InedoLicense", KeyAlgorithm.EcdsaP256, now);
        using var forged = CertificateFactory.CreateIssuer(forgedRoot, "InedoLicense SuperAdmin", [IssuerRole.SuperAdmin], KeyAlgorithm.EcdsaP256, now);

        var (output, errors) = _session.Invoke("New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -SigningCertificate $args[0] -StorePath $StorePath", forged);

        Assert.Empty(output);
        var failure = ErrorAssert.Single(errors, "SigningCertificateNotTrusted", ErrorCategory.SecurityError);
        Assert.Equal(forged.Thumbprint, ((System.Security.Cryptography.X509Certificates.X509Certificate2)Unwrap(failure.TargetObject)!).Thumbprint);
        Assert.Contains("does not chain to the root of this store's licence authority", failure.Exception.Message);
        Assert.Contains("nothing was issued", failure.Exception.Message);
        Assert.Empty(_session.Run("Get-License -Kind TemporaryOrganization -StorePath $StorePath"));

        // The authority's own Super-Admin certificate still issues.
        Assert.Single(_session.Run("New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -CertificatePath $args[0] -StorePath $StorePath",
            Path.Combine(_session.AuthorityPath, "issuers", "superadmin.pfx")));
    }

    [Fact]
    public void AnAuthorityCreatedForTheStoreElsewhereIsTrustedToo()
    {
        // New-LicenseAuthority -Path records the authority in the store: its issuers may sign into it.
        var other = Path.Combine(_session.Folder, "contoso-authority");
        _session.Run("$null = New-LicenseAuthority -Path $args[0] -Name Contoso -NoPassword -StorePath $StorePath", other);

        var key = _session.Run("New-License ProGet Fabrikam Basic -CertificatePath $args[0] -StorePath $StorePath", Path.Combine(other, "issuers", "issuer.pfx")).Single();
        Assert.Equal("Fabrikam", key.Text("Customer"));

        // One made for another store is not.
        var stranger = Path.Combine(_session.Folder, "stranger");
        _session.Run("$null = New-LicenseAuthority -Path $args[0] -NoPassword -StorePath $args[1]", stranger, Path.Combine(_session.Folder, "other.db"));
        var refused = _session.RunExpectingFailure("New-License ProGet Fabrikam Basic -CertificatePath $args[0] -StorePath $StorePath", Path.Combine(stranger, "issuers", "issuer.pfx"));
        Assert.Equal("SigningCertificateNotTrusted", refused.FullyQualifiedErrorId.Split(',')[0]);
    }

    private static object? Unwrap(object? target) => target is PSObject wrapped ? wrapped.BaseObject : target;
}
