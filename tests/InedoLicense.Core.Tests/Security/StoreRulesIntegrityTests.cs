using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Core.Tests.Security;

/// <summary>
/// Test-LicenseStore ties every row the rules read to the audit entry that wrote it: the stopgap's lapsed
/// term and its override (not in the signed key), the products of the catalogue and the settings.
/// Edits by hand through a second SQLite connection must show up as problems.
/// </summary>
public sealed class StoreRulesIntegrityTests : IDisposable
{
    private readonly InMemoryAuthority _authority = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("inedolicense-rules-").FullName;
    private readonly AuditActor _actor;
    private readonly LicenseRecord _lapsed;
    private readonly LicenseRecord _stopgap;
    private readonly LicenseRecord _forced;
    private readonly LicenseRecord _otherStopgap;

    public StoreRulesIntegrityTests()
    {
        _actor = new AuditActor("tester", _authority.Issuer.Thumbprint);
        using var store = LicenseStore.Open(StorePath);
        store.Catalogue.LoadCatalogue(); // seeded: three SetProduct entries
        TtlPolicy.From(["2h", "1d"]).Save(store, _actor);
        using var issuer = new KeyIssuer(_authority.Issuer, store);
        _lapsed = issuer.Add(_authority.License("Contoso") with { ExpiresAt = _authority.Now.AddDays(1) }).Records.SingleOrDefault()
                  ?? issuer.Flush().Records.Single();
        var other = issuer.Add(_authority.License("Fabrikam") with { ExpiresAt = _authority.Now.AddDays(1) }).Records.SingleOrDefault()
                    ?? issuer.Flush().Records.Single();
        LicenseRecord Stopgap(string customer, string lapsed, IssuanceRule? mayOverride = null)
        {
            var payload = KeyIssuer.NewPayload(LicenseKind.Stopgap) with
            {
                Customer = customer, Product = "ProGet", Edition = "Trial", ExpiresAt = _authority.Now.AddDays(30), Banner = "trial",
            };
            issuer.Add(payload, "reason=Other", lapsed, mayOverride);
            return issuer.Flush().Records.Single();
        }
        _stopgap = Stopgap("Contoso", _lapsed.Serial);
        _forced = Stopgap("Contoso", _lapsed.Serial, IssuanceRule.OneStopgapPerTerm);
        _otherStopgap = Stopgap("Fabrikam", other.Serial);
    }

    private string StorePath => Path.Combine(_folder, "licenses.db");

    public void Dispose()
    {
        _authority.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private List<string> Problems()
    {
        using var store = LicenseStore.Open(StorePath, StoreOpenMode.Existing);
        return store.Integrity.CheckIntegrity().Problems.ToList();
    }

    private void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, "the tampering changed nothing: " + sql);
    }

    [Fact]
    public void AnUntouchedStoreWithAForcedStopgapIsValid()
    {
        Assert.Equal(nameof(IssuanceRule.OneStopgapPerTerm), _forced.PolicyOverride);
        Assert.Empty(Problems());
    }

    [Fact]
    public void ALapsedTermClearedByHandIsFound()
    {
        Tamper($"UPDATE licenses SET stopgap_for = NULL WHERE serial = '{_stopgap.Serial}'");

        var problem = Assert.Single(Problems());
        Assert.Contains($"Licence {_stopgap.Serial}: stopgap_for is NULL", problem);
        Assert.Contains($"stopgapFor={_lapsed.Serial}", problem);
    }

    [Fact]
    public void AnOverrideAddedOrRemovedByHandIsFound()
    {
        Tamper($"UPDATE licenses SET policy_override = 'OneStopgapPerTerm' WHERE serial = '{_otherStopgap.Serial}'");
        Tamper($"UPDATE licenses SET policy_override = NULL WHERE serial = '{_forced.Serial}'");

        var problems = Problems();
        Assert.Contains(problems, p => p.StartsWith($"Licence {_otherStopgap.Serial}: stopgap_for", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"Licence {_forced.Serial}: stopgap_for", StringComparison.Ordinal));
        // With its override gone, the forced key is a second stopgap for the term that records none.
        Assert.Contains(problems, p => p.StartsWith($"Licence {_forced.Serial} is a second stopgap for the same customer, product and lapsed term as {_stopgap.Serial}", StringComparison.Ordinal));
    }

    [Fact]
    public void ARuleBrokenBehindTheStoresBackIsFound()
    {
        // A second stopgap inserted by hand (sqlite3), past the rule the module holds when it records a key.
        Tamper($"""
            INSERT INTO licenses (serial, kind, customer, product, edition, features, issued_at, not_before, expires_at, issuer_thumbprint, key_text, stopgap_for)
            SELECT 'ABCDEF0123456789', kind, customer, product, edition, features, issued_at, not_before, expires_at, issuer_thumbprint, key_text, stopgap_for
            FROM licenses WHERE serial = '{_stopgap.Serial}'
            """);

        Assert.Contains(Problems(), p => p.StartsWith($"Licence ABCDEF0123456789 is a second stopgap for the same customer, product and lapsed term as {_stopgap.Serial}", StringComparison.Ordinal));
    }

    [Fact]
    public void AProductEditedByHandIsFound()
    {
        // The case: a Basic edition that now carries an Enterprise feature.
        using (var store = LicenseStore.Open(StorePath, StoreOpenMode.Existing))
            Assert.Empty(store.Catalogue.PeekCatalogue().Resolve("ProGet", "Basic").Edition.Features);
        Tamper("UPDATE products SET definition = replace(definition, '\"name\":\"Basic\",\"tier\":\"Paid\",\"features\":[]', '\"name\":\"Basic\",\"tier\":\"Paid\",\"features\":[\"FeedReplication\"]') WHERE name = 'ProGet'");
        using (var store = LicenseStore.Open(StorePath, StoreOpenMode.Existing))
            Assert.Equal(["FeedReplication"], store.Catalogue.PeekCatalogue().Resolve("ProGet", "Basic").Edition.Features);

        Assert.Contains(Problems(), p => p.StartsWith("Product ProGet is not what audit entry", StringComparison.Ordinal));
    }

    [Fact]
    public void AProductAddedOrDeletedByHandIsFound()
    {
        Tamper("INSERT INTO products(name, definition) SELECT 'Shadow', definition FROM products WHERE name = 'Otter'");
        Tamper("DELETE FROM products WHERE name = 'BuildMaster'");

        var problems = Problems();
        Assert.Contains("Product Shadow has no audit entry that set it: it was added outside the module.", problems);
        Assert.Contains(problems, p => p.StartsWith("Product BuildMaster, set in audit entry", StringComparison.Ordinal));
    }

    [Fact]
    public void ASettingEditedAddedOrDeletedByHandIsFound()
    {
        Tamper($"UPDATE settings SET value = '1h,2h,1d,30d' WHERE name = '{TtlPolicy.SettingName}'");
        Tamper("INSERT INTO settings(name, value) VALUES ('extra', 'x')");

        var problems = Problems();
        Assert.Contains(problems, p => p.StartsWith($"Setting {TtlPolicy.SettingName} is not what audit entry", StringComparison.Ordinal));
        Assert.Contains("Setting extra has no audit entry that set it: it was added outside the module.", problems);

        Tamper($"DELETE FROM settings WHERE name = '{TtlPolicy.SettingName}'");
        Assert.Contains(Problems(), p => p.StartsWith($"Setting {TtlPolicy.SettingName}, set in audit entry", StringComparison.Ordinal));
    }
}
