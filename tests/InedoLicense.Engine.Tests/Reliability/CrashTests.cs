using System.Collections.Concurrent;
using System.Diagnostics;
using InedoLicense.Store;
using Xunit.Abstractions;

namespace InedoLicense.Engine.Tests.Reliability;

[Trait("Tier", "Slow")] // real pwsh processes
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Lanes = 2;
    private const int KillsPerLane = 10;
    private const int Seed = 7007;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>
    /// kill -9 of a bulk issuance, 20 times in all, each at a random moment after its first key is out.
    /// Two lanes take turns on one store, so most kills land while another process is issuing too.
    /// After each kill the store opens, integrity_check is ok, the audit chain and its anchor hold,
    /// every key the process wrote is recorded, and no recorded key lacks its IssueKey entry.
    /// </summary>
    [Fact]
    public void KilledBulkIssuanceLosesNoKeyItHandedOut()
    {
        using var session = new ModuleSession();
        output.WriteLine($"Seed {Seed}");
        var log = new ConcurrentQueue<string>();
        var handedOut = new ConcurrentDictionary<string, bool>();
        var watch = Stopwatch.StartNew();

        var lanes = Enumerable.Range(0, Lanes)
            .Select(lane => Task.Factory.StartNew(() => RunLane(lane, session.StorePath, log, handedOut), TaskCreationOptions.LongRunning))
            .ToArray();
        try
        {
            Task.WaitAll(lanes);
        }
        finally
        {
            foreach (var line in log) output.WriteLine(line);
        }

        using var store = LicenseStore.Open(session.StorePath);
        var report = store.Integrity.CheckIntegrity();
        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
        output.WriteLine($"{Lanes * KillsPerLane} kills survived in {watch.Elapsed.TotalSeconds:N1} s; {handedOut.Count:N0} keys handed out, "
            + $"all recorded; store: {report.Licenses:N0} keys, {report.AuditEntries:N0} audit entries");
    }

    private static void RunLane(int lane, string storePath, ConcurrentQueue<string> log, ConcurrentDictionary<string, bool> handedOut)
    {
        const string command =
            "1..1000000 | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = \"C$_\"; Edition = 'Basic' } } | New-License | ForEach-Object Serial";
        var random = new Random(Seed + lane);
        for (var round = 1; round <= KillsPerLane; round++)
        {
            var name = $"lane {lane} kill {round,2}";
            var delay = random.Next(0, 600);
            List<string> written;
            using (var shell = PwshProcess.Start(command, storePath))
            {
                Assert.True(shell.WaitForFirstLine(Patience), $"{name}: no key came out: {shell.Errors}");
                Thread.Sleep(delay);
                shell.Kill();
                Assert.True(shell.WaitForExit(Patience), $"{name}: the killed shell did not exit");
                Assert.Equal("", shell.Errors);
                written = shell.Lines.ToList();
            }
            foreach (var serial in written) handedOut[serial] = true;

            using var store = LicenseStore.Open(storePath);
            var report = store.Integrity.CheckIntegrity();
            Assert.True(report.IsValid, $"{name}: {string.Join(Environment.NewLine, report.Problems)}");
            var missing = written.Where(serial => store.Licenses.Find(serial) is null).ToList();
            Assert.True(missing.Count == 0, $"{name}: {missing.Count} keys written to output are not in the store, e.g. {missing.FirstOrDefault()}");
            log.Enqueue($"{name}: {delay,3} ms after the first key; {written.Count,5} keys out, all recorded; "
                + $"store {report.Licenses,6} keys, {report.AuditEntries,6} audit entries, integrity {report.IntegrityCheck}");
        }
    }
}
