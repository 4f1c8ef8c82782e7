using System.Collections.Concurrent;
using System.Diagnostics;
using InedoLicense.Authority;
using InedoLicense.Catalogue;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;
using Xunit.Abstractions;

namespace InedoLicense.Engine.Tests.Reliability;

/// <summary>
/// The shared PostgreSQL store under real pwsh processes, as several admins use it at once: concurrent bulk
/// issuance, the stopgap and renewal rules raced, kill -9 of an issuing process, and the server restarted in the
/// middle of a bulk issue. Each test gets a fresh database on the server INEDOLICENSE_TEST_POSTGRES names (skipped,
/// visibly, without one). The processes' default authority is the session's: XDG_DATA_HOME points at its folder.
/// </summary>
[Trait("Tier", "Slow")] // real pwsh processes
public sealed class PostgresReliabilityTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private readonly List<string> _databases = [];

    public void Dispose()
    {
        foreach (var database in _databases) TestPostgres.DropDatabase(database);
    }

    private (ModuleSession Session, Dictionary<string, string> Environment) NewSession(string? server = null)
    {
        string location;
        if (server is null)
        {
            var (name, created) = TestPostgres.CreateDatabase();
            _databases.Add(name);
            location = created;
        }
        else location = server; // a server of the test's own, dropped whole
        var session = new ModuleSession(createAuthority: false, storeLocation: location);
        var dataHome = Path.Combine(session.Folder, "data");
        // Where a shared store's default authority is for these processes: <data home>/InedoLicense/authority.
        session.Run("$null = New-LicenseAuthority -StorePath $StorePath -Path $args[0]", Path.Combine(dataHome, "InedoLicense", "authority"));
        return (session, new Dictionary<string, string> { ["XDG_DATA_HOME"] = dataHome });
    }

    private static PostgresStore OpenStore(ModuleSession session) => PostgresStore.Open(session.StorePath, StoreOpenMode.Existing);

    [PostgresFact]
    public void FourProcessesIssuingFiveHundredEachLoseNothing()
    {
        const int Processes = 4, KeysPerProcess = 500;
        var (session, environment) = NewSession();
        using var _ = session;
        var go = Path.Combine(session.Folder, "go");
        var command = $$"""
            'ready'
            while (-not [System.IO.File]::Exists('{{go}}')) { [System.Threading.Thread]::Sleep(20) }
            1..{{KeysPerProcess}} | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = "C$_"; Edition = 'Basic' } } | New-License | ForEach-Object Serial
            """;
        var shells = Enumerable.Range(0, Processes).Select(_ => PwshProcess.Start(command, session.StorePath, environment)).ToList();
        try
        {
            foreach (var shell in shells) Assert.True(shell.WaitForFirstLine(Patience), "a shell did not start: " + shell.Errors);
            File.WriteAllText(go, "");
            var issuing = Stopwatch.StartNew();
            foreach (var shell in shells) Assert.True(shell.WaitForExit(Patience), "a shell did not finish");
            var serials = new List<string>();
            var errors = 0;
            foreach (var shell in shells)
            {
                Assert.Equal("", shell.Errors);
                errors += shell.Errors.Length == 0 ? 0 : 1;
                Assert.Equal(0, shell.ExitCode);
                var lines = shell.Lines.Where(l => l != "ready").ToList();
                Assert.Equal(KeysPerProcess, lines.Count);
                Assert.All(lines, l => Assert.Matches("^[0-9A-F]{16}$", l));
                serials.AddRange(lines);
            }
            using var store = OpenStore(session);
            var recorded = store.Licenses.Query(new LicenseQuery()).Select(r => r.Serial).ToHashSet();
            Assert.Equal(Processes * KeysPerProcess, recorded.Count);
            Assert.Equal(Processes * KeysPerProcess, serials.Distinct().Count());
            Assert.True(recorded.SetEquals(serials));
            var report = store.Integrity.CheckIntegrity();
            Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
            Assert.Equal(1 + 3 + Processes * KeysPerProcess, report.AuditEntries); // CreateAuthority, the catalogue seeded once, one IssueKey per key
            output.WriteLine($"PostgreSQL: {Processes} processes x {KeysPerProcess} keys in {issuing.Elapsed.TotalSeconds:N1} s: "
                             + $"{recorded.Count:N0} records, {serials.Distinct().Count():N0} distinct serials, {errors} errors, audit chain of {report.AuditEntries:N0} entries intact");
        }
        finally
        {
            foreach (var shell in shells) shell.Dispose();
        }
    }

    [PostgresFact]
    public void EightProcessesGetOneStopgapAndOneRenewalARound()
    {
        const int Processes = 8, Rounds = 20;
        var (session, environment) = NewSession();
        using var _ = session;
        var lapsed = RecordLapsedLicences(session, Rounds);
        var folder = session.Folder;
        File.WriteAllLines(Path.Combine(folder, "lapsed.txt"), lapsed);
        var command = $$"""
            $lapsed = Get-Content '{{folder}}/lapsed.txt'
            function Wait-Gate($name) { while (-not [System.IO.File]::Exists("{{folder}}/$name")) { [System.Threading.Thread]::Sleep(2) } }
            function Report($rule, $round, $keys, $errors) {
                $got = if ($keys) { 'issued ' + (@($keys.Serial) -join ' ') } else { 'refused ' + (@($errors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) -join ' ') }
                "result $rule $round $got"
            }
            for ($round = 0; $round -lt {{Rounds}}; $round++) {
                "ready stopgap $round"
                Wait-Gate "stopgap-$round"
                $keys = New-StopgapLicense -Product ProGet -Customer "Customer $round" -Reason PurchaseOrderPending -ErrorAction SilentlyContinue -ErrorVariable failed
                Report stopgap $round $keys $failed
                "ready renewal $round"
                Wait-Gate "renewal-$round"
                $keys = New-License -RenewalOf $lapsed[$round] -ErrorAction SilentlyContinue -ErrorVariable failed
                Report renewal $round $keys $failed
            }
            """;
        var watch = Stopwatch.StartNew();
        var shells = Enumerable.Range(0, Processes).Select(_ => PwshProcess.Start(command, session.StorePath, environment)).ToList();
        var winners = new Dictionary<string, int> { ["stopgap"] = 0, ["renewal"] = 0 };
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (rule, refusal) in new[] { ("stopgap", "StopgapAlreadyIssued"), ("renewal", "LicenseAlreadyRenewed") })
                {
                    var results = RunRound(shells, folder, rule, round);
                    var issued = results.Count(r => r.StartsWith("issued ", StringComparison.Ordinal));
                    Assert.True(issued == 1, $"{rule} round {round}: {issued} processes got a key:{Environment.NewLine}{string.Join(Environment.NewLine, results)}");
                    Assert.All(results.Where(r => !r.StartsWith("issued ", StringComparison.Ordinal)), r => Assert.Equal("refused " + refusal, r));
                    winners[rule]++;
                }
            }
            foreach (var shell in shells) Assert.True(shell.WaitForExit(Patience), "a pwsh process did not finish");
        }
        finally
        {
            foreach (var shell in shells) shell.Dispose();
        }
        using var store = OpenStore(session);
        var stopgaps = store.Licenses.Query(new LicenseQuery { Kind = LicenseKind.Stopgap }).ToList();
        Assert.Equal(Rounds, stopgaps.Count);
        Assert.Equal(lapsed.Order(), stopgaps.Select(s => s.StopgapFor!).Order());
        var renewals = store.Licenses.Query(new LicenseQuery()).Where(r => r.RenewalOf is not null).ToList();
        Assert.Equal(lapsed.Order(), renewals.Select(r => r.RenewalOf!).Order());
        var report = store.Integrity.CheckIntegrity();
        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
        output.WriteLine($"PostgreSQL: {Processes} processes x {Rounds} rounds in {watch.Elapsed.TotalSeconds:N1} s: exactly one stopgap in each of "
                         + $"{winners["stopgap"]} rounds ({stopgaps.Count} stopgaps stored), exactly one renewal in each of {winners["renewal"]} rounds ({renewals.Count} stored)");
    }

    [PostgresFact]
    public void KilledBulkIssuanceLosesNoKeyItHandedOut()
    {
        const int Kills = 10;
        var (session, environment) = NewSession();
        using var _ = session;
        const string command =
            "1..1000000 | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = \"C$_\"; Edition = 'Basic' } } | New-License | ForEach-Object Serial";
        var random = new Random(7015);
        var handedOut = 0;
        for (var round = 1; round <= Kills; round++)
        {
            var delay = random.Next(0, 600);
            List<string> written;
            using (var shell = PwshProcess.Start(command, session.StorePath, environment))
            {
                Assert.True(shell.WaitForFirstLine(Patience), $"kill {round}: no key came out: {shell.Errors}");
                Thread.Sleep(delay);
                shell.Kill();
                Assert.True(shell.WaitForExit(Patience), $"kill {round}: the killed shell did not exit");
                Assert.Equal("", shell.Errors);
                written = shell.Lines.ToList();
            }
            handedOut += written.Count;
            using var store = OpenStore(session);
            var report = store.Integrity.CheckIntegrity();
            Assert.True(report.IsValid, $"kill {round}: {string.Join(Environment.NewLine, report.Problems)}");
            var missing = written.Where(serial => store.Licenses.Find(serial) is null).ToList();
            Assert.True(missing.Count == 0, $"kill {round}: {missing.Count} keys written to output are not in the store, e.g. {missing.FirstOrDefault()}");
            var unaudited = written.Where(serial => !store.AuditLog.ReadAuditLog(serial).Any(e => e.Action == AuditActions.IssueKey)).ToList();
            Assert.True(unaudited.Count == 0, $"kill {round}: {unaudited.Count} keys have no IssueKey entry");
            output.WriteLine($"kill {round,2}: {delay,3} ms after the first key; {written.Count,5} keys out, all stored with their audit entries; "
                             + $"store {report.Licenses,6} keys, {report.AuditEntries,6} audit entries");
        }
        output.WriteLine($"PostgreSQL: {Kills} kills survived; {handedOut:N0} keys handed out, all stored with their audit entries");
    }

    /// <summary>
    /// The server restarted (pg_ctl restart -m fast) while a bulk issue runs: the batch on the dropped connection is
    /// reported (LicenseNotRecorded, naming the server's reason) and none of its keys is handed out; every key handed
    /// out is stored with its audit entry; the chain holds; later batches commit on a new connection.
    /// </summary>
    [PostgresFact]
    public void ServerRestartedMidBulkIssueReportsAndLeavesNothingHalfWritten()
    {
        // A server of its own (tests/postgres/test-server.sh start): restarting the shared one would cut the
        // connections of the tests that run beside this one.
        using var server = new OwnServer();
        var (session, environment) = NewSession(server.ConnectionString);
        using var _ = session;
        const int Rows = 6000;
        var command =
            $"1..{Rows} | ForEach-Object {{ [pscustomobject]@{{ Product = 'ProGet'; Customer = \"C$_\"; Edition = 'Basic' }} }} | New-License -ErrorAction Continue | ForEach-Object Serial";
        List<string> written;
        string errors;
        using (var shell = PwshProcess.Start(command, session.StorePath, environment))
        {
            Assert.True(shell.WaitForFirstLine(Patience), "no key came out: " + shell.Errors);
            Thread.Sleep(300);
            server.Run("restart");
            Assert.True(shell.WaitForExit(Patience), "the shell did not finish");
            written = shell.Lines.ToList();
            errors = shell.Errors;
        }
        Assert.Contains("A batch of keys was not recorded, so none of its keys was issued", errors);
        Assert.DoesNotContain("Password", errors, StringComparison.OrdinalIgnoreCase);
        Assert.True(written.Count < Rows, "every key came out: the restart missed the issue");

        using var store = OpenStore(session);
        var report = store.Integrity.CheckIntegrity();
        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
        var missing = written.Where(serial => store.Licenses.Find(serial) is null).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} keys handed out are not stored");
        // Nothing half-written: every stored key has its IssueKey entry (Test-LicenseStore checks it) and came out, or was
        // committed by the batch whose answer the restart cut off (then it was not handed out: stored, never issued).
        var notHandedOut = report.Licenses - written.Count;
        output.WriteLine($"PostgreSQL restart mid-issue: {written.Count:N0} of {Rows:N0} keys handed out, all stored; {report.Licenses:N0} stored "
                         + $"({notHandedOut:N0} committed but not handed out); errors:{Environment.NewLine}{errors.Trim()}");
    }

    /// <summary>A throwaway server started for one test, and stopped (its folder removed) after it.</summary>
    private sealed class OwnServer : IDisposable
    {
        private readonly Dictionary<string, string> _exports = new(StringComparer.Ordinal);

        public OwnServer()
        {
            foreach (var line in Run("start").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                if (System.Text.RegularExpressions.Regex.Match(line, "^export ([A-Z_]+)='(.*)'$") is { Success: true } m)
                    _exports[m.Groups[1].Value] = m.Groups[2].Value;
            Assert.True(_exports.ContainsKey("INEDOLICENSE_TEST_POSTGRES"), "test-server.sh start printed no connection string");
        }

        public string ConnectionString => _exports["INEDOLICENSE_TEST_POSTGRES"];

        /// <summary>test-server.sh start|restart|stop for this server; returns what it printed.</summary>
        public string Run(string verb)
        {
            var start = new ProcessStartInfo("bash", [Path.Combine(ModuleSession.RepoRoot, "tests", "postgres", "test-server.sh"), verb])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var (name, value) in _exports) start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"test-server.sh {verb} did not finish");
            Assert.True(process.ExitCode == 0, $"test-server.sh {verb} failed: {errors.Result}");
            return output.Result;
        }

        public void Dispose()
        {
            try { Run("stop"); } catch (Exception) { } // the folder is under /tmp: nothing else to undo
        }
    }

    private static List<string> RunRound(List<RunningPwsh> shells, string folder, string rule, int round)
    {
        var ready = $"ready {rule} {round}";
        var result = $"result {rule} {round} ";
        WaitFor(shells, ready, $"{rule} round {round}: not every process got to the gate");
        File.WriteAllText(Path.Combine(folder, $"{rule}-{round}"), "");
        WaitFor(shells, result, $"{rule} round {round}: not every process answered");
        return shells.Select(s => s.Lines.Last(l => l.StartsWith(result, StringComparison.Ordinal))[result.Length..]).ToList();
    }

    private static void WaitFor(List<RunningPwsh> shells, string prefix, string failure)
    {
        var watch = Stopwatch.StartNew();
        while (!shells.All(s => s.Lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal))))
        {
            if (watch.Elapsed > Patience || shells.Any(s => s.HasExited))
                Assert.Fail($"{failure}.{Environment.NewLine}{string.Join(Environment.NewLine, shells.Select(s => s.Errors))}");
            Thread.Sleep(5);
        }
    }

    private static List<string> RecordLapsedLicences(ModuleSession session, int rounds)
    {
        var authority = Directory.GetDirectories(Path.Combine(session.Folder, "data", "InedoLicense"), "authority").Single();
        using var signer = LicenseAuthority.Open(authority).OpenDefaultSigner(IssuerRole.Issuer, null);
        using var store = OpenStore(session);
        using var issuer = new KeyIssuer(signer, store);
        var start = KeyIssuer.Now().AddDays(-3).AddMonths(-12);
        for (var round = 0; round < rounds; round++)
            issuer.Add(LicensePlanner.NewLicense(KeyIssuer.NewPayload(LicenseKind.License), ProductCatalogue.Default, "ProGet", $"Customer {round}", "Basic",
                new TermRequest(Months: 12, NotBefore: start)));
        var recorded = issuer.Flush();
        Assert.Empty(recorded.Failures);
        return recorded.Records.OrderBy(r => int.Parse(r.Customer!["Customer ".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(r => r.Serial).ToList();
    }
}
