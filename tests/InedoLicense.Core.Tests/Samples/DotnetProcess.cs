using System.Collections.Concurrent;
using System.Diagnostics;

namespace InedoLicense.Core.Tests.Samples;

/// <summary>Runs dotnet (a build, a pack, a sample) as a child process and reads its output line by line.</summary>
internal sealed class DotnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly List<string> _all = [];

    public DotnetProcess(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } line) Add(line); else _lines.CompleteAdding(); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Add("stderr: " + line); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_all) return string.Join(Environment.NewLine, _all); }
    }

    private void Add(string line)
    {
        lock (_all) _all.Add(line);
        if (!line.StartsWith("stderr: ", StringComparison.Ordinal) && !_lines.IsAddingCompleted) _lines.Add(line);
    }

    /// <summary>Waits for a line starting with <paramref name="prefix"/>; fails with the output so far when the process ends first or hangs.</summary>
    public string WaitForLine(string prefix, TimeSpan? hangAfter = null)
    {
        using var cancel = new CancellationTokenSource(hangAfter ?? TimeSpan.FromMinutes(2));
        try
        {
            foreach (var line in _lines.GetConsumingEnumerable(cancel.Token))
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        }
        catch (OperationCanceledException) { }
        throw new Xunit.Sdk.XunitException($"No line starting with '{prefix}'. Output:{Environment.NewLine}{Output}");
    }

    /// <summary>Waits for the exit (a hang is a failure, not a measurement) and returns the exit code.</summary>
    public int WaitForExit(TimeSpan? hangAfter = null)
    {
        if (!_process.WaitForExit(hangAfter ?? TimeSpan.FromMinutes(5)))
            throw new Xunit.Sdk.XunitException($"dotnet did not finish. Output:{Environment.NewLine}{Output}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public static string Run(string workingDirectory, params string[] arguments)
    {
        using var process = new DotnetProcess(workingDirectory, arguments);
        var exit = process.WaitForExit(TimeSpan.FromMinutes(8));
        Assert.True(exit == 0, $"dotnet {string.Join(' ', arguments)} exited with {exit}:{Environment.NewLine}{process.Output}");
        return process.Output;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
