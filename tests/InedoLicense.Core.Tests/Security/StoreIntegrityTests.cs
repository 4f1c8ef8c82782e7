using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Core.Tests.Security;

/// <summary>The checks behind Test-LicenseStore, with rows changed through a second SQLite connection.</summary>
public sealed class StoreIntegrityTests : IDisposable
{
    private readonly InMemoryAuthority _authority = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("inedolicense-integrity-").FullName;
    private readonly AuditActor _actor = new("tester", null);

    private string StorePath => _stores.StorePath;
    private readonly StoreFolder _stores = new();
    private StoreEngineKind _engine;

    /// <summary>Five keys, one revoked, then an AddIssuer entry last: audit ids 1-5 IssueKey, 6 RevokeKey, 7 AddIssuer.</summary>
    private List<LicenseRecord> Populate()
    {
        using var store = _stores.Open(_engine);
        var issuer = new KeyIssuer(_authority.Issuer, store);
        var records = new List<LicenseRecord>();
        for (var i = 0; i < 5; i++)
            records.AddRange(issuer.Add(_authority.License($"Customer {i}") with { ExpiresAt = _authority.Now.AddDays(30) }).Records);
        records.AddRange(issuer.Flush().Records);
        store.Revocations.Revoke(records[1].Serial, "refund", _actor, DateTimeOffset.UtcNow);
        store.AuditLog.Audit(_actor, AuditActions.AddIssuer, "ABCDEF", "name=second");
        return records;
    }

    private StoreIntegrityReport Check(AuditAnchor? checkpoint = null)
    {
        using var store = _stores.Open(_engine);
        return store.Integrity.CheckIntegrity(checkpoint);
    }

    private void Tamper(string sql, params (string Name, object Value)[] parameters)
    {
        if (_engine == StoreEngineKind.Postgres)
        {
            using var pg = new Npgsql.NpgsqlConnection(_stores.Location(_engine));
            pg.Open();
            using var pgCommand = pg.CreateCommand();
            pgCommand.CommandText = sql.Replace('$', '@');
            foreach (var (name, value) in parameters) pgCommand.Parameters.AddWithValue(name.TrimStart('$'), value);
            Assert.True(pgCommand.ExecuteNonQuery() > 0, "the tampering changed nothing: " + sql);
            return;
        }
        using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        Assert.True(command.ExecuteNonQuery() > 0, "the tampering changed nothing: " + sql);
    }

    [Theory, SqliteStore, PostgresStore]
    public void UntouchedStoreIsValid(StoreEngineKind engine)
    {
        _engine = engine;
        Populate();
        var report = Check();

        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
        Assert.Equal("ok", report.IntegrityCheck);
        Assert.Equal(7, report.AuditEntries);
        Assert.Equal(5, report.Licenses);
        Assert.Null(report.FirstBrokenEntryId);
        Assert.StartsWith("7:", report.Checkpoint);
    }

    [Theory, SqliteStore, PostgresStore]
    public void EditedAuditDetailsNameTheEntry(StoreEngineKind engine)
    {
        _engine = engine;
        Populate();
        Tamper("UPDATE audit_log SET details = 'kind=License; customer=Someone else' WHERE id = 3");
        var report = Check();

        Assert.False(report.IsValid);
        Assert.Equal(3, report.FirstBrokenEntryId);
        Assert.Contains(report.Problems, p => p.StartsWith("Audit entry 3 ", StringComparison.Ordinal));
    }

    [Theory, SqliteStore, PostgresStore]
    public void DeletedMiddleEntryIsNamed(StoreEngineKind engine)
    {
        _engine = engine;
        Populate();
        Tamper("DELETE FROM audit_log WHERE id = 4");
        var report = Check();

        Assert.Equal(4, report.FirstBrokenEntryId);
        Assert.Contains(report.Problems, p => p.Contains("Audit entry 4 is missing", StringComparison.Ordinal));
    }

    [Theory, SqliteStore, PostgresStore]
    public void CutTailIsCaughtByTheAnchorEvenAfterLaterWrites(StoreEngineKind engine)
    {
        _engine = engine;
        Populate();
        Tamper("DELETE FROM audit_log WHERE id = 7");
        var report = Check();
        Assert.Equal(7, report.FirstBrokenEntryId);
        Assert.Contains(report.Problems, p => p.Contains("end of the log was cut", StringComparison.Ordinal));

        // The next entry chains on from the anchor, so the gap stays visible.
        using (var store = _stores.Open(_engine)) store.AuditLog.Audit(_actor, AuditActions.AddIssuer, "123456", "name=third");
        var later = Check();
        Assert.Equal(7, later.FirstBrokenEntryId);
        Assert.Contains(later.Problems, p => p.Contains("Audit entry 7 is missing", StringComparison.Ordinal));
    }

    [Theory, SqliteStore, PostgresStore]
    public void EditedLicenceRowDiffersFromItsSignedKey(StoreEngineKind engine)
    {
        _engine = engine;
        var records = Populate();
        Tamper("UPDATE licenses SET expires_at = expires_at + 31536000 WHERE serial = $serial", ("$serial", records[2].Serial));
        var report = Check();

        Assert.False(report.IsValid);
        Assert.Null(report.FirstBrokenEntryId); // the log itself is intact
        Assert.Contains(report.Problems, p => p.StartsWith($"Licence {records[2].Serial}: expires_at", StringComparison.Ordinal));
    }

    [Theory, SqliteStore, PostgresStore]
    public void KeyTextReplacedWithAReSignedLookAlikeIsCaughtByTheAuditDigest(StoreEngineKind engine)
    {
        _engine = engine;
        var records = Populate();
        // Someone with an issuer key re-signs the same serial with a later expiry and updates row and key alike.
        var decoded = DecodedLicenseKey.Decode(records[0].Key).Payload with { ExpiresAt = _authority.Now.AddYears(5) };
        var forgedKey = KeyText.Encode(_authority.Issuer.Sign(decoded));
        Tamper("UPDATE licenses SET key_text = $key, expires_at = $expires WHERE serial = $serial",
            ("$key", forgedKey), ("$expires", decoded.ExpiresAt!.Value.ToUnixTimeSeconds()), ("$serial", records[0].Serial));
        var report = Check();

        Assert.Contains(report.Problems, p => p.Contains($"Licence {records[0].Serial}: its key text is not the one audit entry 1 recorded", StringComparison.Ordinal));
    }

    [Theory, SqliteStore, PostgresStore]
    public void ClearedRevocationAndDeletedLicenceAreReported(StoreEngineKind engine)
    {
        _engine = engine;
        var records = Populate();
        Tamper("UPDATE licenses SET revoked_at = NULL, revocation_reason = NULL WHERE serial = $serial", ("$serial", records[1].Serial));
        Tamper("DELETE FROM licenses WHERE serial = $serial", ("$serial", records[4].Serial));
        var report = Check();

        Assert.Contains(report.Problems, p => p.Contains($"Licence {records[1].Serial} was revoked (audit entry 6), but the licences table no longer says so", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains($"Licence {records[4].Serial}, issued in audit entry 5, is missing", StringComparison.Ordinal));
        Assert.Equal(4, report.Licenses);
    }

    [Theory, SqliteStore, PostgresStore]
    public void RewrittenChainPassesAloneButNotAgainstAnEarlierCheckpoint(StoreEngineKind engine)
    {
        _engine = engine;
        Populate();
        var checkpoint = AuditAnchor.Parse(Check().Checkpoint)!;

        // The limit of a chain kept in the same file: recompute every hash and the anchor after an edit.
        Tamper("UPDATE audit_log SET details = 'name=somebody else' WHERE id = 7");
        using (var store = _stores.Open(_engine))
        {
            var previous = Array.Empty<byte>();
            foreach (var entry in store.AuditLog.ReadAuditLog().ToList())
            {
                var hash = AuditChain.ComputeHash(previous, entry);
                Tamper("UPDATE audit_log SET hash = $hash WHERE id = $id", ("$hash", hash), ("$id", entry.Id));
                Tamper($"UPDATE settings SET value = $value WHERE name = '{AuditAnchor.SettingName}'", ("$value", new AuditAnchor(entry.Id, hash).ToString()));
                previous = hash;
            }
        }

        Assert.True(Check().IsValid);
        var against = Check(checkpoint);
        Assert.False(against.IsValid);
        Assert.Contains(against.Problems, p => p.Contains("checkpoint's hash", StringComparison.Ordinal));
    }

    [Theory, SqliteStore, PostgresStore]
    public void AnchorSettingCannotBeSetThroughTheSettingsApi(StoreEngineKind engine)
    {
        _engine = engine;
        using var store = _stores.Open(_engine);
        Assert.Throws<ArgumentException>(() => store.Catalogue.SetSetting(AuditAnchor.SettingName, "1:00", _actor));
    }

    [Theory, SqliteStore, PostgresStore]
    public void NewestRecordTimeSeesAFutureIssuedKey(StoreEngineKind engine)
    {
        _engine = engine;
        using var store = _stores.Open(_engine);
        Assert.Null(store.Licenses.NewestRecordTime());
        var future = _authority.Now.AddDays(3);
        var payload = _authority.License() with { IssuedAt = future, NotBefore = future };
        store.Licenses.AddLicenses([(LicenseRecord.FromPayload(payload, KeyText.Encode(_authority.Issuer.Sign(payload)), _authority.Issuer.Thumbprint), null)], _actor);

        Assert.Equal(future, store.Licenses.NewestRecordTime());
    }

    public void Dispose()
    {
        _stores.Dispose();
        _authority.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
