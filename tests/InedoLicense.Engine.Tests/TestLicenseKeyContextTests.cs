using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>Test-LicenseKey: what a key is checked against (time, product, machine, trust bundle, revocations).</summary>
public sealed class TestLicenseKeyContextTests
{
    [Fact]
    public void AtEvaluatesExpiryAtThatMoment()
    {
        using var session = new ModuleSession();
        var expires = DateTimeOffset.UtcNow.AddDays(30);
        var key = session.IssueKey(extra: $"-ExpiresAt '{expires:O}'");
        const string Test = "Test-LicenseKey -Key $args[0].Key -At $args[1] -StorePath $StorePath";

        var before = session.Run(Test, key, expires.AddDays(-1)).Single();
        var after = session.Run(Test, key, expires.AddDays(1)).Single();

        Assert.Equal("Valid", before.Text("Status"));
        Assert.Equal("Expired", after.Text("Status"));
        Assert.Equal(expires.AddDays(1), after.Value("EvaluatedAt"));
        Assert.True((TimeSpan)after.Value("Remaining")! < TimeSpan.Zero);
    }

    [Fact]
    public void AnExpiredKeyIsExpiredNow()
    {
        using var session = new ModuleSession();
        var serial = PlantedKeys.Expired(session);
        var result = session.Run("Get-License -Serial $args[0] -StorePath $StorePath | Test-LicenseKey -StorePath $StorePath -TrustBundle $args[1]",
            serial, PlantedKeys.PastTrustBundle(session)).Single();
        Assert.Equal("Expired", result.Text("Status"));
    }

    [Fact]
    public void ProductMustMatchWhenGiven()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey(product: "ProGet");
        const string Test = "Test-LicenseKey -Key $args[0].Key -Product $args[1] -StorePath $StorePath";

        Assert.Equal("Valid", session.Run(Test, key, "ProGet").Single().Text("Status"));
        var other = session.Run(Test, key, "BuildMaster").Single();
        Assert.Equal("ProductMismatch", other.Text("Status"));
        Assert.Equal(false, other.Value("IsValid"));
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("00-1A-2B-3C-4D")]
    public void AnInvalidMacIdEndsTheCommand(string macId)
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var error = session.RunExpectingFailure("Test-LicenseKey -Key $args[0].Key -MacId $args[1] -StorePath $StorePath", key, macId);
        ErrorAssert.Is(error, "InvalidMacId", ErrorCategory.InvalidArgument, macId);
    }

    [Fact]
    public void AMissingTrustBundleEndsTheCommand()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var missing = Path.Combine(session.Folder, "nowhere", "trust.pem");
        var error = session.RunExpectingFailure("Test-LicenseKey -Key $args[0].Key -TrustBundle $args[1] -StorePath $StorePath", key, missing);
        ErrorAssert.Is(error, "TrustBundleNotFound", ErrorCategory.ObjectNotFound, missing);
    }

    [Fact]
    public void WithoutAnAuthorityTheDefaultBundleIsMissing()
    {
        using var session = new ModuleSession(createAuthority: false);
        var error = session.RunExpectingFailure("Test-LicenseKey -Key 'ILK1.x' -StorePath $StorePath");
        ErrorAssert.Is(error, "TrustBundleNotFound", ErrorCategory.ObjectNotFound, session.TrustBundlePath);
    }

    [Theory]
    [InlineData("this is not PEM at all")]
    [InlineData("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")]
    public void ABundleThatIsNotPemEndsTheCommand(string content)
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var bundle = Path.Combine(session.Folder, "bad.pem");
        File.WriteAllText(bundle, content);
        var error = session.RunExpectingFailure("Test-LicenseKey -Key $args[0].Key -TrustBundle $args[1] -StorePath $StorePath", key, bundle);
        ErrorAssert.Is(error, "InvalidTrustBundle", ErrorCategory.InvalidData, bundle);
    }

    [Fact]
    public void ABundleOfOnlyIssuersHasNoRoot()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var bundle = Path.Combine(session.AuthorityPath, "issuers", "issuer.crt");
        var error = session.RunExpectingFailure("Test-LicenseKey -Key $args[0].Key -TrustBundle $args[1] -StorePath $StorePath", key, bundle);
        ErrorAssert.Is(error, "InvalidTrustBundle", ErrorCategory.InvalidData, bundle);
    }

    [Fact]
    public void AnotherVendorsBundleDoesNotTrustTheKey()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var otherVendor = Path.Combine(session.Folder, "other-vendor");
        session.Run("$null = New-LicenseAuthority -Path $args[0] -Name Other -StorePath $StorePath", otherVendor);
        var result = session.Run("Test-LicenseKey -Key $args[0].Key -TrustBundle $args[1] -StorePath $StorePath",
            key, Path.Combine(otherVendor, "trust.pem")).Single();
        Assert.Equal("UntrustedIssuer", result.Text("Status"));
    }

    [Fact]
    public void RevocationsComeFromTheGivenStore()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var otherStore = Path.Combine(session.Folder, "other", "licenses.db");
        InedoLicense.Store.LicenseStore.Open(otherStore, InedoLicense.Store.StoreOpenMode.OpenOrCreate).Dispose(); // verifying never creates a store
        session.Run("$args[0] | Revoke-License -Confirm:$false -StorePath $StorePath", key);

        var fromOwnStore = session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single();
        var fromOtherStore = session.Run("$args[0] | Test-LicenseKey -TrustBundle $args[1] -StorePath $args[2]", key, session.TrustBundlePath, otherStore).Single();

        Assert.Equal("Revoked", fromOwnStore.Text("Status"));
        Assert.NotNull(fromOwnStore.Value("RevokedAt"));
        Assert.Equal("Valid", fromOtherStore.Text("Status"));
    }
}
