using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace InedoLicense.Bench;

/// <summary>Scenarios that run the module in the real engine (in this process or a child process).</summary>
internal static class EngineScenarios
{
    public static Runspace OpenRunspace(string storePath)
    {
        Environment.SetEnvironmentVariable("INEDOLICENSE_STORE", storePath);
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Invoke(runspace, "Import-Module $args[0] -ErrorAction Stop", BenchFixture.ModuleManifest);
        return runspace;
    }

    public static IList<PSObject> Invoke(Runspace runspace, string script, params object[] args)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        foreach (var arg in args) shell.AddArgument(arg);
        var output = shell.Invoke();
        if (shell.HadErrors && shell.Streams.Error.Count > 0)
            throw new InvalidOperationException("Engine error: " + shell.Streams.Error[0]);
        return output;
    }

    /// <summary>Child-process modes: each prints one line "name value" and exits.</summary>
    public static int RunChild(string[] args)
    {
        var mode = args[1];
        switch (mode)
        {
            case "import":
            {
                // Runspace creation is the host's cost (pwsh pays it before the prompt); import + first cmdlet is ours.
                var total = Stopwatch.StartNew();
                var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
                runspace.Open();
                var opened = total.Elapsed;
                Environment.SetEnvironmentVariable("INEDOLICENSE_STORE", Path.Combine(args[3], "absent.db"));
                Invoke(runspace, "Import-Module $args[0] -ErrorAction Stop; Test-LicenseKey -Key $args[1] -TrustBundle $args[2] | Out-Null",
                    BenchFixture.ModuleManifest, File.ReadAllText(args[2] + ".key"), args[2]);
                Console.WriteLine($"runspace_ms {opened.TotalMilliseconds:F0}");
                Console.WriteLine($"import_first_cmdlet_ms {(total.Elapsed - opened).TotalMilliseconds:F0}");
                return 0;
            }
            case "audit":
            {
                var runspace = OpenRunspace(Path.Combine(Path.GetDirectoryName(args[2])!, "absent.db"));
                Invoke(runspace, "Test-LicenseKey -Path $args[0] -TrustBundle $args[1] | Out-Null", args[2], args[3]);
                Console.WriteLine($"peak_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}");
                return 0;
            }
            case "issue":
            {
                var count = int.Parse(args[2]);
                var runspace = OpenRunspace(Path.Combine(args[3], $"child-{Guid.NewGuid():N}.db"));
                Invoke(runspace, "1..$args[0] | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = \"C$_\"; Edition = 'Basic' } } | New-License | Out-Null", count);
                Console.WriteLine($"peak_mb {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0}");
                return 0;
            }
            default:
                Console.Error.WriteLine("unknown child mode " + mode);
                return 2;
        }
    }

    /// <summary>Runs this program again in a child mode and returns its "name value" lines.</summary>
    public static Dictionary<string, double> Child(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(EngineScenarios).Assembly.Location);
        start.ArgumentList.Add("--child");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"child {string.Join(' ', args)} failed: {stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
