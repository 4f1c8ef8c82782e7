using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

public sealed class NewLicenseTests
{
    private const string LoadPfx = "[System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadPkcs12FromFile($args[0], $null)";

    [Fact]
    public void OutputsTheRecordItStored()
    {
        using var session = new ModuleSession();
        var expires = DateTimeOffset.UtcNow.AddDays(30).AddMilliseconds(500);
        var key = session.Run("New-License -Product ProGet -Customer 'Contoso Ltd' -Edition Enterprise -ExpiresAt $args[0] -StorePath $StorePath", expires).Single();

        Assert.Matches("^[0-9A-F]{16}$", key.Text("Serial"));
        Assert.StartsWith("ILK1.", key.Text("Key"));
        Assert.Equal("License", key.Text("Kind"));
        Assert.Equal("ProGet", key.Text("Product"));
        Assert.Equal("Contoso Ltd", key.Text("Customer"));
        Assert.Equal("Enterprise", key.Text("Edition"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()), key.Value("ExpiresAt"));

        var stored = session.Run("Get-License -Serial $args[0] -StorePath $StorePath", key.Text("Serial")).Single();
        Assert.Equal(key.Text("Key"), stored.Text("Key"));
        Assert.Equal("Contoso Ltd", stored.Text("Customer"));
        Assert.Equal("Active", stored.Text("Status"));
    }

    [Fact]
    public void IssuesOneKeyPerPipelineRowAndSkipsOnlyTheBadRows()
    {
        using var session = new ModuleSession();
        var result = session.Invoke("""
            @(
                [pscustomobject]@{ Product = 'ProGet'; Customer = 'Alpha'; Edition = 'Basic' }
                [pscustomobject]@{ Product = 'ProGet'; Customer = "Line`nBreak"; Edition = 'Basic' }
                [pscustomobject]@{ Product = 'BuildMaster'; Customer = 'Beta'; Edition = 'Free' }
                [pscustomobject]@{ Product = 'ProGet'; Customer = ''; Edition = 'Basic' }
                [pscustomobject]@{ Product = 'Otter'; Customer = 'Gamma'; Edition = 'Basic' }
            ) | New-License -StorePath $StorePath
            """);

        Assert.Equal(["Alpha", "Beta", "Gamma"], result.Output.Texts("Customer"));
        Assert.Equal(["ProGet", "BuildMaster", "Otter"], result.Output.Texts("Product"));
        Assert.Equal(3, result.Output.Texts("Serial").Distinct().Count());

        Assert.Equal(2, result.Errors.Count);
        // A control character binds, then fails the payload rules: the cmdlet's own id, with the payload as target.
        ErrorAssert.Is(result.Errors[0], "InvalidLicenseField", ErrorCategory.InvalidArgument);
        Assert.Equal("Line\nBreak", PSObject.AsPSObject(result.Errors[0].TargetObject).Text("Customer"));
        Assert.Contains("Customer", result.Errors[0].Exception.Message);
        // An empty cell means "not given": a new licence without a customer is refused, naming the row.
        ErrorAssert.Is(result.Errors[1], "InvalidLicenseField", ErrorCategory.InvalidArgument);
        Assert.Contains("missing: Customer", result.Errors[1].Exception.Message);
        Assert.StartsWith("Row 4 (Product=ProGet, Edition=Basic): ", result.Errors[1].ErrorDetails.Message);

        var stored = session.Run("Get-License -StorePath $StorePath | ForEach-Object Customer").Select(c => c.ToString()).Order();
        Assert.Equal(["Alpha", "Beta", "Gamma"], stored);
    }

    [Fact]
    public void WhatIfWritesNoRecordAndNoOutput()
    {
        using var session = new ModuleSession();
        var output = session.Run("""
            [pscustomobject]@{ Product = 'ProGet'; Customer = 'Alpha'; Edition = 'Basic' },
            [pscustomobject]@{ Product = 'ProGet'; Customer = 'Beta'; Edition = 'Basic' } | New-License -StorePath $StorePath -WhatIf
            """);
        Assert.Empty(output);
        Assert.Empty(session.Run("Get-License -StorePath $StorePath"));
    }

    [Fact]
    public void TheSuperAdminCertificateMayNotSignLicences()
    {
        using var session = new ModuleSession();
        var superAdmin = Path.Combine(session.AuthorityPath, "issuers", "superadmin.pfx");

        var error = session.RunExpectingFailure(
            $"$certificate = {LoadPfx}; New-License ProGet Contoso Basic -SigningCertificate $certificate -StorePath $StorePath", superAdmin);

        ErrorAssert.Is(error, "IssuerNotAuthorizedForKind", ErrorCategory.SecurityError);
        Assert.Empty(session.Run("Get-License -StorePath $StorePath"));
    }

    [Fact]
    public void AnIssuerCertificateObjectSigns()
    {
        using var session = new ModuleSession();
        var issuer = Path.Combine(session.AuthorityPath, "issuers", "issuer.pfx");
        var key = session.Run($"$certificate = {LoadPfx}; New-License ProGet Contoso Basic -SigningCertificate $certificate -StorePath $StorePath", issuer).Single();
        Assert.Equal("Valid", session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single().Text("Status"));
    }

    [Fact]
    public void SigningCertificateAndCertificatePathTogetherAreRefused()
    {
        using var session = new ModuleSession();
        var issuer = Path.Combine(session.AuthorityPath, "issuers", "issuer.pfx");

        var error = session.RunExpectingFailure(
            $"$certificate = {LoadPfx}; New-License ProGet Contoso Basic -SigningCertificate $certificate -CertificatePath $args[0] -StorePath $StorePath", issuer);

        ErrorAssert.Is(error, "ConflictingSigningParameters", ErrorCategory.InvalidArgument, issuer);
        Assert.Empty(session.Run("Get-License -StorePath $StorePath"));
    }

    [Fact]
    public void KeysWithEmbeddedCertificatesVerifyWithOnlyTheRoot()
    {
        using var session = new ModuleSession();
        var rootOnly = Path.Combine(session.AuthorityPath, "root.crt");
        var embedded = session.IssueKey(extra: "-IncludeCertificates");
        var plain = session.IssueKey();

        Assert.True(embedded.Text("Key")!.Length > plain.Text("Key")!.Length);
        Assert.Equal(1, session.Run("ConvertFrom-LicenseKey $args[0].Key", embedded).Single().Value("EmbeddedCertificateCount"));
        var results = session.Run("$args[0], $args[1] | Test-LicenseKey -TrustBundle $args[2] -StorePath $StorePath", embedded, plain, rootOnly);
        Assert.Equal(["Valid", "UntrustedIssuer"], results.Texts("Status"));
    }

    [Fact]
    public void MissingAuthoritySaysHowToGetOne()
    {
        using var session = new ModuleSession(createAuthority: false);
        var error = session.RunExpectingFailure("New-License ProGet Contoso Basic -StorePath $StorePath");
        ErrorAssert.Is(error, "SigningCertificateUnavailable", ErrorCategory.ResourceUnavailable);
        Assert.Contains("New-LicenseAuthority", error.Exception.Message);
    }

    [Fact]
    public void FieldsThePayloadRulesRefuseAreNonTerminatingErrors()
    {
        using var session = new ModuleSession();
        var result = session.Invoke("""
            New-License ProGet Past Basic -ExpiresAt ([DateTimeOffset]::UtcNow.AddDays(-1)) -StorePath $StorePath
            New-License ProGet ('x' * 201) Basic -StorePath $StorePath
            New-License ProGet Fine Basic -StorePath $StorePath
            """);
        Assert.Equal(["Fine"], result.Output.Texts("Customer"));
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => ErrorAssert.Is(e, "InvalidLicenseField", ErrorCategory.InvalidArgument));
        Assert.Equal("ExpiresAt", ((ArgumentException)result.Errors[0].Exception).ParamName);
        Assert.Equal("Customer", ((ArgumentException)result.Errors[1].Exception).ParamName);
        Assert.Equal(["Fine"], session.Run("Get-License -StorePath $StorePath").Texts("Customer"));
    }
}
