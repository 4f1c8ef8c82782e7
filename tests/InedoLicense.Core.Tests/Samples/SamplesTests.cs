using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using InedoLicense.Core.Tests.Security;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Core.Tests.Vectors;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Samples;

/// <summary>
/// The verification package as a product developer gets it: packed, restored from a package folder, used by the tiny
/// product and agent of samples/, which are built and run here. Slow: builds and processes.
/// </summary>
[Trait("Tier", "Slow")]
[Collection(nameof(SamplesTests))]
public sealed class SamplesTests(SamplesTests.PackedSamples samples) : IClassFixture<SamplesTests.PackedSamples>
{
    private static readonly string[] Forbidden = ["Microsoft.Data.Sqlite", "SQLitePCLRaw", "System.Management.Automation", "InedoLicense.Core"];

    [Fact]
    public void ThePackageHoldsTheVerifierForNet8AndNet10AndItsReadmeAndNothingOfSqliteOrPowerShell()
    {
        using var package = ZipFile.OpenRead(samples.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net8.0/InedoLicense.Verification.dll", entries);
        Assert.Contains("lib/net10.0/InedoLicense.Verification.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith(".dll", StringComparison.Ordinal) && !e.EndsWith("InedoLicense.Verification.dll", StringComparison.Ordinal));

        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Equal(["Microsoft.Bcl.Cryptography", "Microsoft.Bcl.Memory"], dependencies.Order());

        foreach (var framework in (string[])["net8.0", "net10.0"])
        {
            using var dll = new MemoryStream();
            using (var entry = package.GetEntry($"lib/{framework}/InedoLicense.Verification.dll")!.Open()) entry.CopyTo(dll);
            dll.Position = 0;
            using var pe = new PEReader(dll);
            var metadata = pe.GetMetadataReader();
            var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();
            Assert.Contains("System.Formats.Asn1", references);
            Assert.DoesNotContain(references, name => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void TheProductVerifiesItsKeyWithTheEmbeddedTrustBundle()
    {
        var vectors = TestVectorFile.Load(Path.Combine(RepoRoot, "docs", "test-vectors")).Vectors;
        var perpetual = vectors.Single(v => v.Name == "license-perpetual-after-its-issuer-expired").Key;
        var tampered = vectors.Single(v => v.Name == "tampered-content").Key;

        using (var good = new DotnetProcess(RepoRoot, samples.ProductDll, perpetual))
        {
            Assert.Equal(0, good.WaitForExit());
            Assert.Contains("Licensed to Vector Customer: ProGet Free, perpetual", good.Output);
        }
        using var bad = new DotnetProcess(RepoRoot, samples.ProductDll, tampered);
        Assert.Equal(1, bad.WaitForExit());
        Assert.Contains("Not licensed: BadSignature", bad.Output);
    }

    [Fact]
    public void TheAgentLogsThePartnerOutWhenTheTemporaryKeyExpires()
    {
        using var authority = new InMemoryAuthority("Samples Vendor");
        using var folder = new TempFolder();
        var now = KeyIssuer.Now();
        var key = TemporaryKey(authority, now, expiresAt: now.AddSeconds(15), folder.Path);

        using var agent = new DotnetProcess(RepoRoot, samples.AgentDll, TrustFile(authority, folder.Path), key, "ORG-SAMPLE", "--clock-skew-seconds", "0");

        agent.WaitForLine("Logged in: dev@partner.example in ORG-SAMPLE");
        Assert.Contains("Save data configuration: disabled", agent.WaitForLine("Save data configuration:"));
        Assert.Contains("Login in the feed: hidden", agent.WaitForLine("Login in the feed:"));
        Assert.Contains("Logged out: Expired", agent.WaitForLine("Logged out:"));
        Assert.Equal(0, agent.WaitForExit());
    }

    [Fact]
    public void TheAgentLogsThePartnerOutWhenANewerRevocationListRevokesTheKey()
    {
        using var authority = new InMemoryAuthority("Samples Vendor");
        using var folder = new TempFolder();
        var lists = Directory.CreateDirectory(Path.Combine(folder.Path, "lists")).FullName;
        var now = KeyIssuer.Now();
        var key = TemporaryKey(authority, now, expiresAt: now.AddHours(1), folder.Path);
        var serial = DecodedLicenseKey.Decode(File.ReadAllText(key)).Serial;

        using var agent = new DotnetProcess(RepoRoot, samples.AgentDll, TrustFile(authority, folder.Path), key, "ORG-SAMPLE", lists);
        agent.WaitForLine("Watching the key");
        File.WriteAllText(Path.Combine(lists, "revoked.pem"),
            RevocationList.ToText(RevocationListSigner.Sign(authority.Issuer, [new RevokedKey(serial, now, "partner left")], now, now.AddDays(7))));

        Assert.Contains("Logged out: Revoked", agent.WaitForLine("Logged out:"));
        Assert.Equal(0, agent.WaitForExit());
    }

    private static string TemporaryKey(InMemoryAuthority authority, DateTimeOffset now, DateTimeOffset expiresAt, string folder)
    {
        var payload = new LicensePayload
        {
            Serial = LicenseSerial.NewSerial(),
            Kind = LicenseKind.TemporaryOrganization,
            IssuedAt = now,
            NotBefore = now,
            ExpiresAt = expiresAt,
            OrganizationId = "ORG-SAMPLE",
            Audience = "dev@partner.example",
            Restrictions = LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails,
        };
        var path = Path.Combine(folder, "key.txt");
        File.WriteAllText(path, KeyText.Encode(authority.SuperAdmin.Sign(payload)));
        return path;
    }

    private static string TrustFile(InMemoryAuthority authority, string folder)
    {
        var path = Path.Combine(folder, "trust.pem");
        File.WriteAllText(path, string.Concat(new[] { authority.Root, authority.IssuerCertificate, authority.SuperAdminCertificate }
            .Select(c => c.ExportCertificatePem() + "\n")), Encoding.ASCII);
        return path;
    }

    private static string RepoRoot => PackedSamples.RepoRoot;

    /// <summary>Packs the package into out/packages (where samples/NuGet.config looks) and builds both samples from it, once.</summary>
    public sealed class PackedSamples : IDisposable
    {
        private readonly TempFolder _packages = new();

        public PackedSamples()
        {
            DotnetProcess.Run(RepoRoot, "pack", "src/InedoLicense.Verification", "-c", "Debug");
            PackagePath = Path.Combine(RepoRoot, "out", "packages", "InedoLicense.Verification.0.1.0.nupkg");
            // A fresh package folder: the machine-wide one would keep an earlier package of the same version.
            foreach (var sample in (string[])["Product", "Agent"])
                DotnetProcess.Run(RepoRoot, "build", $"samples/{sample}", "-c", "Debug", $"-p:RestorePackagesPath={_packages.Path}/");
            ProductDll = Path.Combine(RepoRoot, "samples", "Product", "bin", "Debug", "net10.0", "Product.dll");
            AgentDll = Path.Combine(RepoRoot, "samples", "Agent", "bin", "Debug", "net10.0", "Agent.dll");
        }

        public static string RepoRoot { get; } = FindRepoRoot();

        public string PackagePath { get; }
        public string ProductDll { get; }
        public string AgentDll { get; }

        private static string FindRepoRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "InedoLicense.sln"))) return folder.FullName;
            throw new InvalidOperationException("The repository root (InedoLicense.sln) is not above the test assembly.");
        }

        public void Dispose() => _packages.Dispose();
    }
}
