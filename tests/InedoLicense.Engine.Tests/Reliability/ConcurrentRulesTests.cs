using System.Diagnostics;
using InedoLicense.Authority;
using InedoLicense.Catalogue;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;
using Xunit.Abstractions;

namespace InedoLicense.Engine.Tests.Reliability;

/// <summary>
/// One stopgap per lapsed term and one renewal per licence, between processes: 8 real pwsh processes ask,
/// at the same moment, for the stopgap of the same lapsed licence, then for its renewal; 20 rounds of each.
/// Exactly one process a round gets a key; the others get StopgapAlreadyIssued / LicenseAlreadyRenewed.
/// </summary>
[Trait("Tier", "Slow")] // real pwsh processes
public sealed class ConcurrentRulesTests(ITestOutputHelper output)
{
    private const int Processes = 8;
    private const int Rounds = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public void EightProcessesGetOneStopgapAndOneRenewalARound()
    {
        using var session = new ModuleSession();
        var lapsed = RecordLapsedLicences(session);
        var folder = session.Folder;
        File.WriteAllLines(Path.Combine(folder, "lapsed.txt"), lapsed);

        // Each process waits at a gate file per round, asks, and reports what it got (a serial, or the ErrorIds).
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
        var shells = Enumerable.Range(0, Processes).Select(_ => PwshProcess.Start(command, session.StorePath)).ToList();
        var winners = new Dictionary<string, List<int>> { ["stopgap"] = [], ["renewal"] = [] };
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
                    winners[rule].Add(results.FindIndex(r => r.StartsWith("issued ", StringComparison.Ordinal)));
                }
            }
            foreach (var shell in shells) Assert.True(shell.WaitForExit(Patience), "a pwsh process did not finish");
        }
        finally
        {
            foreach (var shell in shells) shell.Dispose();
        }
        output.WriteLine($"{Processes} processes x {Rounds} rounds x 2 rules in {watch.Elapsed.TotalSeconds:N1} s; "
                         + $"winning process per round: stopgap {string.Join(",", winners["stopgap"])}; renewal {string.Join(",", winners["renewal"])}");

        using var store = LicenseStore.Open(session.StorePath, StoreOpenMode.Existing);
        var stopgaps = store.Licenses.Query(new LicenseQuery { Kind = LicenseKind.Stopgap }).ToList();
        Assert.Equal(Rounds, stopgaps.Count);
        Assert.All(stopgaps, s => Assert.Null(s.PolicyOverride));
        Assert.Equal(lapsed.Order(), stopgaps.Select(s => s.StopgapFor!).Order());
        var renewals = store.Licenses.Query(new LicenseQuery()).Where(r => r.RenewalOf is not null).ToList();
        Assert.Equal(lapsed.Order(), renewals.Select(r => r.RenewalOf!).Order());
        var report = store.Integrity.CheckIntegrity();
        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
    }

    // Opens the round's gate once every process waits at it, and returns what each process got.
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

    // A ProGet Basic licence per round whose 12-month term ended 3 days ago, recorded as New-License would.
    private static List<string> RecordLapsedLicences(ModuleSession session)
    {
        using var signer = LicenseAuthority.Open(session.AuthorityPath).OpenDefaultSigner(IssuerRole.Issuer, null);
        using var store = LicenseStore.Open(session.StorePath, StoreOpenMode.Existing);
        using var issuer = new KeyIssuer(signer, store);
        var start = KeyIssuer.Now().AddDays(-3).AddMonths(-12);
        for (var round = 0; round < Rounds; round++)
            issuer.Add(LicensePlanner.NewLicense(KeyIssuer.NewPayload(LicenseKind.License), ProductCatalogue.Default, "ProGet", $"Customer {round}", "Basic",
                new TermRequest(Months: 12, NotBefore: start)));
        var recorded = issuer.Flush();
        Assert.Empty(recorded.Failures);
        return recorded.Records.OrderBy(r => int.Parse(r.Customer!["Customer ".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(r => r.Serial).ToList();
    }
}
