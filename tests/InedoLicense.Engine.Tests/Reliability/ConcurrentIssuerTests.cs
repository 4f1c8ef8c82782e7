using System.Security.Cryptography.X509Certificates;
using InedoLicense.Store;

namespace InedoLicense.Engine.Tests.Reliability;

/// <summary>
/// New-LicenseIssuer in 4 real pwsh processes at once, 10 distinct names each: every issuer is reported
/// added, is in trust.pem, and is audited once; no process fails and nothing unaudited is left behind.
/// </summary>
[Trait("Tier", "Slow")] // real pwsh processes
public sealed class ConcurrentIssuerTests
{
    private const int Processes = 4;
    private const int IssuersEach = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public void IssuersAddedFromSeveralProcessesAtOnceAreAllTrustedAndAudited()
    {
        using var session = new ModuleSession();
        var go = Path.Combine(session.Folder, "go");
        var shells = Enumerable.Range(0, Processes).Select(p => PwshProcess.Start($$"""
            'ready'
            while (-not [System.IO.File]::Exists('{{go}}')) { [System.Threading.Thread]::Sleep(2) }
            1..{{IssuersEach}} | ForEach-Object { (New-LicenseIssuer -Name "p{{p}}-admin$_" -Role Issuer).Name }
            """, session.StorePath)).ToList();
        try
        {
            foreach (var shell in shells) Assert.True(shell.WaitForFirstLine(Patience), "a pwsh process did not start: " + shell.Errors);
            File.WriteAllText(go, "");
            foreach (var shell in shells) Assert.True(shell.WaitForExit(Patience), "a pwsh process did not finish");

            var added = new List<string>();
            foreach (var shell in shells)
            {
                Assert.Equal("", shell.Errors);
                added.AddRange(shell.Lines.Where(l => l != "ready"));
            }
            var expected = Enumerable.Range(0, Processes).SelectMany(p => Enumerable.Range(1, IssuersEach).Select(i => $"p{p}-admin{i}")).Order().ToList();
            Assert.Equal(expected, added.Order());

            var bundle = new X509Certificate2Collection();
            bundle.ImportFromPemFile(session.TrustBundlePath);
            var trusted = bundle.Select(c => c.GetNameInfo(X509NameType.SimpleName, false)).ToHashSet();
            Assert.All(expected, name => Assert.Contains(name, trusted));
            var files = Directory.EnumerateFiles(Path.Combine(session.AuthorityPath, "issuers"), "*.crt").Select(Path.GetFileNameWithoutExtension).ToList();
            Assert.Equal(expected.Count + 2, files.Count);

            using var store = LicenseStore.Open(session.StorePath, StoreOpenMode.Existing);
            var audited = store.AuditLog.ReadAuditLog().Where(e => e.Action == AuditActions.AddIssuer).Select(e => e.Details!.Split(';')[0]["name=".Length..]).ToList();
            Assert.Equal(expected, audited.Order());
            var report = store.Integrity.CheckIntegrity();
            Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
        }
        finally
        {
            foreach (var shell in shells) shell.Dispose();
        }
    }
}
