using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// A runspace of the real engine with the laid-out module imported, and a private store and
/// authority folder in a temporary directory ($StorePath and $TestFolder point there).
/// </summary>
/// <remarks>
/// Environment variables are per process, not per runspace, so a session never sets
/// $env:INEDOLICENSE_STORE: tests pass -StorePath $StorePath. Tests that need the variable belong
/// to <see cref="ProcessEnvironmentCollection"/>, which runs alone.
/// </remarks>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    /// <param name="storeLocation">The store, when not the session folder's SQLite file (a PostgreSQL database, say).</param>
    public ModuleSession(bool createAuthority = true, string? storeLocation = null)
    {
        Folder = Directory.CreateTempSubdirectory("inedolicense-test-").FullName;
        StorePath = storeLocation ?? Path.Combine(Folder, "licenses.db");
        var state = InitialSessionState.CreateDefault2();
        state.Variables.Add(new SessionStateVariableEntry("StorePath", StorePath, "the test's store"));
        state.Variables.Add(new SessionStateVariableEntry("TestFolder", Folder, "the test's folder"));
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        Run("Import-Module -Name $args[0] -ErrorAction Stop", ManifestPath);
        if (createAuthority) Run("$null = New-LicenseAuthority -StorePath $StorePath -Path $args[0]", AuthorityPath);
    }

    public static string RepoRoot => Metadata("InedoLicenseRepoRoot");
    public static string ModuleFolder => Metadata("InedoLicenseModuleLayoutDir");
    public static string ManifestPath => Path.Combine(ModuleFolder, "InedoLicense.psd1");

    public string Folder { get; }
    public string StorePath { get; }
    public string AuthorityPath => Path.Combine(Folder, "authority");
    public string TrustBundlePath => Path.Combine(AuthorityPath, "trust.pem");

    /// <summary>Runs script text that must write no error; $args holds the arguments. Returns its output.</summary>
    public Collection<PSObject> Run(string script, params object?[] args)
    {
        var result = Invoke(script, args);
        if (result.Errors.Count > 0)
            throw new Xunit.Sdk.XunitException("The script wrote errors:" + Environment.NewLine + string.Join(Environment.NewLine,
                result.Errors.Select(e => $"  {e.FullyQualifiedErrorId}: {e.Exception.Message}")));
        return result.Output;
    }

    /// <summary>Runs script text and returns output, the error records written (non-terminating ones) and warnings.</summary>
    public ScriptResult Invoke(string script, params object?[] args)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (var arg in args) shell.AddArgument(arg);
        var output = shell.Invoke();
        return new ScriptResult(output, shell.Streams.Error.ToList(), shell.Streams.Warning.Select(w => w.Message).ToList());
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

    /// <summary>Creates this session's store, empty, for commands that only read one (they never create it).</summary>
    public void CreateEmptyStore() => InedoLicense.Store.LicenseStore.Open(StorePath, InedoLicense.Store.StoreOpenMode.OpenOrCreate).Dispose();

    /// <summary>Issues one licence key in this session's store; extra is appended to the New-License call.</summary>
    public PSObject IssueKey(string customer = "Contoso", string product = "ProGet", string extra = "") =>
        Run($"New-License -Product $args[0] -Customer $args[1] -Edition Basic -StorePath $StorePath {extra}", product, customer).Single();

    /// <summary>Runs script text that must end in a terminating error (a cmdlet's ThrowTerminatingError, or throw); returns it.</summary>
    /// <remarks>A cmdlet's terminating error only ends its statement, so Invoke would not throw; try/catch sees it
    /// (and only it: non-terminating errors pass a try block by), and the bare throw rethrows the same record.</remarks>
    public ErrorRecord RunExpectingFailure(string script, params object?[] args)
    {
        var exception = Assert.ThrowsAny<RuntimeException>(() => Invoke($"try {{\n{script}\n}} catch {{ throw }}", args));
        return exception.ErrorRecord;
    }

    public void Dispose()
    {
        _runspace.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    internal static string Metadata(string key) =>
        typeof(ModuleSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

/// <summary>What a script wrote: output, non-terminating errors and warning messages.</summary>
public sealed record ScriptResult(Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<string> Warnings)
{
    public void Deconstruct(out Collection<PSObject> output, out IReadOnlyList<ErrorRecord> errors)
    {
        output = Output;
        errors = Errors;
    }
}
