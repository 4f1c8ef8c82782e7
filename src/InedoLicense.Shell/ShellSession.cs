using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace InedoLicense.Shell;

/// <summary>One runspace with the InedoLicense module imported, running one script the way pwsh does:
/// output and errors rendered by Out-Default, `exit N` and failures turned into the process exit code.</summary>
internal sealed class ShellSession : IDisposable
{
    private const int Success = 0;
    private const int Failure = 1;

    private readonly ShellHost _host = new();
    private readonly Runspace _runspace;

    private ShellSession(ModuleLocation module)
    {
        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Unrestricted; // scripts must run regardless of machine policy
        _runspace = RunspaceFactory.CreateRunspace(_host, state);
        _runspace.Open();

        // After Open: opening rebuilds PSModulePath with the user and system folders first. Ours goes before them,
        // so `Import-Module InedoLicense` by name finds this build's module, as pwsh would with it installed.
        if (module.ModulePathRoot is { } root)
            PrependToModulePath(root);
    }

    /// <summary>
    /// Opens a session and imports the module from its manifest; null (after reporting why) when it cannot.
    /// Without <paramref name="importModule"/> the module is only put on PSModulePath, for the script to import.
    /// </summary>
    public static ShellSession? Open(ModuleLocation module, bool importModule = true)
    {
        if (!File.Exists(module.ManifestPath))
        {
            Console.Error.WriteLine(
                $"The InedoLicense module was not found at '{module.ManifestPath}'. " +
                $"Run 'dotnet build' first, or point -ModulePath (or {ModuleLocation.EnvironmentVariable}) at the folder holding InedoLicense.psd1.");
            return null;
        }

        var session = new ShellSession(module);
        if (!importModule)
            return session;
        Action<PowerShell> import = ps => ps.AddCommand("Import-Module").AddParameter("Name", module.ManifestPath).AddParameter("ErrorAction", "Stop");
        if (session.Run(import, addToHistory: false) == Success)
            return session;

        session.Dispose();
        return null;
    }

    /// <summary>Runs a script file with pwsh -File semantics: `exit N` in it ends the process with N.</summary>
    public int RunFile(string path, IEnumerable<CommandParameter> arguments)
    {
        // Like pwsh on Unix, a file without the .ps1 extension (a script with a shebang line) runs as script text.
        var command = path.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase)
            ? new Command(path, isScript: false, useLocalScope: false)
            : new Command(File.ReadAllText(path), isScript: true, useLocalScope: false);
        foreach (var argument in arguments)
            command.Parameters.Add(argument);

        var exitReachesHost = ScriptFileExit.TryPassToHost(_runspace);
        var exitCode = Run(ps => ps.Commands.AddCommand(command), addToHistory: false);
        ScriptFileExit.Reset(_runspace);
        if (!exitReachesHost && exitCode == Success && LastExitCode() is int code and not 0)
            return code; // without the engine switch, `exit N` only shows as $LASTEXITCODE
        return exitCode;
    }

    /// <summary>Runs script text with pwsh -Command semantics: also exits 1 when its last statement failed.</summary>
    public int RunCommand(string script) => Run(ps => ps.AddScript(script), addToHistory: true);

    public void Dispose() => _runspace.Dispose();

    /// <summary>Runs one statement with its output and errors rendered by Out-Default, and works out the exit code
    /// as pwsh does: `exit N` wins, then a terminating error (1), then whether the last statement succeeded ($?).</summary>
    /// <param name="addToHistory">pwsh runs -Command as a history entry, and only such a pipeline leaves the $? of
    /// its last statement behind; -File's does not, so a script file ends with 0 unless it calls exit or throws.</param>
    private int Run(Action<PowerShell> addCommand, bool addToHistory)
    {
        using var ps = PowerShell.Create(_runspace);
        addCommand(ps);
        // Errors travel with the output so Out-Default renders each one, through WriteErrorLine, in order with the output.
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        try
        {
            ps.Invoke(input: null, new PSInvocationSettings { AddToHistory = addToHistory });
        }
        catch (RuntimeException e) when (_host.ExitCode is null)
        {
            ReportTerminatingError(e);
            return Failure;
        }

        if (_host.ExitCode is { } exitCode)
            return exitCode;
        return LastStatementSucceeded() ? Success : Failure;
    }

    /// <summary>Renders a terminating error as pwsh does: through Out-Default's error view, onto stderr.</summary>
    private void ReportTerminatingError(RuntimeException exception)
    {
        var record = exception.ErrorRecord;
        var ui = (ShellHostUserInterface)_host.UI;
        try
        {
            using var ps = PowerShell.Create(_runspace);
            ps.AddCommand("Out-Default");
            using (ui.WriteOutputToError())
                ps.Invoke(new[] { record });
        }
        catch (RuntimeException)
        {
            Console.Error.WriteLine(exception.Message); // the formatter itself failed: plain message as a last resort
            if (record.InvocationInfo?.PositionMessage is { Length: > 0 } position)
                Console.Error.WriteLine(position);
        }
    }

    private bool LastStatementSucceeded()
    {
        using var ps = PowerShell.Create(_runspace);
        var result = ps.AddScript("$global:?").Invoke();
        return result.Count == 1 && result[0]?.BaseObject is true;
    }

    private int? LastExitCode()
    {
        using var ps = PowerShell.Create(_runspace);
        var result = ps.AddScript("$global:LASTEXITCODE").Invoke();
        return result.Count == 1 && result[0]?.BaseObject is int code ? code : null;
    }

    private static void PrependToModulePath(string folder)
    {
        var others = (Environment.GetEnvironmentVariable("PSModulePath") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !string.Equals(Path.TrimEndingDirectorySeparator(path), folder, StringComparison.Ordinal));
        Environment.SetEnvironmentVariable("PSModulePath", string.Join(Path.PathSeparator, others.Prepend(folder)));
    }
}
