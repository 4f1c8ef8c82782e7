using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// A runspace of the real engine with the laid-out module imported, and a private store and
/// authority folder in a temporary directory ($StorePath and $env:INEDOLICENSE_STORE point there).
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleSession(bool createAuthority = true)
    {
        Folder = Directory.CreateTempSubdirectory("inedolicense-test-").FullName;
        StorePath = Path.Combine(Folder, "licenses.db");
        var state = InitialSessionState.CreateDefault2();
        state.Variables.Add(new SessionStateVariableEntry("StorePath", StorePath, "the test's store"));
        state.Variables.Add(new SessionStateVariableEntry("TestFolder", Folder, "the test's folder"));
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        Run("Import-Module -Name $args[0] -ErrorAction Stop", ManifestPath);
        if (createAuthority) Run("$null = New-LicenseAuthority -StorePath $StorePath");
    }

    public static string RepoRoot => Metadata("InedoLicenseRepoRoot");
    public static string ModuleFolder => Metadata("InedoLicenseModuleLayoutDir");
    public static string ManifestPath => Path.Combine(ModuleFolder, "InedoLicense.psd1");

    public string Folder { get; }
    public string StorePath { get; }
    public string AuthorityPath => Path.Combine(Folder, "authority");
    public string TrustBundlePath => Path.Combine(AuthorityPath, "trust.pem");

    /// <summary>Runs script text; $args holds the arguments. Throws on a terminating error.</summary>
    public Collection<PSObject> Run(string script, params object?[] args) => Invoke(script, args).Output;

    /// <summary>Runs script text and returns output and the error records written (non-terminating ones).</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Invoke(string script, params object?[] args)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (var arg in args) shell.AddArgument(arg);
        var output = shell.Invoke();
        return (output, shell.Streams.Error.ToList());
    }

    /// <summary>Like <see cref="Invoke"/>, and also returns the progress records written.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<ProgressRecord> Progress) InvokeWithProgress(string script, params object?[] args)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (var arg in args) shell.AddArgument(arg);
        var output = shell.Invoke();
        return (output, shell.Streams.Error.ToList(), shell.Streams.Progress.ToList());
    }

    /// <summary>Runs script text that must end in a terminating error; returns it.</summary>
    public ErrorRecord RunExpectingFailure(string script, params object?[] args)
    {
        var exception = Assert.ThrowsAny<RuntimeException>(() => Run(script, args));
        return exception.ErrorRecord;
    }

    public void Dispose()
    {
        _runspace.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private static string Metadata(string key) =>
        typeof(ModuleSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
