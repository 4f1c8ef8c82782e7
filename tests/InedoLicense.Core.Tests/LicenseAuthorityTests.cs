using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.Authority;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

public sealed class LicenseAuthorityTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly string[] DocumentedFiles =
        [".lock", "issuers/issuer.crt", "issuers/issuer.pfx", "issuers/superadmin.crt", "issuers/superadmin.pfx", "root.crt", "root.pfx", "trust.pem"];

    private readonly TempFolder _folder = new();
    private readonly DateTimeOffset _now = KeyIssuer.Now();

    private string AuthorityPath => _folder.Combine("authority");

    [Fact]
    public void CreateWritesTheDocumentedFilesAndNothingElse()
    {
        var authority = Create();

        Assert.Equal(DocumentedFiles, FilesUnder(authority.Path));
        Assert.Equal(["authority"], Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName));
        Assert.True(LicenseAuthority.Exists(AuthorityPath));
    }

    [Fact]
    public void TheTrustBundleHoldsTheRootAndEveryIssuerAndTheirChainsAreTrusted()
    {
        var authority = Create();
        var pem = new X509Certificate2Collection();
        pem.ImportFromPemFile(authority.TrustBundlePath);
        using var trust = TrustBundle.Load(authority.TrustBundlePath);

        Assert.Equal(3, pem.Count);
        Assert.Equal(authority.RootCertificate.Thumbprint, Assert.Single(trust.Roots).Thumbprint);
        Assert.Equal(authority.Issuers.Select(i => i.Thumbprint).Order(), trust.Issuers.Select(i => i.Certificate.Thumbprint).Order());
        Assert.All(trust.Issuers, issuer => Assert.True(issuer.ChainIsTrusted, issuer.ChainProblem));
        Assert.Equal("CN=Test Vendor Licence Root", authority.RootCertificate.Subject);
    }

    [Fact]
    public void TheDefaultIssuersHoldOneRoleEach()
    {
        var authority = Create();

        Assert.Equal(["issuer", "superadmin"], authority.Issuers.Select(i => i.Name));
        Assert.Equal([IssuerRole.Issuer], authority.Issuers[0].Roles);
        Assert.Equal([IssuerRole.SuperAdmin], authority.Issuers[1].Roles);
        using var issuer = authority.OpenDefaultSigner(IssuerRole.Issuer, null);
        using var superAdmin = authority.OpenDefaultSigner(IssuerRole.SuperAdmin, null);
        foreach (var kind in new[] { LicenseKind.License, LicenseKind.Stopgap, LicenseKind.Agent })
        {
            Assert.True(issuer.MaySign(kind));
            Assert.False(superAdmin.MaySign(kind));
        }
        Assert.False(issuer.MaySign(LicenseKind.TemporaryOrganization));
        Assert.True(superAdmin.MaySign(LicenseKind.TemporaryOrganization));
    }

    [Fact]
    public void CreateRefusesAFolderThatHoldsFilesAndLeavesThemAlone()
    {
        Directory.CreateDirectory(AuthorityPath);
        File.WriteAllText(Path.Combine(AuthorityPath, "notes.txt"), "mine");

        Assert.Throws<IOException>(() => Create());

        Assert.Equal(["notes.txt"], FilesUnder(AuthorityPath));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(AuthorityPath, "notes.txt")));
    }

    [Fact]
    public void CreateRefusesAnExistingAuthority()
    {
        var first = Create();
        var rootBefore = first.RootCertificate.Thumbprint;

        Assert.Throws<IOException>(() => Create());
        Assert.Equal(rootBefore, LicenseAuthority.Open(AuthorityPath).RootCertificate.Thumbprint);
    }

    [Fact]
    public void CreateUsesAnEmptyFolderThatAlreadyExists()
    {
        Directory.CreateDirectory(AuthorityPath);
        Assert.Equal(DocumentedFiles, FilesUnder(Create().Path));
    }

    [Fact]
    public void AFailedCreateLeavesNothingBehind()
    {
        // The root is made after the staging folder exists: an unknown algorithm fails in between.
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            LicenseAuthority.Create(AuthorityPath, "Test Vendor", (KeyAlgorithm)99, null, _now));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void FoldersAreOwnerOnlyAndFilesOwnerReadWriteOnly()
    {
        var authority = Create();
        authority.AddIssuer("alice", [IssuerRole.Issuer], null, null, _now);

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(authority.Path));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(authority.IssuersPath));
        var files = Directory.EnumerateFiles(authority.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.Equal(DocumentedFiles.Length + 2, files.Count);
        Assert.All(files, file => Assert.True(File.GetUnixFileMode(file) == OwnerOnlyFile, $"{file}: {File.GetUnixFileMode(file)}"));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void AMissingParentFolderIsCreatedOwnerOnly()
    {
        var path = _folder.Combine("vendor", "authority");
        LicenseAuthority.Create(path, "Test Vendor", KeyAlgorithm.EcdsaP256, null, _now);
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(_folder.Combine("vendor")));
    }

    [Fact]
    public void APasswordProtectedAuthorityCannotBeOpenedWithoutThePassword()
    {
        var authority = Create(password: "correct horse");

        var missing = Assert.Throws<CertificateFileUnreadableException>(() => LicenseAuthority.LoadPkcs12(authority.RootKeyPath, null));
        Assert.Contains("may need a password", missing.Message);
        Assert.False(missing.PasswordGiven);
        var wrong = Assert.Throws<CertificateFileUnreadableException>(() => authority.OpenDefaultSigner(IssuerRole.Issuer, "battery staple"));
        Assert.Contains("password may be wrong", wrong.Message);
        Assert.True(wrong.PasswordGiven);
        Assert.Contains("issuer.pfx", wrong.Message);
    }

    [Fact]
    public void APasswordProtectedAuthorityOpensAndSignsWithThePassword()
    {
        var authority = Create(password: "correct horse");

        using var root = LicenseAuthority.LoadPkcs12(authority.RootKeyPath, "correct horse");
        Assert.True(root.HasPrivateKey);
        using var signer = authority.OpenDefaultSigner(IssuerRole.Issuer, "correct horse");
        using var trust = TrustBundle.Load(authority.TrustBundlePath);
        var key = KeyText.Encode(signer.Sign(SamplePayloads.License(_now)));
        Assert.Equal(LicenseStatus.Valid, new LicenseVerifier(trust).Verify(key, new VerificationContext { At = _now }).Status);
    }

    [Fact]
    public void AddIssuerNeedsTheRootPasswordAndAddsNothingWithoutIt()
    {
        var authority = Create(password: "root secret");
        var bundleBefore = File.ReadAllText(authority.TrustBundlePath);

        var error = Assert.Throws<CertificateFileUnreadableException>(() => authority.AddIssuer("alice", [IssuerRole.Issuer], null, null, _now));

        Assert.Contains("root.pfx", error.Message);
        Assert.Equal(DocumentedFiles, FilesUnder(authority.Path));
        Assert.Equal(bundleBefore, File.ReadAllText(authority.TrustBundlePath));
    }

    [Fact]
    public void AddIssuerWritesItsFilesAndExtendsTheTrustBundle()
    {
        var authority = Create(password: "root secret");
        using var oldTrust = TrustBundle.Load(authority.TrustBundlePath);

        var alice = authority.AddIssuer("alice", [IssuerRole.Issuer, IssuerRole.SuperAdmin], "root secret", "alice secret", _now);

        Assert.Equal("alice", alice.Name);
        Assert.Equal(new HashSet<IssuerRole> { IssuerRole.Issuer, IssuerRole.SuperAdmin }, alice.Roles);
        Assert.Equal(authority.IssuerKeyPath("alice"), alice.CertificatePath);
        Assert.Contains("alice", authority.Issuers.Select(i => i.Name));
        using var trust = TrustBundle.Load(authority.TrustBundlePath);
        Assert.Equal(3, trust.Issuers.Count);
        Assert.True(trust.Issuers.Single(i => i.Certificate.Thumbprint == alice.Thumbprint).ChainIsTrusted);

        Assert.Throws<CertificateFileUnreadableException>(() => LicenseAuthority.OpenSigner(alice.CertificatePath, "root secret"));
        using var signer = LicenseAuthority.OpenSigner(alice.CertificatePath, "alice secret");
        var key = KeyText.Encode(signer.Sign(SamplePayloads.TemporaryOrganization(_now)));
        var at = new VerificationContext { At = _now };
        Assert.Equal(LicenseStatus.Valid, new LicenseVerifier(trust).Verify(key, at).Status);
        Assert.Equal(LicenseStatus.UntrustedIssuer, new LicenseVerifier(oldTrust).Verify(key, at).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("two words")]
    [InlineData("ünïcode")]
    [InlineData("semi;colon")]
    public void AddIssuerRefusesANameThatIsNotAPlainFileName(string name)
    {
        var authority = Create();
        var error = Assert.Throws<ArgumentException>(() => authority.AddIssuer(name, [IssuerRole.Issuer], null, null, _now));
        Assert.Equal("name", error.ParamName);
        Assert.Equal(DocumentedFiles, FilesUnder(authority.Path));
    }

    [Fact]
    public void AddIssuerAcceptsSixtyFourCharactersAndRefusesSixtyFive()
    {
        var authority = Create();
        authority.AddIssuer(new string('a', 64), [IssuerRole.Issuer], null, null, _now);
        Assert.Throws<ArgumentException>(() => authority.AddIssuer(new string('b', 65), [IssuerRole.Issuer], null, null, _now));
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("superadmin")]
    public void AddIssuerRefusesTheNameOfADefaultIssuer(string name)
    {
        var authority = Create();
        var thumbprint = authority.Issuers.Single(i => i.Name == name).Thumbprint;

        Assert.Throws<IssuerAlreadyExistsException>(() => authority.AddIssuer(name, [IssuerRole.Issuer], null, null, _now));
        Assert.Equal(thumbprint, authority.Issuers.Single(i => i.Name == name).Thumbprint);
    }

    [Fact]
    public void AddIssuerRefusesTheSameNameTwice()
    {
        var authority = Create();
        var bob = authority.AddIssuer("bob", [IssuerRole.Issuer], null, null, _now);

        Assert.Throws<IssuerAlreadyExistsException>(() => authority.AddIssuer("bob", [IssuerRole.SuperAdmin], null, null, _now));
        Assert.Equal(bob.Thumbprint, authority.Issuers.Single(i => i.Name == "bob").Thumbprint);
    }

    [Fact]
    public void OpenFindsAnAuthorityAndRefusesAFolderWithout()
    {
        Create();
        Assert.Equal(2, LicenseAuthority.Open(AuthorityPath).Issuers.Count);
        Assert.Throws<AuthorityNotFoundException>(() => LicenseAuthority.Open(_folder.Combine("elsewhere")));
    }

    private LicenseAuthority Create(string? password = null) =>
        LicenseAuthority.Create(AuthorityPath, "Test Vendor", KeyAlgorithm.EcdsaP256, password, _now);

    private static string[] FilesUnder(string path) =>
        [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(path, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    public void Dispose() => _folder.Dispose();
}
