using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace InedoLicense.Engine.Tests;

/// <summary>What one run of a pwsh process did.</summary>
public sealed record PwshRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"exit code {ExitCode} after {Elapsed.TotalSeconds:N1} s{Environment.NewLine}--- stdout ---{Environment.NewLine}{StandardOutput}" +
        $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{StandardError}";
}

/// <summary>
/// Runs real pwsh 7.6.9 (the local dotnet tool, restored by the build) as a separate process, the way
/// a user runs it: the laid-out module is found on PSModulePath (so it auto-loads, as an installed module
/// does), and INEDOLICENSE_STORE points at the test's own store.
/// </summary>
public static class PwshProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<string> LocatedPwsh = new(LocatePwsh);

    /// <summary>pwsh.dll of the pinned tool package, run by dotnet directly: one process, so kill -9 reaches the engine.</summary>
    public static string PwshPath => LocatedPwsh.Value;

    /// <summary>Runs pwsh with these arguments (e.g. -File script, or -Command text); INEDOLICENSE_STORE is set to storePath.</summary>
    public static PwshRun Run(string storePath, params string[] arguments)
    {
        var start = StartInfo(storePath, arguments);
        start.RedirectStandardInput = true;
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The pwsh process did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"pwsh did not finish within {Timeout}.{Environment.NewLine}{output.Result}{Environment.NewLine}{error.Result}");
        }
        process.WaitForExit(); // drains the redirected streams
        return new PwshRun(process.ExitCode, output.Result, error.Result, stopwatch.Elapsed);
    }

    /// <summary>Starts pwsh -Command and returns at once; its output is collected line by line as it arrives.</summary>
    public static RunningPwsh Start(string command, string storePath) => new(StartInfo(storePath, ["-Command", command]));

    /// <summary>Like <see cref="Start(string, string)"/>, with more environment variables for the process (XDG_DATA_HOME, PGPASSWORD, ...).</summary>
    public static RunningPwsh Start(string command, string storePath, IReadOnlyDictionary<string, string> environment)
    {
        var start = StartInfo(storePath, ["-Command", command]);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new RunningPwsh(start);
    }

    /// <summary>`dotnet pwsh.dll -NoProfile -NonInteractive arguments`, with the module on PSModulePath and INEDOLICENSE_STORE for this process alone.</summary>
    internal static ProcessStartInfo StartInfo(string storePath, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ModuleSession.RepoRoot,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])[PwshPath, "-NoProfile", "-NonInteractive", .. arguments])
            start.ArgumentList.Add(argument);
        start.Environment["INEDOLICENSE_STORE"] = storePath;
        // out/InedoLicense/<version>/InedoLicense.psd1 is an installed module's layout: its parent folder goes on the path.
        start.Environment["PSModulePath"] = Path.GetDirectoryName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(ModuleSession.ModuleFolder)));
        // No update check or telemetry from a test process.
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    /// <summary>The dotnet that runs these tests (so the SDK's runtime matches), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return self;
        return "dotnet";
    }

    private static string LocatePwsh()
    {
        var path = Path.Combine(ModuleSession.Metadata("InedoLicensePwshFolder"), OperatingSystem.IsWindows() ? "win" : "unix", "pwsh.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException(
            $"pwsh 7.6.9 is not restored at {path}: run 'dotnet tool restore' in the repository (the test project's build does).");
    }
}

/// <summary>A pwsh process started by <see cref="PwshProcess.Start"/>: standard output is collected line by line as it arrives.</summary>
public sealed class RunningPwsh : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunningPwsh(ProcessStartInfo start)
    {
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            Lines.Enqueue(e.Data);
            _firstLine.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_errors) _errors.AppendLine(e.Data);
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Every line written to standard output so far.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public string Errors
    {
        get { lock (_errors) return _errors.ToString(); }
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public bool WaitForFirstLine(TimeSpan timeout) => _firstLine.Task.Wait(timeout);

    /// <summary>Waits for the process and for its output to be read to the end; false on timeout.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // flushes the asynchronous readers
        return true;
    }

    /// <summary>kill -9 of the process and its children.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
