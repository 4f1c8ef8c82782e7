using InedoLicense.Core.Tests.Security;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests;

/// <summary>
/// One stopgap per lapsed term and one renewal per licence are held by the store in the committing
/// transaction, so a second connection (another process) that checked earlier still cannot break them.
/// </summary>
public sealed class IssuanceRulesTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
    private readonly StoreFolder _folder = new();
    private readonly InMemoryAuthority _authority = new();
    private AuditActor _actor => new("tester", _authority.Issuer.Thumbprint);

    public void Dispose()
    {
        _folder.Dispose();
        _authority.Dispose();
    }

    // Signed for real, so that Test-LicenseStore's checks of each row against its key apply.
    private LicenseRecord Signed(LicensePayload payload) =>
        LicenseRecord.FromPayload(payload, KeyText.Encode(_authority.Issuer.Sign(payload)), _authority.Issuer.Thumbprint);

    private LicenseRecord Paid(string customer = "Contoso Ltd") =>
        Signed(SamplePayloads.License(T0.AddDays(-400)) with { Serial = LicenseSerial.NewSerial(), Customer = customer, ExpiresAt = T0.AddDays(-3) });

    private LicenseRecord Stopgap(LicenseRecord lapsed, string? customer = null) =>
        Signed(SamplePayloads.Stopgap(T0) with { Serial = LicenseSerial.NewSerial(), Customer = customer ?? lapsed.Customer }) with { StopgapFor = lapsed.Serial };

    private LicenseRecord Renewal(LicenseRecord old) =>
        Signed(SamplePayloads.License(T0) with { Serial = LicenseSerial.NewSerial(), RenewalOf = old.Serial, NotBefore = old.ExpiresAt!.Value, ExpiresAt = old.ExpiresAt.Value.AddYears(1) });

    [Theory, SqliteStore, PostgresStore]
    public void ASecondStopgapForTheTermIsRefusedByTheStoreEvenFromAnotherConnection(StoreEngineKind engine)
    {
        var first = _folder.Open(engine);
        var second = _folder.Open(engine); // another process, which checked before the first committed
        var lapsed = Paid();
        first.Licenses.AddLicenses(StoreFolder.Batch(lapsed), _actor);
        var one = Stopgap(lapsed);
        Assert.Empty(first.Licenses.AddLicenses([new KeyToRecord(one)], _actor).Refused);

        var other = Stopgap(lapsed, customer: "CONTOSO LTD"); // names match in any case
        var result = second.Licenses.AddLicenses([new KeyToRecord(other, "reason=Other")], _actor);

        Assert.Empty(result.Recorded);
        var conflict = Assert.Single(result.Refused);
        Assert.Equal((other.Serial, IssuanceRule.OneStopgapPerTerm, one.Serial), (conflict.Refused.Serial, conflict.Rule, conflict.Existing.Serial));
        Assert.Null(second.Licenses.Find(other.Serial));
        Assert.Empty(second.AuditLog.ReadAuditLog(other.Serial));
        Assert.True(second.Integrity.CheckIntegrity().IsValid);
    }

    [Theory, SqliteStore, PostgresStore]
    public void AnOverrideIsTheOnlyWayPastAndTheKeyRecordsIt(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var lapsed = Paid();
        var one = Stopgap(lapsed);
        store.Licenses.AddLicenses(StoreFolder.Batch(lapsed, one), _actor);

        // Overriding another rule does not help.
        Assert.Single(store.Licenses.AddLicenses([new KeyToRecord(Stopgap(lapsed), null, IssuanceRule.OneRenewalPerLicence)], _actor).Refused);

        var forced = Stopgap(lapsed);
        var result = store.Licenses.AddLicenses([new KeyToRecord(forced, "reason=Other", IssuanceRule.OneStopgapPerTerm)], _actor);

        Assert.Equal(nameof(IssuanceRule.OneStopgapPerTerm), Assert.Single(result.Recorded).PolicyOverride);
        Assert.Equal(nameof(IssuanceRule.OneStopgapPerTerm), store.Licenses.Find(forced.Serial)!.PolicyOverride);
        var details = Assert.Single(store.AuditLog.ReadAuditLog(forced.Serial)).Details!;
        Assert.Contains($"forced={IssuanceRule.OneStopgapPerTerm}", details);
        Assert.Contains($"existing={one.Serial}", details);
        Assert.True(store.Integrity.CheckIntegrity().IsValid, string.Join("; ", store.Integrity.CheckIntegrity().Problems));

        // A key that needed no override records none, even when it was allowed one.
        var fabrikam = Paid("Fabrikam");
        store.Licenses.AddLicenses(StoreFolder.Batch(fabrikam), _actor);
        var otherCustomer = Stopgap(fabrikam);
        Assert.Null(Assert.Single(store.Licenses.AddLicenses([new KeyToRecord(otherCustomer, null, IssuanceRule.OneStopgapPerTerm)], _actor).Recorded).PolicyOverride);
        Assert.DoesNotContain("forced", Assert.Single(store.AuditLog.ReadAuditLog(otherCustomer.Serial)).Details!);
    }

    [Theory, SqliteStore, PostgresStore]
    public void ARefusedKeyLeavesTheRestOfItsBatchRecorded(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var lapsed = Paid();
        store.Licenses.AddLicenses(StoreFolder.Batch(lapsed, Stopgap(lapsed)), _actor);
        var before = Signed(SamplePayloads.License(T0));
        var refused = Stopgap(lapsed);
        var after = Signed(SamplePayloads.License(T0));

        var result = store.Licenses.AddLicenses([new KeyToRecord(before), new KeyToRecord(refused), new KeyToRecord(after)], _actor);

        Assert.Equal([before.Serial, after.Serial], result.Recorded.Select(r => r.Serial));
        Assert.Equal(refused.Serial, Assert.Single(result.Refused).Refused.Serial);
        Assert.Equal(4, store.Licenses.Query(new LicenseQuery()).Count());
        var report = store.Integrity.CheckIntegrity();
        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Equal(4, report.AuditEntries);
    }

    [Theory, SqliteStore, PostgresStore]
    public void TwoStopgapsForOneTermInOneBatchAreCaughtToo(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var lapsed = Paid();
        store.Licenses.AddLicenses(StoreFolder.Batch(lapsed), _actor);

        var result = store.Licenses.AddLicenses([new KeyToRecord(Stopgap(lapsed)), new KeyToRecord(Stopgap(lapsed))], _actor);

        Assert.Single(result.Recorded);
        Assert.Single(result.Refused);
    }

    [Theory, SqliteStore, PostgresStore]
    public void ASecondRenewalIsRefusedUntilTheFirstIsRevoked(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var old = Paid();
        var renewal = Renewal(old);
        store.Licenses.AddLicenses(StoreFolder.Batch(old, renewal), _actor);

        var second = Renewal(old);
        var conflict = Assert.Single(_folder.Open(engine).Licenses.AddLicenses([new KeyToRecord(second)], _actor).Refused);
        Assert.Equal((IssuanceRule.OneRenewalPerLicence, renewal.Serial), (conflict.Rule, conflict.Existing.Serial));

        store.Revocations.Revoke(renewal.Serial, "issued by mistake", _actor, T0);
        Assert.Single(store.Licenses.AddLicenses([new KeyToRecord(Renewal(old))], _actor).Recorded);
    }

    [Theory, SqliteStore, PostgresStore]
    public void TheAllOrNothingOverloadRecordsNothingWhenARuleRefusesAKey(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var lapsed = Paid();
        store.Licenses.AddLicenses(StoreFolder.Batch(lapsed, Stopgap(lapsed)), _actor);
        var fresh = Signed(SamplePayloads.License(T0));

        Assert.Throws<InvalidOperationException>(() => store.Licenses.AddLicenses(StoreFolder.Batch(fresh, Stopgap(lapsed)), _actor));

        Assert.Null(store.Licenses.Find(fresh.Serial));
        Assert.True(store.Integrity.CheckIntegrity().IsValid);
    }

    [Theory, SqliteStore, PostgresStore]
    public void KeyIssuersOnTwoConnectionsGiveOneStopgapAndHandBackTheOtherWithItsOrigin(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var lapsed = Paid();
        store.Licenses.AddLicenses(StoreFolder.Batch(lapsed), _actor);
        var stopgap = SamplePayloads.Stopgap(_authority.Now) with { Customer = lapsed.Customer };
        using var first = new KeyIssuer(_authority.Issuer, () => _folder.Open(engine, StoreOpenMode.Existing));
        using var second = new KeyIssuer(_authority.Issuer, () => _folder.Open(engine, StoreOpenMode.Existing));

        first.Add(stopgap, stopgapFor: lapsed.Serial, origin: "row 1");
        second.Add(stopgap with { Serial = LicenseSerial.NewSerial() }, stopgapFor: lapsed.Serial, origin: "row 2");
        var one = first.Flush();
        var other = second.Flush();

        Assert.Single(one.Records);
        Assert.Empty(other.Records);
        Assert.Empty(other.Failures);
        var refused = Assert.Single(other.Refused);
        Assert.Equal("row 2", refused.Origin);
        Assert.Equal(one.Records[0].Serial, refused.Conflict.Existing.Serial);
        Assert.Single(store.Licenses.FindStopgaps(lapsed.Customer!, lapsed.Product!, lapsed.Serial));
    }

    [Fact]
    public void AStopgapAnEarlierModuleForcedKeepsItsOverrideAfterTheMigration()
    {
        var lapsed = Paid();
        var first = Stopgap(lapsed);
        var forced = Stopgap(lapsed);
        using (var store = _folder.Open())
        {
            store.Licenses.AddLicenses(StoreFolder.Batch(lapsed, first), _actor);
            // As schema 2 wrote it: no rule held at commit, the override only in the audit note.
            ((SqliteLicenseRecords)store.Licenses).AddLicenses([new KeyToRecord(forced, $"reason=Other; forced: -Force overrode the one-stopgap-per-term policy (existing stopgap {first.Serial})")],
                _actor, allOrNone: true, holdRules: false);
            foreach (var column in EarlierSchema.LicenseColumnsAddedAfter(2)) store.Scalar($"ALTER TABLE licenses DROP COLUMN {column}");
            store.Scalar("PRAGMA application_id = 0");
            store.Scalar("PRAGMA user_version = 2");
        }

        using var migrated = LicenseStore.Open(_folder.StorePath, StoreOpenMode.Existing);

        Assert.Equal(nameof(IssuanceRule.OneStopgapPerTerm), migrated.Licenses.Find(forced.Serial)!.PolicyOverride);
        Assert.Null(migrated.Licenses.Find(first.Serial)!.PolicyOverride);
        var report = migrated.Integrity.CheckIntegrity();
        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Single(migrated.Licenses.AddLicenses([new KeyToRecord(Stopgap(lapsed))], _actor).Refused); // and the rule holds from now on
    }

    [Fact]
    public void AKeyIssuerCreatesAMissingStoreOnlyWhenItCommits()
    {
        var path = Path.Combine(_folder.Path, "later", "licenses.db");
        using var issuer = new KeyIssuer(_authority.Issuer, LicenseStore.Opener(path));

        Assert.Throws<ArgumentException>(() => issuer.Add(SamplePayloads.License(_authority.Now) with { Customer = "" }));
        Assert.Empty(issuer.Flush().Records);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));

        issuer.Add(SamplePayloads.License(_authority.Now));
        Assert.Single(issuer.Flush().Records);
        Assert.True(File.Exists(path));
    }
}
