using System.Globalization;
using System.Management.Automation;
using InedoLicense.Authority;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;

namespace InedoLicense.Engine.Tests;

public sealed class TemporaryOrgLicenseTests
{
    private const string Organization = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private static string Status(PSObject result) => result.Properties["Status"].Value.ToString()!;

    [Fact]
    public void TemporaryKeyCarriesTheRestrictionsExpiresAfterItsTtlAndIsNotBoundToAMachine()
    {
        using var session = new ModuleSession();
        var key = session.Run("New-TemporaryOrgLicense -OrganizationId $args[0] -Ttl 4h -IssuedTo 'jane@partner.example' -Purpose 'Ticket 4711' -StorePath $StorePath",
            Organization).Single();
        Assert.Equal("TemporaryOrganization", key.Properties["Kind"].Value.ToString());
        Assert.Null(key.Properties["MacId"].Value);
        Assert.Equal("jane@partner.example", key.Properties["Audience"].Value);
        var issuedAt = (DateTimeOffset)key.Properties["IssuedAt"].Value;
        Assert.Equal(issuedAt.AddHours(4), (DateTimeOffset)key.Properties["ExpiresAt"].Value);
        Assert.True(((string)key.Properties["Key"].Value).Length < 400);

        // Any machine: -MacId does not matter, and no lookup of this machine's MAC ID happens.
        var result = session.Run("$args[0] | Test-LicenseKey -OrganizationId $args[1] -MacId 00-1A-2B-3C-4D-5E -StorePath $StorePath", key, Organization).Single();
        Assert.Equal("Valid", Status(result));
        Assert.True((bool)result.Properties["DataConfigurationSavingDisabled"].Value);
        Assert.True((bool)result.Properties["NoFeedLoginDetails"].Value);
        Assert.Equal("OrganizationMismatch", Status(session.Run("$args[0] | Test-LicenseKey -OrganizationId OTHER -StorePath $StorePath", key).Single()));
        Assert.DoesNotContain(session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath -Verbose 4>&1", key).Select(o => o.BaseObject),
            o => o is VerboseRecord v && v.Message.Contains("this machine", StringComparison.Ordinal));
    }

    [Fact]
    public void AtAsksAboutAComingMomentAndExpiryIsReportedWithItsTime()
    {
        using var session = new ModuleSession();
        var key = session.Run("New-TemporaryOrgLicense -OrganizationId $args[0] -Ttl 4h -StorePath $StorePath", Organization).Single();
        var expiresAt = (DateTimeOffset)key.Properties["ExpiresAt"].Value;

        var inTwoHours = session.Run("$args[0] | Test-LicenseKey -At ([DateTimeOffset]::UtcNow.AddHours(2)) -StorePath $StorePath", key).Single();
        Assert.Equal("Valid", Status(inTwoHours));
        Assert.True((bool)session.Run("$args[0] | Test-LicenseKey -At ([DateTimeOffset]::UtcNow.AddHours(2)) -Quiet -StorePath $StorePath", key).Single().BaseObject);

        var inFiveHours = session.Run("$args[0] | Test-LicenseKey -At ([DateTimeOffset]::UtcNow.AddHours(5)) -StorePath $StorePath", key).Single();
        Assert.Equal("Expired", Status(inFiveHours));
        Assert.Contains(expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), (string)inFiveHours.Properties["Message"].Value);
        Assert.Equal(expiresAt, inFiveHours.Properties["ExpiresAt"].Value);
        Assert.True((TimeSpan)inFiveHours.Properties["Remaining"].Value < TimeSpan.Zero);
    }

    [Fact]
    public void OnlyASuperAdminCertificateMayIssue()
    {
        using var session = new ModuleSession();
        var issuerPfx = Path.Combine(session.AuthorityPath, "issuers", "issuer.pfx");
        var (output, errors) = session.Invoke("""
            $certificate = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadPkcs12FromFile($args[0], $null)
            New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -SigningCertificate $certificate -StorePath $StorePath
            """, issuerPfx);
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("IssuerNotAuthorizedForKind,InedoLicense.Cmdlets.Commands.NewTemporaryOrgLicenseCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("SuperAdmin", error.Exception.Message);
        Assert.Empty(session.Run("Get-License -Kind TemporaryOrganization -StorePath $StorePath"));

        // The same command with the Super-Admin's certificate issues.
        var superAdminPfx = Path.Combine(session.AuthorityPath, "issuers", "superadmin.pfx");
        Assert.Single(session.Run("""
            $certificate = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadPkcs12FromFile($args[0], $null)
            New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -SigningCertificate $certificate -StorePath $StorePath
            """, superAdminPfx));
    }

    [Fact]
    public void TestLicenseKeyRejectsATemporaryKeyForgedWithTheOrdinaryIssuerCertificate()
    {
        using var session = new ModuleSession();
        // LicenseSigner.Sign does not check roles: a key signed by a certificate that chains to the root but lacks SuperAdmin.
        string Forge(string issuerName)
        {
            using var signer = LicenseAuthority.OpenSigner(Path.Combine(session.AuthorityPath, "issuers", issuerName + ".pfx"), null);
            var payload = KeyIssuer.NewPayload(LicenseKind.TemporaryOrganization);
            return KeyText.Encode(signer.Sign(payload with
            {
                OrganizationId = "ORG-1",
                ExpiresAt = payload.IssuedAt.AddHours(4),
                Restrictions = LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails,
            }));
        }

        var forged = session.Run("Test-LicenseKey -Key $args[0] -StorePath $StorePath", Forge("issuer")).Single();
        Assert.Equal("IssuerNotAuthorizedForKind", Status(forged));
        Assert.Contains("Issuer", (string)forged.Properties["IssuerSubject"].Value);
        Assert.False((bool)session.Run("Test-LicenseKey -Key $args[0] -Quiet -StorePath $StorePath", Forge("issuer")).Single().BaseObject);
        // The same payload signed through the same API by the Super-Admin's certificate verifies.
        Assert.Equal("Valid", Status(session.Run("Test-LicenseKey -Key $args[0] -StorePath $StorePath", Forge("superadmin")).Single()));
    }

    [Fact]
    public void SeveralTemporaryKeysCanBeActiveForOneOrganisation()
    {
        using var session = new ModuleSession();
        var keys = session.Run("1..3 | ForEach-Object { New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1d -IssuedTo \"dev$_\" -StorePath $StorePath }");
        Assert.Equal(3, keys.Select(k => k.Properties["Serial"].Value).Distinct().Count());
        Assert.All(session.Run("$args | Test-LicenseKey -OrganizationId ORG-1 -StorePath $StorePath", keys.Cast<object>().ToArray()),
            result => Assert.Equal("Valid", Status(result)));
    }

    [Fact]
    public void KeysStayUnder400CharactersAndLongerOnesAreRefusedNotIssued()
    {
        using var session = new ModuleSession();
        // A GUID organisation, a 20-character -IssuedTo and every -Purpose length the cmdlet accepts (1..64).
        var (output, errors) = session.Invoke("""
            $organization = $args[0]
            1..64 | ForEach-Object {
                [pscustomobject]@{ OrganizationId = $organization; Ttl = '7d'; IssuedTo = 'i' * 20; Purpose = 'p' * $_ }
            } | New-TemporaryOrgLicense -StorePath $StorePath
            """, Organization);
        var lengths = output.Select(o => ((string)o.Properties["Key"].Value).Length).ToList();
        Assert.NotEmpty(lengths);
        Assert.All(lengths, length => Assert.True(length < 400, $"{length} characters"));
        Assert.NotEmpty(errors);
        Assert.All(errors, error =>
        {
            Assert.Equal("KeyTooLong", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        });
        // Refusals are exactly the longest purposes, and nothing refused was recorded.
        Assert.Equal(64, lengths.Count + errors.Count);
        Assert.Equal(Enumerable.Range(1, lengths.Count).Select(n => new string('p', n)), output.Select(o => (string)o.Properties["Purpose"].Value));
        Assert.Equal(lengths.Count, session.Run("Get-License -Kind TemporaryOrganization -StorePath $StorePath").Count);
    }

    [Fact]
    public void EmbeddingTheCertificateWouldMakeTheKeyTooLong()
    {
        using var session = new ModuleSession();
        var (output, errors) = session.Invoke("New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -IncludeCertificates -StorePath $StorePath");
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("KeyTooLong", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("-IncludeCertificates", error.Exception.Message);
        Assert.Empty(session.Run("Get-License -Kind TemporaryOrganization -StorePath $StorePath"));
    }

    [Fact]
    public void WhatIfIssuesNothingAndNeedsNoCertificate()
    {
        using var session = new ModuleSession();
        Assert.Empty(session.Run("New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -WhatIf -CertificatePath nowhere.pfx -StorePath $StorePath"));
        Assert.Empty(session.Run("Get-License -Kind TemporaryOrganization -StorePath $StorePath"));
    }
}
