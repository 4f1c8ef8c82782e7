using System.Runtime.Versioning;
using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests;

public sealed class LicenseStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
    private readonly StoreFolder _folder = new();

    // One record in each state at T0, with text to filter on.
    private static readonly LicenseRecord ActiveProGet = StoreFolder.Record(SamplePayloads.License(T0.AddDays(-10)) with
        { Customer = "Contoso Ltd", Product = "ProGet", ExpiresAt = T0.AddDays(10) });
    private static readonly LicenseRecord PerpetualBuildMaster = StoreFolder.Record(SamplePayloads.License(T0.AddDays(-100)) with
        { Customer = "Contoso GmbH", Product = "BuildMaster", ExpiresAt = null });
    private static readonly LicenseRecord ExpiredStopgap = StoreFolder.Record(SamplePayloads.Stopgap(T0.AddDays(-40)) with
        { Customer = "Fabrikam", Product = "ProGet" });
    private static readonly LicenseRecord FutureAgent = StoreFolder.Record(SamplePayloads.Agent(T0.AddDays(-1)) with
        { OrganizationId = "ORG-1", NotBefore = T0.AddDays(1) });
    private static readonly LicenseRecord RevokedTemporary = StoreFolder.Record(SamplePayloads.TemporaryOrganization(T0.AddHours(-1)) with
        { OrganizationId = "ORG-2", ExpiresAt = T0.AddDays(20) });
    private static readonly LicenseRecord[] All = [ActiveProGet, PerpetualBuildMaster, ExpiredStopgap, FutureAgent, RevokedTemporary];

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void TheStoreFileAndItsFolderAreOwnerOnly()
    {
        var path = Path.Combine(_folder.Path, "private", "licenses.db");
        using (var store = LicenseStore.Open(path))
        {
            store.Licenses.AddLicenses(StoreFolder.Batch(StoreFolder.Record(SamplePayloads.License(T0))), StoreFolder.Actor);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path + "-wal"));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void TheStoreUsesWalAndForeignKeys()
    {
        var store = _folder.Open();
        Assert.Equal("wal", store.Scalar("PRAGMA journal_mode"));
        Assert.Equal(1L, store.Scalar("PRAGMA foreign_keys"));
    }

    [Fact]
    public void ReopeningKeepsTheSchemaVersionAndTheData()
    {
        using (var first = LicenseStore.Open(_folder.StorePath))
        {
            Assert.Equal((long)StoreSchema.Migrations.Length, first.Scalar("PRAGMA user_version"));
            first.Licenses.AddLicenses(StoreFolder.Batch(ActiveProGet), StoreFolder.Actor);
        }
        for (var i = 0; i < 2; i++)
        {
            using var again = LicenseStore.Open(_folder.StorePath);
            Assert.Equal((long)StoreSchema.Migrations.Length, again.Scalar("PRAGMA user_version"));
            Assert.Equal(ActiveProGet.Serial, Assert.Single(again.Licenses.Query(new LicenseQuery { At = T0 })).Serial);
            Assert.Single(again.AuditLog.ReadAuditLog());
        }
    }

    [Fact]
    public void AStoreFromANewerModuleIsRefused()
    {
        using (var store = LicenseStore.Open(_folder.StorePath))
            store.Scalar($"PRAGMA user_version = {StoreSchema.Migrations.Length + 1}");

        var error = Assert.Throws<InvalidOperationException>(() => LicenseStore.Open(_folder.StorePath));
        Assert.Contains("Update the module", error.Message);
    }

    [Theory, SqliteStore, PostgresStore]
    public void ARecordReadBackEqualsTheRecordAdded(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var renewal = StoreFolder.Record(SamplePayloads.WithEveryField(LicenseKind.License, T0) with { RenewalOf = ActiveProGet.Serial });
        store.Licenses.AddLicenses(StoreFolder.Batch(ActiveProGet, renewal), StoreFolder.Actor);

        var read = store.Licenses.Find(renewal.Serial)!;

        Assert.Equal(renewal, read);
        Assert.Equal(renewal.Features, read.Features);
        Assert.Null(store.Licenses.Find("0000000000000000"));
    }

    [Theory, SqliteStore, PostgresStore]
    public void QueryFiltersBySerial(StoreEngineKind engine)
    {
        var store = Filled(engine);
        var found = store.Licenses.Query(new LicenseQuery { Serials = [ExpiredStopgap.Serial, FutureAgent.Serial, "0000000000000000"], At = T0 });
        Assert.Equal(Serials(ExpiredStopgap, FutureAgent), Serials(found));
    }

    [Theory]
    [StoreData(StoreEngineKind.Sqlite, LicenseKind.License, 2)]
    [StoreData(StoreEngineKind.Sqlite, LicenseKind.Stopgap, 1)]
    [StoreData(StoreEngineKind.Sqlite, LicenseKind.Agent, 1)]
    [StoreData(StoreEngineKind.Sqlite, LicenseKind.TemporaryOrganization, 1)]
    [StoreData(StoreEngineKind.Postgres, LicenseKind.License, 2)]
    [StoreData(StoreEngineKind.Postgres, LicenseKind.Stopgap, 1)]
    [StoreData(StoreEngineKind.Postgres, LicenseKind.Agent, 1)]
    [StoreData(StoreEngineKind.Postgres, LicenseKind.TemporaryOrganization, 1)]
    public void QueryFiltersByKind(StoreEngineKind engine, LicenseKind kind, int count)
    {
        var found = Filled(engine).Licenses.Query(new LicenseQuery { Kind = kind, At = T0 }).ToList();
        Assert.Equal(count, found.Count);
        Assert.All(found, r => Assert.Equal(kind, r.Kind));
    }

    [Theory, SqliteStore, PostgresStore]
    public void QueryFiltersByCustomerWithWildcards(StoreEngineKind engine)
    {
        var store = Filled(engine);
        Assert.Equal(Serials(ActiveProGet, PerpetualBuildMaster), Serials(store.Licenses.Query(new LicenseQuery { Customer = "Contoso*", At = T0 })));
        Assert.Equal(Serials(ExpiredStopgap), Serials(store.Licenses.Query(new LicenseQuery { Customer = "?abrikam", At = T0 })));
        Assert.Equal(Serials(ActiveProGet), Serials(store.Licenses.Query(new LicenseQuery { Customer = "Contoso Ltd", At = T0 })));
        Assert.Empty(store.Licenses.Query(new LicenseQuery { Customer = "Contoso", At = T0 }));
    }

    [Theory, SqliteStore, PostgresStore]
    public void LikeCharactersInAFilterAreTakenLiterally(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var half = StoreFolder.Record(SamplePayloads.License(T0) with { Customer = "50% off_now" });
        var other = StoreFolder.Record(SamplePayloads.License(T0) with { Customer = "500 offXnow" });
        store.Licenses.AddLicenses(StoreFolder.Batch(half, other), StoreFolder.Actor);

        Assert.Equal(Serials(half), Serials(store.Licenses.Query(new LicenseQuery { Customer = "50% off_now", At = T0 })));
        Assert.Equal(Serials(half, other), Serials(store.Licenses.Query(new LicenseQuery { Customer = "50?*", At = T0 })));
    }

    [Theory, SqliteStore, PostgresStore]
    public void QueryFiltersByProductAndOrganization(StoreEngineKind engine)
    {
        var store = Filled(engine);
        Assert.Equal(Serials(ActiveProGet, ExpiredStopgap), Serials(store.Licenses.Query(new LicenseQuery { Product = "ProGet", At = T0 })));
        Assert.Equal(Serials(FutureAgent, RevokedTemporary), Serials(store.Licenses.Query(new LicenseQuery { OrganizationId = "ORG-?", At = T0 })));
        Assert.Equal(Serials(FutureAgent), Serials(store.Licenses.Query(new LicenseQuery { OrganizationId = "ORG-1", At = T0 })));
    }

    [Theory]
    [StoreData(StoreEngineKind.Sqlite, RecordState.Active)]
    [StoreData(StoreEngineKind.Sqlite, RecordState.Expired)]
    [StoreData(StoreEngineKind.Sqlite, RecordState.Revoked)]
    [StoreData(StoreEngineKind.Sqlite, RecordState.NotYetValid)]
    [StoreData(StoreEngineKind.Postgres, RecordState.Active)]
    [StoreData(StoreEngineKind.Postgres, RecordState.Expired)]
    [StoreData(StoreEngineKind.Postgres, RecordState.Revoked)]
    [StoreData(StoreEngineKind.Postgres, RecordState.NotYetValid)]
    public void QueryByStatusAgreesWithEachRecordsState(StoreEngineKind engine, RecordState state)
    {
        var store = Filled(engine);
        var expected = store.Licenses.Query(new LicenseQuery { At = T0 }).Where(r => r.StateAt(T0) == state).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(Serials(expected), Serials(store.Licenses.Query(new LicenseQuery { Status = state, At = T0 })));
    }

    [Theory, SqliteStore, PostgresStore]
    public void EachSampleRecordIsInTheStateItIsNamedFor(StoreEngineKind engine)
    {
        var store = Filled(engine);
        var states = store.Licenses.Query(new LicenseQuery { At = T0 }).ToDictionary(r => r.Serial, r => r.StateAt(T0));
        Assert.Equal(RecordState.Active, states[ActiveProGet.Serial]);
        Assert.Equal(RecordState.Active, states[PerpetualBuildMaster.Serial]);
        Assert.Equal(RecordState.Expired, states[ExpiredStopgap.Serial]);
        Assert.Equal(RecordState.NotYetValid, states[FutureAgent.Serial]);
        Assert.Equal(RecordState.Revoked, states[RevokedTemporary.Serial]);
    }

    [Theory, SqliteStore, PostgresStore]
    public void ExpiringWithinListsUnrevokedKeysThatExpireInTheWindow(StoreEngineKind engine)
    {
        var store = Filled(engine);
        // RevokedTemporary expires in 20 days but is revoked; ExpiredStopgap has already expired.
        Assert.Equal(Serials(ActiveProGet), Serials(store.Licenses.Query(new LicenseQuery { ExpiringWithin = TimeSpan.FromDays(30), At = T0 })));
        Assert.Empty(store.Licenses.Query(new LicenseQuery { ExpiringWithin = TimeSpan.FromDays(9), At = T0 }));
        Assert.Equal(Serials(ActiveProGet), Serials(store.Licenses.Query(new LicenseQuery { ExpiringWithin = TimeSpan.FromDays(10), At = T0 })));
    }

    [Theory, SqliteStore, PostgresStore]
    public void QueryListsTheNewestFirst(StoreEngineKind engine)
    {
        var issued = Filled(engine).Licenses.Query(new LicenseQuery { At = T0 }).Select(r => r.IssuedAt).ToList();
        Assert.Equal(issued.OrderDescending(), issued);
    }

    [Theory, SqliteStore, PostgresStore]
    public void RevokeReportsRevokedThenAlreadyRevokedAndNotFound(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        store.Licenses.AddLicenses(StoreFolder.Batch(ActiveProGet), StoreFolder.Actor);
        var auditBefore = store.AuditLog.ReadAuditLog().Count();

        Assert.Equal(RevokeOutcome.Revoked, store.Revocations.Revoke(ActiveProGet.Serial, "refunded", StoreFolder.Actor, T0));
        Assert.Equal(RevokeOutcome.AlreadyRevoked, store.Revocations.Revoke(ActiveProGet.Serial, "again", StoreFolder.Actor, T0.AddDays(1)));
        Assert.Equal(RevokeOutcome.NotFound, store.Revocations.Revoke("0000000000000000", null, StoreFolder.Actor, T0));

        var revoked = store.Licenses.Find(ActiveProGet.Serial)!;
        Assert.Equal(T0, revoked.RevokedAt);
        Assert.Equal("refunded", revoked.RevocationReason);
        var entry = Assert.Single(store.AuditLog.ReadAuditLog().Skip(auditBefore)); // the refused revocations leave no trace
        Assert.Equal((AuditActions.RevokeKey, ActiveProGet.Serial, "reason=refunded"), (entry.Action, entry.Target, entry.Details));
    }

    [Theory, SqliteStore, PostgresStore]
    public void LoadRevocationsHoldsEveryRevokedSerialWithWhenAndWhy(StoreEngineKind engine)
    {
        var store = Filled(engine);
        store.Revocations.Revoke(PerpetualBuildMaster.Serial, null, StoreFolder.Actor, T0.AddHours(2));

        var revocations = store.Revocations.LoadRevocations();

        Assert.Equal(2, revocations.Count);
        Assert.True(revocations.TryGetRevocation(RevokedTemporary.Serial, out var at, out var reason));
        Assert.Equal((T0, "partner left"), (at, reason));
        Assert.True(revocations.TryGetRevocation(PerpetualBuildMaster.Serial, out at, out reason));
        Assert.Equal((T0.AddHours(2), null), (at, reason));
        Assert.False(revocations.TryGetRevocation(ActiveProGet.Serial, out _, out _));
    }

    [Theory, SqliteStore, PostgresStore]
    public void SettingsAreStoredOverwrittenAndAudited(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        Assert.Null(store.Catalogue.GetSetting("DefaultProduct"));

        store.Catalogue.SetSetting("DefaultProduct", "ProGet", StoreFolder.Actor);
        store.Catalogue.SetSetting("DefaultProduct", "BuildMaster", StoreFolder.Actor);

        Assert.Equal("BuildMaster", store.Catalogue.GetSetting("DefaultProduct"));
        Assert.Equal(["ProGet", "BuildMaster"], store.AuditLog.ReadAuditLog("DefaultProduct").Select(e => e.Details));
        Assert.All(store.AuditLog.ReadAuditLog(), e => Assert.Equal(AuditActions.ChangeSetting, e.Action));
    }

    private ILicenseStore Filled(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        store.Licenses.AddLicenses(StoreFolder.Batch(All), StoreFolder.Actor);
        Assert.Equal(RevokeOutcome.Revoked, store.Revocations.Revoke(RevokedTemporary.Serial, "partner left", StoreFolder.Actor, T0));
        return store;
    }

    private static string[] Serials(params IEnumerable<LicenseRecord> records) => [.. records.Select(r => r.Serial).Order(StringComparer.Ordinal)];

    public void Dispose() => _folder.Dispose();
}
