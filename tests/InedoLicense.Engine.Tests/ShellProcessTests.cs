using InedoLicense.Store;
using Xunit.Abstractions;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// The real user path: the shell as its own process, loading the laid-out module (and its native SQLite)
/// through the module's own load context, not through these tests' dependencies.
/// </summary>
public sealed class ShellProcessTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("inedolicense-shell-").FullName;

    private string StorePath => Path.Combine(_folder, "licenses.db");

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private ShellRun Run(params string[] arguments)
    {
        var run = ShellProcess.Run(StorePath, arguments);
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
        var issue = Run("-Command", "$null = New-LicenseAuthority; (New-License -Product ProGet -Customer Contoso -Edition Basic).Key");
        Assert.True(issue.ExitCode == 0, issue.ToString());
        Assert.Equal("", issue.StandardError);
        Assert.True(File.Exists(StorePath), "the SQLite store was not created: native SQLite did not load from the module folder?");
        var key = issue.StandardOutput.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("ILK1.", StringComparison.Ordinal));

        var verify = Run("-Command", $"Test-LicenseKey -Key '{key}' | ForEach-Object Status");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal("Valid", verify.StandardOutput.Trim());

        using var store = LicenseStore.Open(StorePath);
        Assert.Equal(["Contoso"], store.Query(new LicenseQuery()).Select(r => r.Customer));
    }

    [Fact]
    public void NoModuleLeavesTheImportToTheScriptAndTheHelpSaysSo()
    {
        var run = Run("-NoModule", "-Command", "\"before: $(@(Get-Module InedoLicense).Count)\"; Import-Module InedoLicense; \"after: $((Get-Module InedoLicense).Name)\"");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("before: 0", run.StandardOutput);
        Assert.Contains("after: InedoLicense", run.StandardOutput);

        var help = Run("-Help");
        Assert.Contains("-NoModule", help.StandardOutput);
    }

    [Fact]
    public void ExitCodesFollowThePwshRules()
    {
        Assert.Equal(3, Run("-Command", "exit 3").ExitCode);

        var script = Path.Combine(_folder, "exits.ps1");
        File.WriteAllText(script, "param([int] $Code) 'before'; exit $Code");
        var fromFile = Run("-File", script, "-Code", "7");
        Assert.Equal(7, fromFile.ExitCode);
        Assert.Contains("before", fromFile.StandardOutput);
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
    public void AThrowInAScriptFileExitsOneWithTheMessageOnStderr()
    {
        var script = Path.Combine(_folder, "fails.ps1");
        File.WriteAllText(script, "'started'\nthrow 'the licence server is on fire'\n'never printed'");
        var run = Run("-File", script);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the licence server is on fire", run.StandardError);
        Assert.Contains("started", run.StandardOutput);
        Assert.DoesNotContain("never printed", run.StandardOutput);
    }

    [Fact]
    public void RevokingWithoutConfirmDoesNotPromptOrRevoke()
    {
        var issue = Run("-Command", "$null = New-LicenseAuthority; (New-License -Product ProGet -Customer Contoso -Edition Basic).Serial");
        Assert.True(issue.ExitCode == 0, issue.ToString());
        var serial = issue.StandardOutput.Trim();

        var revoke = Run("-Command", $"Revoke-License -Serial {serial}");
        Assert.Equal(1, revoke.ExitCode);
        Assert.Contains("non-interactive", revoke.StandardError);

        using var store = LicenseStore.Open(StorePath);
        Assert.Equal(LicenseState.Active, store.Find(serial)!.Status);
    }
}
