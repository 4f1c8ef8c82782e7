using System.Reflection;
using System.Xml.Linq;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// The folder users install (out/InedoLicense/&lt;version&gt;/): natives for every supported platform, only the
/// assemblies PowerShell does not ship, and a manifest stamped with the one version.
/// </summary>
public sealed class ModuleLayoutTests
{
    private static readonly string Folder = ModuleSession.ModuleFolder;

    public static TheoryData<string, string, string, bool> SupportedPlatforms => new()
    {
        // RID, file format, CPU, built against glibc
        { "win-x64", "PE", "x64", false },
        { "win-arm64", "PE", "arm64", false },
        { "linux-x64", "ELF", "x64", true },
        { "linux-arm64", "ELF", "arm64", true },
        { "linux-musl-x64", "ELF", "x64", false },
        { "osx-x64", "Mach-O", "x64", false },
        { "osx-arm64", "Mach-O", "arm64", false },
    };

    private static string FileNameFor(string rid) =>
        rid.StartsWith("win-", StringComparison.Ordinal) ? "e_sqlite3.dll"
        : rid.StartsWith("osx-", StringComparison.Ordinal) ? "libe_sqlite3.dylib"
        : "libe_sqlite3.so";

    [Theory]
    [MemberData(nameof(SupportedPlatforms))]
    public void NativeSqliteIsShippedForThePlatform(string rid, string format, string cpu, bool glibc)
    {
        var native = Path.Combine(Folder, "dependencies", "runtimes", rid, "native");
        Assert.True(Directory.Exists(native), $"{native} is missing.");
        Assert.Equal([FileNameFor(rid)], Directory.GetFiles(native).Select(Path.GetFileName));
        Assert.Equal(new NativeBinary(format, cpu, glibc), NativeBinary.Read(Path.Combine(native, FileNameFor(rid))));
    }

    [Fact]
    public void NoOtherPlatformIsShipped()
    {
        var shipped = Directory.GetDirectories(Path.Combine(Folder, "dependencies", "runtimes")).Select(Path.GetFileName).Order();
        Assert.Equal(SupportedPlatforms.Select(row => (string)row[0]).Order(), shipped);
    }

    [Fact]
    public void OnlyTheListedAssembliesAreShipped()
    {
        var assemblies = Directory.EnumerateFiles(Folder, "*.dll", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Folder, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("dependencies/runtimes/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(new[]
        {
            "InedoLicense.Cmdlets.dll", "InedoLicense.Loader.dll",
            "dependencies/InedoLicense.Core.dll", "dependencies/InedoLicense.Verification.dll", "dependencies/Microsoft.Data.Sqlite.dll", "dependencies/SQLitePCLRaw.batteries_v2.dll",
            "dependencies/SQLitePCLRaw.core.dll", "dependencies/SQLitePCLRaw.provider.e_sqlite3.dll",
            // The shared PostgreSQL store: Npgsql and the abstractions it needs (pwsh ships neither).
            "dependencies/Npgsql.dll", "dependencies/Microsoft.Extensions.Logging.Abstractions.dll",
            "dependencies/Microsoft.Extensions.DependencyInjection.Abstractions.dll",
        }.Order(StringComparer.Ordinal), assemblies);
    }

    [Theory]
    [InlineData("System.Security.Cryptography.Pkcs.dll")]
    [InlineData("System.Formats.Asn1.dll")]
    public void AssembliesPowerShellShipsAreNotCopied(string fileName) =>
        Assert.Empty(Directory.EnumerateFiles(Folder, fileName, SearchOption.AllDirectories));

    [Fact]
    public void HelpAndFormatFilesAreThere()
    {
        Assert.True(File.Exists(Path.Combine(Folder, "en-US", "about_InedoLicense.help.txt")));
        foreach (var format in LaidOutManifest.Read().Strings("FormatsToProcess"))
            Assert.True(File.Exists(Path.Combine(Folder, format)), $"{format} is listed in FormatsToProcess but not laid out.");
    }

    [Fact]
    public void TheManifestTheAssembliesAndDirectoryBuildPropsHaveOneVersion()
    {
        var props = XDocument.Load(Path.Combine(ModuleSession.RepoRoot, "Directory.Build.props"));
        var version = Version.Parse(props.Descendants("Version").Single().Value);

        Assert.Equal(version, Version.Parse((string)LaidOutManifest.Read()["ModuleVersion"]!));
        Assert.Equal(Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder)), version.ToString());
        foreach (var assembly in (string[])["InedoLicense.Cmdlets.dll", "InedoLicense.Loader.dll", "dependencies/InedoLicense.Core.dll", "dependencies/InedoLicense.Verification.dll"])
        {
            var assemblyVersion = AssemblyName.GetAssemblyName(Path.Combine(Folder, assembly)).Version!;
            Assert.Equal(version, new Version(assemblyVersion.Major, assemblyVersion.Minor, assemblyVersion.Build));
        }
    }

    [Fact]
    public void TheManifestIsForPowerShell76CoreAndPassesTestModuleManifest()
    {
        var manifest = LaidOutManifest.Read();
        Assert.Equal(["Core"], manifest.Strings("CompatiblePSEditions"));
        Assert.Equal("7.6", manifest["PowerShellVersion"]);
        Assert.DoesNotContain(manifest.Strings("CmdletsToExport"), name => name.IndexOfAny(['*', '?', '[']) >= 0);

        using var session = new ModuleSession(createAuthority: false);
        var tested = session.Run("Test-ModuleManifest -Path $args[0]", ModuleSession.ManifestPath).Single();
        Assert.Equal(manifest["ModuleVersion"], tested.Text("Version"));
        Assert.Equal("7.6", tested.Text("PowerShellVersion"));
        Assert.Equal(["Core"], ((IEnumerable<string>)tested.Value("CompatiblePSEditions")!).ToList());
    }

    public static TheoryData<string, string?> Rids => new()
    {
        { "win-x64", "win-x64" }, { "win-arm64", "win-arm64" }, { "linux-x64", "linux-x64" }, { "linux-arm64", "linux-arm64" },
        { "linux-musl-x64", "linux-musl-x64" }, { "osx-x64", "osx-x64" }, { "osx-arm64", "osx-arm64" },
        // Distro- and version-specific RIDs fall back to the portable ones.
        { "ubuntu.24.04-x64", "linux-x64" }, { "rhel.9-arm64", "linux-arm64" }, { "alpine.3.20-x64", "linux-musl-x64" },
        { "osx.14-arm64", "osx-arm64" }, { "win10-x64", "win-x64" },
        // Not shipped: no natives for these CPUs, and a Linux build does not load on another Unix.
        { "linux-riscv64", null }, { "linux-musl-arm64", null }, { "alpine.3.20-arm64", null }, { "win-x86", null },
        { "freebsd-x64", null }, { "linux-bionic-arm64", null }, { "android-arm64", null },
    };

    /// <summary>The loader's choice of folder for each RID (the module's own Loader assembly, through the engine), and the file is there.</summary>
    [Theory]
    [MemberData(nameof(Rids))]
    public void TheLoaderPicksTheNativeFolderForTheRid(string rid, string? shippedRid)
    {
        using var session = new ModuleSession(createAuthority: false);
        var relative = session.Run("[InedoLicense.Loader.NativeLibraryPaths]::RelativePath($args[0], 'e_sqlite3')", rid).SingleOrDefault()?.BaseObject as string;
        if (shippedRid is null)
        {
            Assert.Null(relative);
            return;
        }
        Assert.Equal(Path.Combine("runtimes", shippedRid, "native", FileNameFor(shippedRid)), relative);
        Assert.True(File.Exists(Path.Combine(Folder, "dependencies", relative!)), $"{relative} is not in the laid-out folder.");
    }

    [Fact]
    public void TheLoaderReferencesNothingOfOurs()
    {
        // Read from metadata, not loaded: the loader must load anywhere, before anything of ours can be resolved.
        using var stream = File.OpenRead(Path.Combine(Folder, "InedoLicense.Loader.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var references = metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
        Assert.Contains("System.Management.Automation", references);
        Assert.DoesNotContain(references, name => name.StartsWith("InedoLicense", StringComparison.Ordinal)
                                                  || name.StartsWith("Microsoft.Data", StringComparison.Ordinal) || name.StartsWith("SQLitePCL", StringComparison.Ordinal));
    }
}
