using Npgsql;
using NpgsqlTypes;

namespace InedoLicense.Store;

/// <summary>
/// One write transaction on the PostgreSQL store: it holds the store's write lock (<see cref="PostgresStore.BeginWrite"/>)
/// from the start, sends its rows in batches (one round trip per batch, not per row), appends chained audit entries
/// and, on <see cref="Commit"/>, moves the anchor (<see cref="AuditAnchor"/>) to the last one, in the same transaction.
/// Disposed without a commit, it rolls everything back.
/// </summary>
internal sealed class PostgresWrite : IDisposable
{
    private const int RowsPerRoundTrip = 1024;
    private static readonly string InsertLicense =
        $"INSERT INTO licenses ({string.Join(", ", LicenseRows.InsertColumns)}) VALUES ({string.Join(", ", LicenseRows.InsertColumns.Select((_, i) => "$" + (i + 1)))})";
    private static readonly NpgsqlDbType[] LicenseTypes = LicenseRows.InsertColumns.Select(c => c switch
    {
        "restrictions" => NpgsqlDbType.Integer,
        "issued_at" or "not_before" or "expires_at" => NpgsqlDbType.Bigint,
        _ => NpgsqlDbType.Text,
    }).ToArray();
    private const string InsertAudit =
        "INSERT INTO audit_log (id, at, os_user, certificate_thumbprint, action, target, details, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    private static readonly NpgsqlDbType[] AuditTypes =
        [NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bytea];

    private readonly PostgresStore _store;
    private readonly NpgsqlTransaction _transaction;
    private NpgsqlBatch _batch;
    private long _lastId;
    private byte[] _lastHash = [];
    private bool _chainRead;
    private bool _appended;

    public PostgresWrite(PostgresStore store)
    {
        _store = store;
        _transaction = store.BeginWrite();
        _batch = new NpgsqlBatch(store.Connection);
    }

    public PostgresStore Store => _store;

    /// <summary>Queues a statement with positional ($1, $2, ...) values of the given types.</summary>
    public void Add(string sql, ReadOnlySpan<object?> values, ReadOnlySpan<NpgsqlDbType> types)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (var i = 0; i < values.Length; i++)
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = types[i], Value = values[i] ?? DBNull.Value });
        _batch.BatchCommands.Add(command);
        if (_batch.BatchCommands.Count >= RowsPerRoundTrip) Flush();
    }

    public void AddLicense(LicenseRecord record) => Add(InsertLicense, LicenseRows.Values(record), LicenseTypes);

    private static readonly string InsertRevokedLicense =
        $"INSERT INTO licenses ({string.Join(", ", LicenseRows.InsertColumns)}, revoked_at, revocation_reason) "
        + $"VALUES ({string.Join(", ", LicenseRows.InsertColumns.Select((_, i) => "$" + (i + 1)))}, ${LicenseRows.InsertColumns.Length + 1}, ${LicenseRows.InsertColumns.Length + 2})";
    private static readonly NpgsqlDbType[] RevokedLicenseTypes = [.. LicenseTypes, NpgsqlDbType.Bigint, NpgsqlDbType.Text];

    /// <summary>A licence row as another store holds it, revocation included (a copy).</summary>
    public void AddLicense(LicenseRecord record, bool withRevocation) =>
        Add(InsertRevokedLicense, [.. LicenseRows.Values(record), record.RevokedAt?.ToUnixTimeSeconds(), record.RevocationReason], RevokedLicenseTypes);

    /// <summary>An audit entry as another store holds it, hash and all (a copy: nothing is chained anew).</summary>
    public void AddAuditEntry(AuditEntry e) =>
        Add(InsertAudit, [e.Id, e.At.ToUnixTimeMilliseconds(), e.OsUser, e.CertificateThumbprint, e.Action, e.Target, e.Details, e.Hash], AuditTypes);

    /// <summary>Sends what is queued (before a read that must see it, and at the end).</summary>
    public void Flush()
    {
        if (_batch.BatchCommands.Count == 0) return;
        _batch.ExecuteNonQuery();
        _batch.Dispose();
        _batch = new NpgsqlBatch(_store.Connection);
    }

    /// <summary>Appends one chained audit entry after the newest one (or the anchor, when the newest were deleted).</summary>
    public void Audit(DateTimeOffset at, AuditActor actor, string action, string? target, string? details)
    {
        if (!_chainRead) ReadChainHead();
        var id = _lastId + 1;
        var atMilliseconds = at.ToUnixTimeMilliseconds();
        var hash = AuditChain.ComputeHash(_lastHash, id, atMilliseconds, actor.OsUser, actor.CertificateThumbprint, action, target, details);
        Add(InsertAudit, [id, atMilliseconds, actor.OsUser, actor.CertificateThumbprint, action, target, details, hash], AuditTypes);
        (_lastId, _lastHash) = (id, hash);
        _appended = true;
    }

    private void ReadChainHead()
    {
        using (var last = _store.Command("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
        using (var reader = last.ExecuteReader())
            (_lastId, _lastHash) = reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0L, []);
        // As in SQLite: when the newest entries were deleted, chain on from the anchor, so the gap stays visible.
        if (AuditAnchor.Parse(_store.Scalar(AuditAnchor.SelectSql) as string) is { } anchor && anchor.Id > _lastId)
            (_lastId, _lastHash) = (anchor.Id, anchor.Hash);
        _chainRead = true;
    }

    public void Commit()
    {
        if (_appended)
            Add("INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [AuditAnchor.SettingName, new AuditAnchor(_lastId, _lastHash).ToString()], [NpgsqlDbType.Text, NpgsqlDbType.Text]);
        Flush();
        _transaction.Commit();
    }

    public void Dispose()
    {
        _batch.Dispose();
        _transaction.Dispose();
    }
}
