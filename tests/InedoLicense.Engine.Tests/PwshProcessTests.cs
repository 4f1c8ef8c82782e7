using InedoLicense.Store;
using Xunit.Abstractions;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// The real user path: real pwsh 7.6.9 as its own process, loading the laid-out module (and its native SQLite)
/// through the module's own load context, not through these tests' dependencies.
/// </summary>
[Trait("Tier", "Slow")]
public sealed class PwshProcessTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("inedolicense-pwsh-").FullName;

    private string StorePath => Path.Combine(_folder, "licenses.db");

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private PwshRun Run(params string[] arguments)
    {
        var run = PwshProcess.Run(StorePath, arguments);
        log.WriteLine($"{string.Join(' ', arguments)}: {run}");
        return run;
    }

    [Fact]
    public void QuickstartRunsToTheEnd()
    {
        var quickstart = Path.Combine(ModuleSession.RepoRoot, "examples", "quickstart.ps1");
        var run = Run("-File", quickstart, "-StorePath", StorePath);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Revoked", run.StandardOutput);
        Assert.Contains("Quickstart finished", run.StandardOutput);
        Assert.Equal("", run.StandardError);
        Assert.True(File.Exists(StorePath));
        log.WriteLine($"Quickstart process wall time: {run.Elapsed.TotalMilliseconds:N0} ms"); // reported, never asserted
    }

    [Fact]
    public void AKeyIssuedInOneProcessVerifiesInAFreshOne()
    {
        var issue = Run("-Command", "$null = New-LicenseAuthority -NoPassword; (New-License -Product ProGet -Customer Contoso -Edition Basic).Key");
        Assert.True(issue.ExitCode == 0, issue.ToString());
        Assert.Equal("", issue.StandardError);
        Assert.True(File.Exists(StorePath), "the SQLite store was not created: native SQLite did not load from the module folder?");
        var key = issue.StandardOutput.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("ILK1.", StringComparison.Ordinal));

        var verify = Run("-Command", $"Test-LicenseKey -Key '{key}' | ForEach-Object Status");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal("Valid", verify.StandardOutput.Trim());

        using var store = LicenseStore.Open(StorePath);
        Assert.Equal(["Contoso"], store.Licenses.Query(new LicenseQuery()).Select(r => r.Customer));
    }

    [Fact]
    public void TheModuleAutoLoadsFromPSModulePathWithItsDependenciesInItsOwnLoadContext()
    {
        var run = Run("-Command", """
            $null = New-LicenseAuthority -NoPassword
            "MODULE $((Get-Module InedoLicense).Version)"
            foreach ($name in 'InedoLicense.Core', 'Microsoft.Data.Sqlite') {
                $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name }
                "LOADED $name $([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name)"
            }
            """);
        Assert.True(run.ExitCode == 0 && run.StandardError.Length == 0, run.ToString());
        Assert.Contains("MODULE 0.1.0", run.StandardOutput);
        Assert.Contains("LOADED InedoLicense.Core InedoLicense", run.StandardOutput);
        Assert.Contains("LOADED Microsoft.Data.Sqlite InedoLicense", run.StandardOutput);
    }

    [Fact]
    public void ACmdletsTerminatingErrorExitsOneWithTheMessageOnStderr()
    {
        var missing = Path.Combine(_folder, "nowhere", "trust.pem");
        var run = Run("-Command", $"Test-LicenseKey -Key 'ILK1.x' -TrustBundle '{missing}'");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No trust bundle at", run.StandardError);
        Assert.Contains(missing, run.StandardError.Replace("\n", "").Replace("\r", ""));
        Assert.DoesNotContain("No trust bundle at", run.StandardOutput);
    }

    [Fact]
    public void RevokingWithoutConfirmDoesNotPromptOrRevoke()
    {
        var issue = Run("-Command", "$null = New-LicenseAuthority -NoPassword; (New-License -Product ProGet -Customer Contoso -Edition Basic).Serial");
        Assert.True(issue.ExitCode == 0, issue.ToString());
        var serial = issue.StandardOutput.Trim();

        var revoke = Run("-Command", $"Revoke-License -Serial {serial}");
        Assert.Equal(1, revoke.ExitCode);
        Assert.Contains("NonInteractive", revoke.StandardError);

        using var store = LicenseStore.Open(StorePath);
        Assert.Equal(RecordState.Active, store.Licenses.Find(serial)!.Status);
    }
}
