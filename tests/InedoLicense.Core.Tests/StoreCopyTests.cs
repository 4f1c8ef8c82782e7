using InedoLicense.Catalogue;
using InedoLicense.Core.Tests.Security;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests;

/// <summary>A SQLite store copied into an empty PostgreSQL store (and back): every row as it was, and the copy checks out.</summary>
public sealed class StoreCopyTests : IDisposable
{
    private readonly StoreFolder _from = new();
    private readonly StoreFolder _to = new();
    private readonly InMemoryAuthority _authority = new();
    private AuditActor Actor => new("tester", _authority.Issuer.Thumbprint);

    public void Dispose()
    {
        _from.Dispose();
        _to.Dispose();
        _authority.Dispose();
    }

    private LicenseRecord Signed(LicensePayload payload) =>
        LicenseRecord.FromPayload(payload, KeyText.Encode(_authority.Issuer.Sign(payload)), _authority.Issuer.Thumbprint);

    // Keys, a revocation, a stopgap forced past the rule (its override recorded), a renewal, a product, a setting.
    private ILicenseStore Populated(StoreEngineKind engine)
    {
        var store = _from.Open(engine);
        var now = _authority.Now;
        var lapsed = Signed(_authority.License("Contoso Ltd") with { NotBefore = now.AddDays(-400), ExpiresAt = now.AddDays(-3) });
        var other = Signed(_authority.License("Fabrikam"));
        store.Licenses.AddLicenses(StoreFolder.Batch(lapsed, other), Actor);
        var stopgap = Signed(KeyIssuer.NewPayload(LicenseKind.Stopgap) with { Customer = "Contoso Ltd", Product = "ProGet", Edition = "Trial", ExpiresAt = now.AddDays(30) });
        var forced = Signed(KeyIssuer.NewPayload(LicenseKind.Stopgap) with { Customer = "CONTOSO LTD", Product = "ProGet", Edition = "Trial", ExpiresAt = now.AddDays(30) });
        Assert.Empty(store.Licenses.AddLicenses([new KeyToRecord(stopgap with { StopgapFor = lapsed.Serial })], Actor).Refused);
        Assert.Empty(store.Licenses.AddLicenses([new KeyToRecord(forced with { StopgapFor = lapsed.Serial }, "reason=Other", IssuanceRule.OneStopgapPerTerm)], Actor).Refused);
        var renewal = Signed(_authority.License("Contoso Ltd") with { RenewalOf = lapsed.Serial });
        store.Licenses.AddLicenses(StoreFolder.Batch(renewal), Actor);
        store.Revocations.Revoke(other.Serial, "refund", Actor, now);
        store.Catalogue.SetProducts([ProductCatalogue.Default.Products[0] with { Name = "Romp" }], Actor, "note=added");
        store.Catalogue.SetSetting("TemporaryKeyTtls", "1h,4h", Actor);
        return store;
    }

    [Theory]
    [StoreData(StoreEngineKind.Sqlite, StoreEngineKind.Postgres)]
    [StoreData(StoreEngineKind.Postgres, StoreEngineKind.Sqlite)]
    public void ACopyHoldsEveryRowAndChecksOut(StoreEngineKind fromEngine, StoreEngineKind toEngine)
    {
        var source = Populated(fromEngine);
        Assert.True(source.Integrity.CheckIntegrity().IsValid);
        var destination = _to.Open(toEngine);

        var result = StoreCopy.Copy(source, destination);

        Assert.Equal((5, 1, 3 + 1 + 5 + 1 + 1, 4, 2), (result.Licenses, result.Revoked, result.AuditEntries, result.Products, result.Settings));
        var report = destination.Integrity.CheckIntegrity();
        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
        Assert.Equal(source.Integrity.CheckIntegrity().Checkpoint, report.Checkpoint); // the same chain, the same anchor
        Assert.Equal(source.Licenses.Query(new LicenseQuery()).ToList(), destination.Licenses.Query(new LicenseQuery()).ToList());
        Assert.Equal(source.AuditLog.ReadAuditLog().Select(e => (e.Id, e.Details, Convert.ToHexString(e.Hash))),
            destination.AuditLog.ReadAuditLog().Select(e => (e.Id, e.Details, Convert.ToHexString(e.Hash))));
        Assert.Equal("1h,4h", destination.Catalogue.GetSetting("TemporaryKeyTtls"));
        Assert.Equal(source.Catalogue.PeekCatalogue().Products.Select(p => p.Name).Order(), destination.Catalogue.PeekCatalogue().Products.Select(p => p.Name).Order());

        // The copy goes on as a store: the next entry chains on, and the rules hold against the copied rows.
        var lapsed = source.Licenses.Query(new LicenseQuery { Customer = "Contoso Ltd" }).Single(r => r.Kind == LicenseKind.License && r.RenewalOf is null);
        var third = Signed(KeyIssuer.NewPayload(LicenseKind.Stopgap) with { Customer = "Contoso Ltd", Product = "ProGet", Edition = "Trial", ExpiresAt = _authority.Now.AddDays(30) });
        Assert.Single(destination.Licenses.AddLicenses([new KeyToRecord(third with { StopgapFor = lapsed.Serial })], Actor).Refused);
        destination.Catalogue.SetSetting("DefaultProduct", "ProGet", Actor);
        Assert.True(destination.Integrity.CheckIntegrity().IsValid);
    }

    [Theory, SqliteStore, PostgresStore]
    public void ANonEmptyDestinationIsRefusedAndLeftAsItWas(StoreEngineKind engine)
    {
        var source = Populated(StoreEngineKind.Sqlite);
        var destination = _to.Open(engine);
        destination.Catalogue.SetSetting("DefaultProduct", "ProGet", Actor);
        var before = destination.Integrity.CheckIntegrity();

        var error = Assert.Throws<StoreNotEmptyException>(() => StoreCopy.Copy(source, destination));

        Assert.Contains("Nothing was written", error.Message);
        var after = destination.Integrity.CheckIntegrity();
        Assert.Equal((before.AuditEntries, before.Licenses, before.Checkpoint), (after.AuditEntries, after.Licenses, after.Checkpoint));
    }
}
