using System.Reflection;
using Xunit.Abstractions;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// Another module loaded a different Microsoft.Data.Sqlite (and SQLitePCLRaw) into the default load context:
/// ours still works, because the module loads its private dependencies in its own AssemblyLoadContext.
/// Each case runs in a fresh shell process started with -NoModule, so the script decides what loads first.
/// </summary>
[Trait("Tier", "Slow")] // real pwsh processes
public sealed class DependencyConflictTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("inedolicense-conflict-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>The Microsoft.Data.Sqlite versions the test project downloads (OtherSqliteVersions in its csproj).</summary>
    private static List<string> OtherSqliteVersions() =>
        typeof(DependencyConflictTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith("InedoLicenseOtherSqlite:", StringComparison.Ordinal)).Select(a => a.Key.Split(':')[1]).ToList();

    public static TheoryData<string> OtherVersions => new(OtherSqliteVersions());

    private static string OtherSqlitePath(string version) => ModuleSession.Metadata("InedoLicenseOtherSqlite:" + version);

    // Loads the other version into the default context, as another module would, and uses it a little.
    private static string LoadOtherSqlite(string version) => $$"""
        $null = [System.Reflection.Assembly]::LoadFrom('{{ModuleSession.Metadata("InedoLicenseOtherSqlitePclRaw")}}')
        $other = [System.Reflection.Assembly]::LoadFrom('{{OtherSqlitePath(version)}}')
        $builder = [Activator]::CreateInstance($other.GetType('Microsoft.Data.Sqlite.SqliteConnectionStringBuilder'))
        $builder['Data Source'] = ':memory:'
        $connection = [Activator]::CreateInstance($other.GetType('Microsoft.Data.Sqlite.SqliteConnection'), @($builder.ToString()))
        "OTHER $($other.GetName().Version) $($connection.GetType().Assembly.GetName().Version) $($connection.ConnectionString)"
        """;

    private const string UseTheStore = """
        $null = New-LicenseAuthority -NoPassword
        $issued = New-License -Product ProGet -Customer Contoso -Edition Basic
        "ISSUED $($issued.Serial)"
        "FOUND $((Get-License -Serial $issued.Serial).Customer)"
        "VERIFIED $((Test-LicenseKey -Key $issued.Key).Status)"
        """;

    private const string ListSqliteAssemblies = """
        foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
            if ($assembly.GetName().Name -eq 'Microsoft.Data.Sqlite') {
                "SQLITE $($assembly.GetName().Version.Major) $([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name)"
            }
        }
        """;

    private PwshRun RunScript(string script)
    {
        var path = Path.Combine(_folder, "conflict.ps1");
        File.WriteAllText(path, "$ErrorActionPreference = 'Stop'\n" + script);
        var run = PwshProcess.Run(Path.Combine(_folder, "licenses.db"), "-File", path);
        log.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0 && run.StandardError.Length == 0, run.ToString());
        return run;
    }

    private static List<string> Lines(PwshRun run, string prefix) =>
        run.StandardOutput.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)).ToList();

    private static void AssertTheStoreWorked(PwshRun run)
    {
        var serial = Assert.Single(Lines(run, "ISSUED")).Split(' ')[1];
        Assert.Matches("^[0-9A-F]{16}$", serial);
        Assert.Equal(["FOUND Contoso"], Lines(run, "FOUND"));
        Assert.Equal(["VERIFIED Valid"], Lines(run, "VERIFIED"));
    }

    private static void AssertBothVersionsAreLoaded(PwshRun run, string otherVersion)
    {
        var ours = OurSqliteVersion().Major;
        Assert.Equal(new[] { $"SQLITE {Version.Parse(otherVersion).Major} Default", $"SQLITE {ours} InedoLicense" }.Order(StringComparer.Ordinal),
            Lines(run, "SQLITE").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OtherVersions))]
    public void AnotherSqliteLoadedFirstDoesNotBreakTheModule(string otherVersion)
    {
        var run = RunScript(LoadOtherSqlite(otherVersion) + "\nImport-Module InedoLicense\n" + UseTheStore + "\n" + ListSqliteAssemblies);

        Assert.Single(Lines(run, "OTHER"));
        Assert.StartsWith($"OTHER {Version.Parse(otherVersion).Major}.", Lines(run, "OTHER")[0]);
        AssertTheStoreWorked(run);
        AssertBothVersionsAreLoaded(run, otherVersion);
    }

    [Fact]
    public void AnotherSqliteLoadedAfterTheModuleStillLoadsAndBothWork()
    {
        var otherVersion = OtherSqliteVersions()[0];
        var run = RunScript("Import-Module InedoLicense\n" + UseTheStore + "\n" + LoadOtherSqlite(otherVersion)
            + "\n\"AGAIN $(@(Get-License).Count)\"\n" + ListSqliteAssemblies);

        AssertTheStoreWorked(run);
        Assert.Single(Lines(run, "OTHER"));
        Assert.Equal(["AGAIN 1"], Lines(run, "AGAIN"));
        AssertBothVersionsAreLoaded(run, otherVersion);
    }

    [Fact]
    public void TheOtherVersionsAreReallyOthers()
    {
        var ours = OurSqliteVersion();
        Assert.NotEmpty(OtherSqliteVersions());
        foreach (var version in OtherSqliteVersions())
        {
            Assert.True(File.Exists(OtherSqlitePath(version)), OtherSqlitePath(version));
            Assert.NotEqual(ours.Major, AssemblyName.GetAssemblyName(OtherSqlitePath(version)).Version!.Major);
        }
    }

    // The version Core is built against, read from its references: loading it here would put a copy in the default context.
    private static Version OurSqliteVersion() =>
        typeof(InedoLicense.Store.LicenseRecord).Assembly.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.Data.Sqlite").Version!;
}
