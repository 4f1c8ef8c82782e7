using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace InedoLicense.Engine.Tests;

/// <summary>What one run of the shell process did.</summary>
public sealed record ShellRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"exit code {ExitCode} after {Elapsed.TotalSeconds:N1} s{Environment.NewLine}--- stdout ---{Environment.NewLine}{StandardOutput}" +
        $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{StandardError}";
}

/// <summary>
/// Runs the built InedoLicense.Shell as a separate process (`dotnet InedoLicense.Shell.dll`), the way
/// a user runs it, with the module from <see cref="ModuleSession.ModuleFolder"/> and its own store.
/// </summary>
public static class ShellProcess
{
    private const string ShellAssembly = "InedoLicense.Shell.dll";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<string> LocatedShell = new(LocateShell);

    public static string ShellPath => LocatedShell.Value;

    /// <summary>Runs the shell with -ModulePath and these arguments; INEDOLICENSE_STORE is set to storePath.</summary>
    public static ShellRun Run(string storePath, params string[] arguments)
    {
        var start = StartInfo(storePath, arguments);
        start.RedirectStandardInput = true;
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The shell process did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"The shell did not finish within {Timeout}.{Environment.NewLine}{output.Result}{Environment.NewLine}{error.Result}");
        }
        process.WaitForExit(); // drains the redirected streams
        return new ShellRun(process.ExitCode, output.Result, error.Result, stopwatch.Elapsed);
    }

    /// <summary>Starts the shell with -Command and returns at once; its output is collected line by line as it arrives.</summary>
    public static RunningShell Start(string command, string storePath) => new(StartInfo(storePath, ["-Command", command]));

    /// <summary>`dotnet InedoLicense.Shell.dll -NoProfile -ModulePath ... arguments`, with INEDOLICENSE_STORE for this process alone.</summary>
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
        foreach (var argument in (string[])[ShellPath, "-NoProfile", "-ModulePath", ModuleSession.ModuleFolder, .. arguments])
            start.ArgumentList.Add(argument);
        start.Environment["INEDOLICENSE_STORE"] = storePath;
        start.Environment.Remove("INEDOLICENSE_MODULE_PATH");
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

    /// <summary>The shell built beside these tests: same configuration and framework; else a copy in the test output
    /// (dotnet test -o); else the newest build of any configuration.</summary>
    private static string LocateShell()
    {
        var shellBin = Path.Combine(ModuleSession.RepoRoot, "src", "InedoLicense.Shell", "bin");
        var expected = Path.Combine(shellBin, ModuleSession.Metadata("InedoLicenseConfiguration"),
            ModuleSession.Metadata("InedoLicenseTargetFramework"), ShellAssembly);
        if (File.Exists(expected)) return expected;
        var besideTests = Path.Combine(AppContext.BaseDirectory, ShellAssembly);
        if (File.Exists(besideTests)) return besideTests;
        var newest = Directory.Exists(shellBin)
            ? Directory.EnumerateFiles(shellBin, ShellAssembly, SearchOption.AllDirectories).MaxBy(File.GetLastWriteTimeUtc)
            : null;
        return newest ?? throw new FileNotFoundException(
            $"InedoLicense.Shell is not built: looked for {expected} and {besideTests}. Build the solution (dotnet build) first.");
    }
}

/// <summary>A shell process started by <see cref="ShellProcess.Start"/>: standard output is collected line by line as it arrives.</summary>
public sealed class RunningShell : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunningShell(ProcessStartInfo start)
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
