using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

public sealed class NewLicenseIssuerTests
{
    [Fact]
    public void AddsAnIssuerWhoseKeysVerifyWithTheRefreshedBundle()
    {
        using var session = new ModuleSession();
        var oldBundle = Path.Combine(session.Folder, "trust-before.pem");
        File.Copy(session.TrustBundlePath, oldBundle);

        var issuer = session.Run("New-LicenseIssuer -Name alice -Role Issuer -StorePath $StorePath").Single();

        Assert.Equal("alice", issuer.Text("Name"));
        var pfx = Path.Combine(session.AuthorityPath, "issuers", "alice.pfx");
        Assert.True(File.Exists(pfx));
        Assert.Equal(pfx, issuer.Text("CertificatePath"));
        Assert.NotEqual(File.ReadAllText(oldBundle), File.ReadAllText(session.TrustBundlePath));

        var key = session.Run("New-License ProGet Contoso Basic -CertificatePath $args[0] -StorePath $StorePath", pfx).Single();
        Assert.Equal(issuer.Text("Thumbprint"), key.Text("IssuerThumbprint"));

        var withNewBundle = session.Run("Test-LicenseKey -Key $args[0].Key -TrustBundle $args[1] -StorePath $StorePath", key, session.TrustBundlePath).Single();
        Assert.Equal("Valid", withNewBundle.Text("Status"));
        var withOldBundle = session.Run("Test-LicenseKey -Key $args[0].Key -TrustBundle $args[1] -StorePath $StorePath", key, oldBundle).Single();
        Assert.Equal("UntrustedIssuer", withOldBundle.Text("Status"));
    }

    [Fact]
    public void ASuperAdminIssuerGetsThatRoleOnly()
    {
        using var session = new ModuleSession();
        var issuer = session.Run("New-LicenseIssuer -Name boss -Role SuperAdmin -StorePath $StorePath").Single();
        var roles = session.Run("$args[0].Roles | ForEach-Object { \"$_\" }", issuer).Select(r => r.ToString()).ToList();
        Assert.Equal(["SuperAdmin"], roles);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    public void ABadNameIsRefused(string name)
    {
        using var session = new ModuleSession();
        var bundleBefore = File.ReadAllText(session.TrustBundlePath);

        var (output, errors) = session.Invoke("New-LicenseIssuer -Name $args[0] -Role Issuer -StorePath $StorePath", name);

        Assert.Empty(output);
        ErrorAssert.Single(errors, "InvalidIssuerName", ErrorCategory.InvalidArgument, name);
        Assert.Equal(bundleBefore, File.ReadAllText(session.TrustBundlePath));
        Assert.Equal(["issuer.crt", "superadmin.crt"],
            Directory.GetFiles(Path.Combine(session.AuthorityPath, "issuers"), "*.crt").Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ADuplicateNameIsRefused()
    {
        using var session = new ModuleSession();
        session.Run("$null = New-LicenseIssuer -Name alice -Role Issuer -StorePath $StorePath");
        var pfxBefore = File.ReadAllBytes(Path.Combine(session.AuthorityPath, "issuers", "alice.pfx"));

        var (output, errors) = session.Invoke("New-LicenseIssuer -Name alice -Role SuperAdmin -StorePath $StorePath");

        Assert.Empty(output);
        ErrorAssert.Single(errors, "IssuerAlreadyExists", ErrorCategory.ResourceExists, "alice");
        Assert.Equal(pfxBefore, File.ReadAllBytes(Path.Combine(session.AuthorityPath, "issuers", "alice.pfx")));
    }

    [Fact]
    public void WithoutAnAuthorityItSaysSo()
    {
        using var session = new ModuleSession(createAuthority: false);
        var (output, errors) = session.Invoke("New-LicenseIssuer -Name alice -Role Issuer -StorePath $StorePath");
        Assert.Empty(output);
        ErrorAssert.Single(errors, "AuthorityNotFound", ErrorCategory.ObjectNotFound, session.AuthorityPath);
    }

    [Fact]
    public void WhatIfAddsNothing()
    {
        using var session = new ModuleSession();
        var bundleBefore = File.ReadAllText(session.TrustBundlePath);
        Assert.Empty(session.Run("New-LicenseIssuer -Name alice -Role Issuer -StorePath $StorePath -WhatIf"));
        Assert.False(File.Exists(Path.Combine(session.AuthorityPath, "issuers", "alice.pfx")));
        Assert.Equal(bundleBefore, File.ReadAllText(session.TrustBundlePath));
    }

    [Fact]
    public void APasswordProtectedRootNeedsRootPassword()
    {
        using var session = new ModuleSession(createAuthority: false);
        const string Secure = "[System.Net.NetworkCredential]::new('', $args[0]).SecurePassword";
        session.Run($"$null = New-LicenseAuthority -StorePath $StorePath -Password ({Secure})", "root-pw");

        var (output, errors) = session.Invoke("New-LicenseIssuer -Name alice -Role Issuer -StorePath $StorePath");
        Assert.Empty(output);
        ErrorAssert.Single(errors, "SigningCertificateUnavailable", ErrorCategory.AuthenticationError, session.AuthorityPath);
        Assert.False(File.Exists(Path.Combine(session.AuthorityPath, "issuers", "alice.pfx")));

        session.Run($"$null = New-LicenseIssuer -Name alice -Role Issuer -RootPassword ({Secure}) -Password ({Secure}) -StorePath $StorePath", "root-pw");
        var pfx = Path.Combine(session.AuthorityPath, "issuers", "alice.pfx");
        var key = session.Run($"New-License ProGet Contoso Basic -CertificatePath $args[1] -CertificatePassword ({Secure}) -StorePath $StorePath", "root-pw", pfx).Single();
        Assert.Equal("Valid", session.Run("$args[0] | Test-LicenseKey -StorePath $StorePath", key).Single().Text("Status"));
    }
}
