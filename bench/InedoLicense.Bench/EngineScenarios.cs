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

    /// <summary>
    /// Bench 2b as a user runs it: a child real pwsh (the repository's local tool, `dotnet pwsh`) imports the
    /// laid-out module, reads <paramref name="count"/> rows with Import-Csv and times `$rows | New-License` itself.
    /// Returns the median rows per second of its runs, each run's rate, and each run's CPU (all threads of the pwsh
    /// process, µs per key) and garbage collections (gen0/gen1/gen2).
    /// </summary>
    public static (double Median, IReadOnlyList<double> Runs, IReadOnlyList<double> CpuPerKey, IReadOnlyList<string> Collections) RealPwshIssue(int count, string folder, string certificatePath)
    {
        var csv = Path.Combine(folder, $"rows-{count}.csv");
        using (var writer = new StreamWriter(csv))
        {
            writer.WriteLine("Product,Customer,Edition,Months");
            for (var i = 0; i < count; i++) writer.WriteLine($"ProGet,Customer {i:D6},Basic,");
        }
        var repoRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(BenchFixture.ModuleManifest)!, "..", "..", ".."));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File",
                     Path.Combine(repoRoot, "bench", "InedoLicense.Bench", "IssueFromCsv.ps1"),
                     "-ModuleManifest", BenchFixture.ModuleManifest, "-CsvPath", csv, "-Folder", folder, "-CertificatePath", certificatePath])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pwsh bench failed ({process.ExitCode}): {stderrTask.Result}{stdout}");
        var values = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')).Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        List<double> Series(string prefix) => values.Where(v => v.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(v => v.Key).Select(v => v.Value).ToList();
        var runs = Series("run_");
        var collections = Enumerable.Range(1, runs.Count)
            .Select(run => string.Join("/", Enumerable.Range(0, 3).Select(g => values.GetValueOrDefault($"gen{g}_{run}")))).ToList();
        return (values["median"], runs, Series("cpu_"), collections);
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
