using System.Data.Common;
using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests;

/// <summary>The hash-chained audit log, all-or-nothing batches, and several writers on one file.</summary>
public sealed class LicenseStoreAuditTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
    private readonly StoreFolder _folder = new();

    [Theory, SqliteStore, PostgresStore]
    public void EveryEntryHashesThePreviousHashAndItsOwnFields(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var records = Enumerable.Range(0, 3).Select(_ => StoreFolder.Record(SamplePayloads.License(T0))).ToArray();
        store.Licenses.AddLicenses([(records[0], "first"), (records[1], null), (records[2], "third")], StoreFolder.Actor);
        store.Revocations.Revoke(records[1].Serial, "mistake", StoreFolder.Actor, T0);
        store.Catalogue.SetSetting("Vendor", "Inedo", new AuditActor("someone-else", null));
        store.AuditLog.Audit(StoreFolder.Actor, AuditActions.AddIssuer, "alice", null);

        var log = store.AuditLog.ReadAuditLog().ToList();

        Assert.Equal(6, log.Count);
        Assert.Equal([1L, 2, 3, 4, 5, 6], log.Select(e => e.Id));
        AssertChainHolds(log);
        Assert.Equal([AuditActions.IssueKey, AuditActions.IssueKey, AuditActions.IssueKey, AuditActions.RevokeKey,
            AuditActions.ChangeSetting, AuditActions.AddIssuer], log.Select(e => e.Action));
        Assert.Equal(records[0].Serial, log[0].Target);
        Assert.Contains("note=first", log[0].Details);
        Assert.Contains("kind=License", log[1].Details);
        Assert.Equal(("tester", StoreFolder.Actor.CertificateThumbprint), (log[0].OsUser, log[0].CertificateThumbprint));
        Assert.Equal(("someone-else", (string?)null), (log[4].OsUser, log[4].CertificateThumbprint));
    }

    [Theory, SqliteStore, PostgresStore]
    public void AnEditedEntryBreaksTheChainFromThereOn(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        store.Licenses.AddLicenses(StoreFolder.Batch(StoreFolder.Record(SamplePayloads.License(T0)), StoreFolder.Record(SamplePayloads.License(T0))),
            StoreFolder.Actor);
        AssertChainHolds(store.AuditLog.ReadAuditLog().ToList());

        _folder.Execute(engine, "UPDATE audit_log SET details = 'kind=License; customer=Someone else' WHERE id = 1");

        var log = store.AuditLog.ReadAuditLog().ToList();
        Assert.NotEqual(log[0].Hash, AuditChain.ComputeHash([], log[0]));
    }

    [Fact]
    public void MovingTextBetweenFieldsChangesTheHash()
    {
        var a = AuditChain.ComputeHash([], 1, 0, "user", null, "Action", "ab", "c");
        var b = AuditChain.ComputeHash([], 1, 0, "user", null, "Action", "a", "bc");
        var c = AuditChain.ComputeHash([], 1, 0, "user", "", "Action", "ab", "c");
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory, SqliteStore, PostgresStore]
    public void ABatchWithADuplicateSerialLeavesNeitherLicencesNorAuditEntries(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var existing = StoreFolder.Record(SamplePayloads.License(T0));
        store.Licenses.AddLicenses(StoreFolder.Batch(existing), StoreFolder.Actor);
        var first = StoreFolder.Record(SamplePayloads.License(T0));
        var twin = StoreFolder.Record(SamplePayloads.Stopgap(T0) with { Serial = first.Serial });

        Assert.ThrowsAny<DbException>(() => store.Licenses.AddLicenses(StoreFolder.Batch(first, StoreFolder.Record(SamplePayloads.Agent(T0)), twin), StoreFolder.Actor));

        Assert.Equal([existing.Serial], store.Licenses.Query(new LicenseQuery { At = T0 }).Select(r => r.Serial));
        Assert.Single(store.AuditLog.ReadAuditLog());
        // The store is still usable, and the chain continues from the last committed entry.
        store.Licenses.AddLicenses(StoreFolder.Batch(first), StoreFolder.Actor);
        var log = store.AuditLog.ReadAuditLog().ToList();
        Assert.Equal([1L, 2], log.Select(e => e.Id));
        AssertChainHolds(log);
    }

    [Theory, SqliteStore, PostgresStore]
    public void ABatchRepeatingACommittedSerialLeavesNothing(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var existing = StoreFolder.Record(SamplePayloads.License(T0));
        store.Licenses.AddLicenses(StoreFolder.Batch(existing), StoreFolder.Actor);

        Assert.ThrowsAny<DbException>(() => store.Licenses.AddLicenses(
            StoreFolder.Batch(StoreFolder.Record(SamplePayloads.License(T0)), StoreFolder.Record(SamplePayloads.License(T0) with { Serial = existing.Serial })),
            StoreFolder.Actor));

        Assert.Single(store.Licenses.Query(new LicenseQuery { At = T0 }));
        Assert.Single(store.AuditLog.ReadAuditLog());
    }

    [Theory, SqliteStore, PostgresStore]
    public void ARenewalOfAnUnknownSerialIsRefusedWithItsBatch(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var orphan = StoreFolder.Record(SamplePayloads.Stopgap(T0) with { RenewalOf = LicenseSerial.NewSerial() });

        Assert.ThrowsAny<DbException>(() => store.Licenses.AddLicenses(StoreFolder.Batch(StoreFolder.Record(SamplePayloads.License(T0)), orphan), StoreFolder.Actor));

        Assert.Empty(store.Licenses.Query(new LicenseQuery { At = T0 }));
        Assert.Empty(store.AuditLog.ReadAuditLog());
    }

    [Theory, SqliteStore, PostgresStore]
    public void SeveralWritersOnOneFileLoseNothing(StoreEngineKind engine)
    {
        const int Writers = 4, BatchesEach = 8, BatchSize = 25;
        var start = new Barrier(Writers);
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, Writers).Select(_ => new Thread(() =>
        {
            try
            {
                start.SignalAndWait(); // open at the same moment too: creating and migrating the file must be safe
                using var store = _folder.Open(engine); // first use of a new store: creating and migrating it must be safe
                for (var b = 0; b < BatchesEach; b++)
                    store.Licenses.AddLicenses(StoreFolder.Batch([.. Enumerable.Range(0, BatchSize).Select(_ => StoreFolder.Record(SamplePayloads.License(T0)))]),
                        StoreFolder.Actor);
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        var store = _folder.Open(engine);
        var serials = store.Licenses.Query(new LicenseQuery { At = T0 }).Select(r => r.Serial).ToList();
        const int Total = Writers * BatchesEach * BatchSize;
        Assert.Equal(Total, serials.Count);
        Assert.Equal(Total, serials.Distinct().Count());
        var log = store.AuditLog.ReadAuditLog().ToList();
        Assert.Equal(Total, log.Count);
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), log.Select(e => e.Id));
        Assert.Equal(serials.Order(), log.Select(e => e.Target!).Order());
        AssertChainHolds(log);
    }

    private static void AssertChainHolds(IReadOnlyList<AuditEntry> log)
    {
        byte[] previous = [];
        foreach (var entry in log)
        {
            Assert.True(AuditChain.ComputeHash(previous, entry).AsSpan().SequenceEqual(entry.Hash), $"the chain breaks at entry {entry.Id}");
            previous = entry.Hash;
        }
    }

    public void Dispose() => _folder.Dispose();
}
