using InedoLicense.Catalogue;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Core.Tests;

/// <summary>The catalogue and the stopgap/renewal queries of the store, and the migration that added them.</summary>
public sealed class CatalogueStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("inedolicense-core-").FullName;
    private readonly AuditActor _actor = new("tester", null);

    private string StorePath => _stores.StorePath;
    private readonly StoreFolder _stores = new();
    private StoreEngineKind _engine;

    public void Dispose()
    {
        _stores.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Theory, SqliteStore, PostgresStore]
    public void ANewStoreIsSeededOnceWithTheShippedCatalogueAndAudited(StoreEngineKind engine)
    {
        _engine = engine;
        using var store = _stores.Open(_engine);
        Assert.Equal(ProductCatalogue.Default.Products.Select(p => p.Name), store.Catalogue.PeekCatalogue().Products.Select(p => p.Name));
        Assert.DoesNotContain(store.AuditLog.ReadAuditLog(), e => e.Action == AuditActions.SetProduct); // peeking never writes

        var catalogue = store.Catalogue.LoadCatalogue();
        store.Catalogue.LoadCatalogue();
        Assert.Equal(["BuildMaster", "Otter", "ProGet"], catalogue.Products.Select(p => p.Name));
        var seeded = store.AuditLog.ReadAuditLog().Where(e => e.Action == AuditActions.SetProduct).ToList();
        Assert.Equal(3, seeded.Count);
        Assert.All(seeded, e => Assert.Contains("shipped default", e.Details));
    }

    [Theory, SqliteStore, PostgresStore]
    public void SetProductsChangesTheCatalogueForTheNextReader(StoreEngineKind engine)
    {
        _engine = engine;
        using (var store = _stores.Open(_engine))
        {
            var proget = store.Catalogue.LoadCatalogue().Find("ProGet")!;
            var enterprise = proget.FindEdition("Enterprise")!;
            var changed = proget with
            {
                Name = "proget", // same product, any case
                Editions = proget.Editions.Select(e => e == enterprise ? e with { Features = ["FeedReplication", "HighAvailability"] } : e).ToArray(),
            };
            store.Catalogue.SetProducts([changed], _actor, "test");
        }
        using var reopened = _stores.Open(_engine);
        var catalogue = reopened.Catalogue.LoadCatalogue();
        Assert.Equal(3, catalogue.Products.Count);
        var (product, trial) = catalogue.ResolveTrial("ProGet");
        Assert.Equal(["FeedReplication", "HighAvailability"], product.FeaturesOf(trial));
        var audit = reopened.AuditLog.ReadAuditLog("proget").Single();
        Assert.Contains("HighAvailability", audit.Details);
    }

    [Theory, SqliteStore, PostgresStore]
    public void SettingAProductIntoANewStoreKeepsTheDefaults(StoreEngineKind engine)
    {
        _engine = engine;
        using var store = _stores.Open(_engine);
        store.Catalogue.SetProducts([ProductCatalogueTests.Product("Gadget", ProductCatalogueTests.Edition("Free", EditionTier.Free))], _actor);
        Assert.Equal(["BuildMaster", "Gadget", "Otter", "ProGet"], store.Catalogue.LoadCatalogue().Products.Select(p => p.Name));
    }

    [Theory, SqliteStore, PostgresStore]
    public void AnInvalidProductIsNotWrittenAtAll(StoreEngineKind engine)
    {
        _engine = engine;
        using var store = _stores.Open(_engine);
        store.Catalogue.LoadCatalogue();
        var good = ProductCatalogueTests.Product("Gadget", ProductCatalogueTests.Edition("Free", EditionTier.Free));
        var bad = ProductCatalogueTests.Product("Widget");
        Assert.Throws<ArgumentException>(() => store.Catalogue.SetProducts([good, bad], _actor));
        Assert.Null(store.Catalogue.LoadCatalogue().Find("Gadget"));
    }

    [Theory, SqliteStore, PostgresStore]
    public void StopgapPolicyFindsTheLapsedTermAndStopgapsStoredOrPending(StoreEngineKind engine)
    {
        _engine = engine;
        using var store = _stores.Open(_engine);
        var catalogue = store.Catalogue.LoadCatalogue();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        LicenseRecord Add(string edition, int monthsAgo, string? stopgapFor = null, LicenseKind kind = LicenseKind.License)
        {
            var skeleton = new LicensePayload { Serial = LicenseSerial.NewSerial(), Kind = kind, IssuedAt = now, NotBefore = now };
            var payload = kind == LicenseKind.Stopgap
                ? LicensePlanner.Stopgap(skeleton, catalogue, "ProGet", "Contoso", StopgapReason.Other)
                : LicensePlanner.NewLicense(skeleton, catalogue, "ProGet", "Contoso", edition, new TermRequest(Months: 12, NotBefore: now.AddMonths(-monthsAgo)));
            var record = LicenseRecord.FromPayload(payload, "ILK1.x", "thumbprint") with { StopgapFor = stopgapFor };
            store.Licenses.AddLicenses([(record, null)], _actor);
            return record;
        }

        var older = Add("Basic", 25);
        var latest = Add("Basic", 13);
        Add("Free", 1); // free keys never define a term
        var policy = new StopgapPolicy(store, catalogue);
        Assert.Equal(latest.Serial, policy.LapsedTerm("CONTOSO", "proget")?.Serial);
        Assert.True(policy.IsPaidLicense(older));
        Assert.Null(policy.Existing("Contoso", "ProGet", latest.Serial));

        var stored = Add("Trial", 0, latest.Serial, LicenseKind.Stopgap);
        Assert.Equal(stored.Serial, policy.Existing("contoso", "ProGet", latest.Serial)?.Serial);
        Assert.False(policy.IsPaidLicense(stored));
        Assert.Null(policy.Existing("Contoso", "ProGet", older.Serial));
        Assert.Null(policy.Existing("Contoso", "ProGet", null));

        policy.Remember("Contoso", "ProGet", null, "PENDING0PENDING0", now.AddDays(30));
        Assert.Equal("PENDING0PENDING0", policy.Existing("CONTOSO", "ProGet", null)?.Serial);
        Assert.Null(new StopgapPolicy(store, catalogue).Existing("Contoso", "ProGet", null)); // pending is per command

        store.Revocations.Revoke(stored.Serial, "issued by mistake", _actor, now);
        Assert.Null(policy.Existing("Contoso", "ProGet", latest.Serial)); // revoked stopgaps do not count
        Assert.Empty(store.Licenses.FindRenewalsOf(latest.Serial));
    }

    [Theory, SqliteStore, PostgresStore]
    public void StopgapEligibilityAndOneRenewalPerLicenceAreCoreRules(StoreEngineKind engine)
    {
        _engine = engine;
        using var store = _stores.Open(_engine);
        var catalogue = store.Catalogue.LoadCatalogue();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        LicenseRecord Add(string customer, string edition, int monthsAgo, string? renewalOf = null)
        {
            var skeleton = new LicensePayload { Serial = LicenseSerial.NewSerial(), Kind = LicenseKind.License, IssuedAt = now, NotBefore = now };
            var payload = LicensePlanner.NewLicense(skeleton, catalogue, "ProGet", customer, edition, new TermRequest(Months: 12, NotBefore: now.AddMonths(-monthsAgo)))
                with { RenewalOf = renewalOf };
            var record = LicenseRecord.FromPayload(payload, "ILK1.x", "thumbprint");
            store.Licenses.AddLicenses([(record, null)], _actor);
            return record;
        }

        var older = Add("Contoso", "Basic", 25);
        var latest = Add("Contoso", "Basic", 13);
        var free = Add("Contoso", "Free", 1);
        var other = Add("Fabrikam", "Basic", 13);
        var policy = new StopgapPolicy(store, catalogue);
        Assert.Null(policy.LapsedLicenseProblem(latest, "proget", "CONTOSO"));
        Assert.Equal($"{older.Serial} is not the latest paid ProGet licence of Contoso; that is {latest.Serial} (expires {latest.ExpiresAt:yyyy-MM-dd})",
            policy.LapsedLicenseProblem(older, "ProGet", "Contoso"));
        Assert.StartsWith($"{free.Serial} is not a paid licence with a term", policy.LapsedLicenseProblem(free, "ProGet", "Contoso"));
        Assert.Equal($"{other.Serial} belongs to Fabrikam, not Contoso", policy.LapsedLicenseProblem(other, "ProGet", "Contoso"));
        Assert.Equal($"{latest.Serial} is a ProGet licence, not BuildMaster", StopgapPolicy.LapsedLicenseProblem(latest, "BuildMaster", "Contoso", null, _ => true));
        store.Revocations.Revoke(older.Serial, null, _actor, now);
        Assert.Equal($"{older.Serial} is revoked", policy.LapsedLicenseProblem(store.Licenses.Find(older.Serial)!, "ProGet", "Contoso"));

        var renewals = new RenewalPolicy(store);
        Assert.Null(renewals.Existing(latest.Serial));
        var renewal = Add("Contoso", "Basic", 1, renewalOf: latest.Serial);
        Assert.Equal(renewal.Serial, renewals.Existing(latest.Serial)?.Serial);
        renewals.Remember(other.Serial);
        Assert.Equal(new ExistingRenewal(null), renewals.Existing(other.Serial)); // accepted by this command, not committed yet
        Assert.Null(new RenewalPolicy(store).Existing(other.Serial)); // per command
        Assert.Null(new RenewalPolicy(null).Existing(latest.Serial)); // no store yet: nothing renewed
    }

    [Fact]
    public void AStoreOfTheFirstSchemaIsMigratedAndKeepsItsKeys()
    {
        // Build a store as the first schema left it, with one key in it.
        using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = StoreSchema.Migrations[0]
                + "INSERT INTO licenses (serial, kind, customer, product, edition, issued_at, not_before, expires_at, issuer_thumbprint, key_text) "
                + "VALUES ('00112233445566AA', 'License', 'Contoso', 'ProGet', 'Basic', 1, 1, 2, 'thumb', 'ILK1.x');"
                + "PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }
        using var store = LicenseStore.Open(StorePath);
        var record = store.Licenses.Find("00112233445566AA")!;
        Assert.Null(record.StopgapFor);
        Assert.Equal("Contoso", record.Customer);
        Assert.Equal(3, store.Catalogue.LoadCatalogue().Products.Count);
        Assert.Equal((long)StoreSchema.Migrations.Length, store.Scalar("PRAGMA user_version"));
    }
}
