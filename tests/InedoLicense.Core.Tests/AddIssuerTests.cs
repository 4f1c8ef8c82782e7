using System.Security.Cryptography.X509Certificates;
using InedoLicense.Authority;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.Signing;

namespace InedoLicense.Core.Tests;

/// <summary>
/// Adding an issuer is one step per issuer: concurrent adds (distinct names) all end up in trust.pem, and a
/// failure, the caller's audit entry included, leaves no issuer file and trust.pem as it was.
/// </summary>
public sealed class AddIssuerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DateTimeOffset _now = KeyIssuer.Now();
    private readonly LicenseAuthority _authority;

    public AddIssuerTests() =>
        _authority = LicenseAuthority.Create(_folder.Combine("authority"), "Test Vendor", KeyAlgorithm.EcdsaP256, null, _now);

    public void Dispose() => _folder.Dispose();

    private string[] TrustedSubjects()
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(_authority.TrustBundlePath);
        return [.. bundle.Select(c => c.Subject).Order(StringComparer.Ordinal)];
    }

    private string[] Files() =>
        [.. Directory.EnumerateFiles(_authority.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_authority.Path, f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void IssuersAddedAtOnceAllEndUpInTheTrustBundle()
    {
        const int threads = 8, each = 5;
        var names = Enumerable.Range(0, threads * each).Select(i => $"admin{i:D2}").ToList();
        var recorded = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var go = new Barrier(threads);

        var adding = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            go.SignalAndWait();
            foreach (var name in names.Skip(t * each).Take(each))
                _authority.AddIssuer(name, [IssuerRole.Issuer], null, null, _now, added => recorded.Add(added.Name));
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(adding); // any failure (a shared temporary file, a lost update) throws here

        Assert.Equal(names, recorded.Order(StringComparer.Ordinal));
        var expected = names.Select(n => $"CN={n}").Concat(["CN=Test Vendor Issuer", "CN=Test Vendor Licence Root", "CN=Test Vendor SuperAdmin"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), TrustedSubjects());
        Assert.DoesNotContain(Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal) || f.EndsWith(".new", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailedAuditEntryUndoesTheIssuer()
    {
        var files = Files();
        var bundle = File.ReadAllBytes(_authority.TrustBundlePath);

        var error = Assert.Throws<InvalidOperationException>(() =>
            _authority.AddIssuer("alice", [IssuerRole.Issuer], null, null, _now, _ => throw new InvalidOperationException("the store is locked")));

        Assert.Equal("the store is locked", error.Message);
        Assert.Equal(files, Files());
        Assert.Equal(bundle, File.ReadAllBytes(_authority.TrustBundlePath));
        Assert.Equal(["issuer", "superadmin"], _authority.Issuers.Select(i => i.Name));
    }

    [Fact]
    public void ARootKeyThatIsReallyAnIssuerIsRefusedAsSuch()
    {
        File.Copy(_authority.IssuerKeyPath("issuer"), _authority.RootKeyPath, overwrite: true);
        var files = Files();

        var error = Assert.Throws<RootKeyUnavailableException>(() => _authority.AddIssuer("alice", [IssuerRole.Issuer], null, null, _now));

        Assert.Contains("holds the certificate 'CN=Test Vendor Issuer', not the authority's root 'CN=Test Vendor Licence Root'", error.Message);
        Assert.DoesNotContain("Basic Constraints", error.Message);
        Assert.Equal(files, Files());
    }

    [Fact]
    public void TheRootKeyCanBeKeptOffline()
    {
        var offline = _folder.Combine("removable-media", "root.pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(offline)!);
        File.Move(_authority.RootKeyPath, offline);

        var missing = Assert.Throws<RootKeyUnavailableException>(() => _authority.AddIssuer("alice", [IssuerRole.Issuer], null, null, _now));
        Assert.Contains("is not there", missing.Message);

        var alice = _authority.AddIssuer("alice", [IssuerRole.Issuer], null, null, _now, rootKeyPath: offline);
        Assert.Contains($"CN=alice", TrustedSubjects());
        Assert.False(File.Exists(_authority.RootKeyPath));
        // Issuing needs only the issuer's file.
        using var signer = LicenseAuthority.OpenSigner(alice.CertificatePath, null);
        Assert.NotEmpty(signer.Sign(SamplePayloads.License(_now)));
    }

    [Fact]
    public void TheSameNameTwiceIsRefusedWithoutTouchingTheFirst()
    {
        var bob = _authority.AddIssuer("bob", [IssuerRole.Issuer], null, null, _now);
        var bundle = File.ReadAllBytes(_authority.TrustBundlePath);

        Assert.Throws<IssuerAlreadyExistsException>(() => _authority.AddIssuer("bob", [IssuerRole.SuperAdmin], null, null, _now));

        Assert.Equal(bob.Thumbprint, _authority.Issuers.Single(i => i.Name == "bob").Thumbprint);
        Assert.Equal(bundle, File.ReadAllBytes(_authority.TrustBundlePath));
    }
}
