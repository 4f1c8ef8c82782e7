using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace InedoLicense.Engine.Tests;

public sealed class NewLicenseAuthorityTests
{
    private const string SecurePassword = "[System.Net.NetworkCredential]::new('', $args[0]).SecurePassword";

    [Fact]
    public void CreatesTheAuthorityBesideTheStoreByDefault()
    {
        using var session = new ModuleSession(createAuthority: false);
        var authority = session.Run("New-LicenseAuthority -StorePath $StorePath").Single();

        Assert.Equal(session.AuthorityPath, authority.Text("Path"));
        Assert.Equal(session.TrustBundlePath, authority.Text("TrustBundlePath"));
        Assert.True(File.Exists(session.TrustBundlePath));
        var root = Assert.IsType<X509Certificate2>(authority.Value("RootCertificate"));
        Assert.Equal(root.Subject, root.Issuer);
        var issuers = session.Run("$args[0].Issuers | ForEach-Object Name", authority).Select(n => n.ToString()).ToList();
        Assert.Equal(["issuer", "superadmin"], issuers);
        Assert.True(File.Exists(Path.Combine(session.AuthorityPath, "issuers", "issuer.pfx")));
    }

    [Fact]
    public void ASecondCallIsRefusedAndLeavesTheFirstAuthorityAlone()
    {
        using var session = new ModuleSession();
        var bundleBefore = File.ReadAllBytes(session.TrustBundlePath);

        var error = session.RunExpectingFailure("New-LicenseAuthority -StorePath $StorePath");

        ErrorAssert.Is(error, "AuthorityAlreadyExists", ErrorCategory.ResourceExists, session.AuthorityPath);
        Assert.Equal(bundleBefore, File.ReadAllBytes(session.TrustBundlePath));
    }

    [Fact]
    public void AnExplicitPathIsUsedAndRefusedOnTheSecondCall()
    {
        using var session = new ModuleSession(createAuthority: false);
        var path = Path.Combine(session.Folder, "elsewhere");
        var authority = session.Run("New-LicenseAuthority -Path $args[0] -StorePath $StorePath", path).Single();
        Assert.Equal(path, authority.Text("Path"));

        var error = session.RunExpectingFailure("New-LicenseAuthority -Path $args[0] -StorePath $StorePath", path);
        ErrorAssert.Is(error, "AuthorityAlreadyExists", ErrorCategory.ResourceExists, path);
    }

    [Fact]
    public void WhatIfCreatesNothing()
    {
        using var session = new ModuleSession(createAuthority: false);
        var output = session.Run("New-LicenseAuthority -StorePath $StorePath -WhatIf");

        Assert.Empty(output);
        Assert.False(Directory.Exists(session.AuthorityPath));
        Assert.False(File.Exists(session.StorePath));
        Assert.Empty(Directory.EnumerateFileSystemEntries(session.Folder));
    }

    [Fact]
    [Trait("Tier", "Slow")] // generates RSA 3072 keys
    public void Rsa3072AuthoritySignsKeysThatVerify()
    {
        using var session = new ModuleSession(createAuthority: false);
        var authority = session.Run("New-LicenseAuthority -Algorithm Rsa3072 -StorePath $StorePath").Single();
        var root = (X509Certificate2)authority.Value("RootCertificate")!;
        Assert.Equal(3072, root.GetRSAPublicKey()!.KeySize);

        var key = session.IssueKey();
        Assert.Equal("RSA-SHA256", session.Run("ConvertFrom-LicenseKey $args[0].Key", key).Single().Text("SignatureAlgorithm"));
        Assert.Equal("Valid", session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single().Text("Status"));
    }

    [Fact]
    public void APasswordProtectsTheSigningCertificates()
    {
        using var session = new ModuleSession(createAuthority: false);
        session.Run($"$null = New-LicenseAuthority -StorePath $StorePath -Password ({SecurePassword})", "s3cret");
        Assert.ThrowsAny<Exception>(() => X509CertificateLoader.LoadPkcs12FromFile(
            Path.Combine(session.AuthorityPath, "issuers", "issuer.pfx"), password: null));

        var withoutPassword = session.RunExpectingFailure("New-License ProGet Contoso Basic -StorePath $StorePath");
        ErrorAssert.Is(withoutPassword, "SigningCertificateUnavailable", ErrorCategory.ResourceUnavailable);

        var wrongPassword = session.RunExpectingFailure(
            $"New-License ProGet Contoso Basic -StorePath $StorePath -CertificatePassword ({SecurePassword})", "wrong");
        ErrorAssert.Is(wrongPassword, "SigningCertificateUnavailable", ErrorCategory.ResourceUnavailable);
        Assert.Empty(session.Run("Get-License -StorePath $StorePath"));

        var key = session.Run($"New-License ProGet Contoso Basic -StorePath $StorePath -CertificatePassword ({SecurePassword})", "s3cret").Single();
        Assert.Equal("Valid", session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single().Text("Status"));
    }

    [Fact]
    public void RelativePathsResolveAgainstThePowerShellLocation()
    {
        using var session = new ModuleSession(createAuthority: false);
        var authority = session.Run("""
            $null = $ExecutionContext.SessionState.Path.SetLocation($TestFolder)
            New-LicenseAuthority -Path vendor -StorePath licenses.db
            """).Single();
        Assert.Equal(Path.Combine(session.Folder, "vendor"), authority.Text("Path"));
        Assert.True(File.Exists(session.StorePath));
        Assert.NotEqual(session.Folder, Directory.GetCurrentDirectory());
    }

    [Fact]
    public void AFolderThatHoldsFilesIsRefusedAndLeftAlone()
    {
        using var session = new ModuleSession(createAuthority: false);
        var folder = Directory.CreateDirectory(Path.Combine(session.Folder, "busy")).FullName;
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");

        var error = session.RunExpectingFailure("New-LicenseAuthority -Path $args[0] -StorePath $StorePath", folder);

        ErrorAssert.Is(error, "AuthorityFolderNotEmpty", ErrorCategory.ResourceExists, folder);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(session.Folder), entry => Path.GetFileName(entry).EndsWith(".tmp"));
    }

    [Fact]
    public void AFolderThatCannotBeCreatedIsAWriteErrorNotAnExistingAuthority()
    {
        using var session = new ModuleSession(createAuthority: false);
        var file = Path.Combine(session.Folder, "a-file");
        File.WriteAllText(file, "not a folder");
        var path = Path.Combine(file, "authority");

        var error = session.RunExpectingFailure("New-LicenseAuthority -Path $args[0] -StorePath $StorePath", path);

        ErrorAssert.Is(error, "AuthorityCreationFailed", ErrorCategory.WriteError, path);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }
}
