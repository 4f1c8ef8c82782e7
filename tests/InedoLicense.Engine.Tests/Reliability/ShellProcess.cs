using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace InedoLicense.Engine.Tests.Reliability;

/// <summary>
/// The embedded shell as a separate process (`dotnet InedoLicense.Shell.dll -ModulePath ... -Command ...`)
/// with $env:INEDOLICENSE_STORE set for it alone. Standard output is collected line by line as it arrives.
/// </summary>
public sealed class ShellProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ShellProcess(string command, string storePath)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[ShellPath, "-NoProfile", "-ModulePath", ModuleSession.ModuleFolder, "-Command", command])
            start.ArgumentList.Add(argument);
        start.Environment[Store.LicenseStore.PathVariable] = storePath;
        start.Environment.Remove("INEDOLICENSE_MODULE_PATH");
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

    public static string ShellPath =>
        typeof(ShellProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "InedoLicenseShellPath").Value!;

    public static ShellProcess Start(string command, string storePath) => new(command, storePath);

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
