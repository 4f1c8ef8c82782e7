using System.Diagnostics;
using InedoLicense.Store;
using Xunit.Abstractions;

namespace InedoLicense.Engine.Tests.Reliability;

[Trait("Tier", "Slow")] // real pwsh processes
public sealed class ConcurrentIssuanceTests(ITestOutputHelper output)
{
    private const int Processes = 4;
    private const int KeysPerProcess = 500;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public void FourProcessesIssuingIntoOneStoreLoseNothing()
    {
        using var session = new ModuleSession(); // the authority and the store, made once
        var go = Path.Combine(session.Folder, "go");
        // Each process imports the module, says "ready", and waits for the others, so they all issue at the same time.
        var command = $$"""
            'ready'
            while (-not [System.IO.File]::Exists('{{go}}')) { [System.Threading.Thread]::Sleep(20) }
            1..{{KeysPerProcess}} | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = "C$_"; Edition = 'Basic' } } | New-License | ForEach-Object Serial
            """;
        var watch = Stopwatch.StartNew();
        var shells = Enumerable.Range(0, Processes).Select(_ => PwshProcess.Start(command, session.StorePath)).ToList();
        try
        {
            foreach (var shell in shells) Assert.True(shell.WaitForFirstLine(Patience), "a shell did not start: " + shell.Errors);
            File.WriteAllText(go, "");
            var issuing = Stopwatch.StartNew();
            foreach (var shell in shells) Assert.True(shell.WaitForExit(Patience), "a shell did not finish");
            output.WriteLine($"{Processes} processes x {KeysPerProcess} keys: {issuing.Elapsed.TotalSeconds:N1} s issuing, {watch.Elapsed.TotalSeconds:N1} s in all");

            var serials = new List<string>();
            foreach (var shell in shells)
            {
                Assert.Equal("", shell.Errors);
                Assert.Equal(0, shell.ExitCode);
                var lines = shell.Lines.Where(l => l != "ready").ToList();
                Assert.Equal(KeysPerProcess, lines.Count);
                Assert.All(lines, l => Assert.Matches("^[0-9A-F]{16}$", l));
                serials.AddRange(lines);
            }
            Assert.Equal(Processes * KeysPerProcess, serials.Distinct().Count());

            using var store = LicenseStore.Open(session.StorePath);
            var recorded = store.Licenses.Query(new LicenseQuery()).Select(r => r.Serial).ToHashSet();
            Assert.Equal(Processes * KeysPerProcess, recorded.Count);
            Assert.True(recorded.SetEquals(serials));
            var report = store.Integrity.CheckIntegrity();
            Assert.Equal("ok", report.IntegrityCheck);
            Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
            Assert.Equal(1 + 3 + Processes * KeysPerProcess, report.AuditEntries); // CreateAuthority, the catalogue seeded once (3 products), one IssueKey per key
        }
        finally
        {
            foreach (var shell in shells) shell.Dispose();
        }
    }
}
