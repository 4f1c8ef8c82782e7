using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

/// <summary>
/// Appends chained audit entries inside the caller's write transaction, and moves the anchor
/// (<see cref="AuditAnchor"/>) with them, in the same transaction.
/// </summary>
internal sealed class AuditWriter : IDisposable
{
    private readonly PreparedInsert _insert;
    private readonly SqliteCommand _moveAnchor;
    private long _lastId;
    private byte[] _lastHash;
    private bool _appended;

    public AuditWriter(LicenseStore store)
    {
        using (var last = store.Command("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
        using (var reader = last.ExecuteReader())
        {
            (_lastId, _lastHash) = reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0L, []);
        }
        // When the newest entries were deleted, chain on from the anchor: the gap then stays visible
        // instead of being papered over by the next entry taking the deleted one's place.
        if (AuditAnchor.Parse(store.Scalar(AuditAnchor.SelectSql) as string) is { } anchor && anchor.Id > _lastId)
            (_lastId, _lastHash) = (anchor.Id, anchor.Hash);

        _insert = new PreparedInsert(store.Connection, "audit_log", ["id", "at", "os_user", "certificate_thumbprint", "action", "target", "details", "hash"]);
        _moveAnchor = store.Command(AuditAnchor.UpsertSql);
        _moveAnchor.Parameters.Add(new SqliteParameter { ParameterName = "$value" });
    }

    public void Append(DateTimeOffset at, AuditActor actor, string action, string? target, string? details)
    {
        var id = _lastId + 1;
        var atMilliseconds = at.ToUnixTimeMilliseconds();
        var hash = AuditChain.ComputeHash(_lastHash, id, atMilliseconds, actor.OsUser, actor.CertificateThumbprint, action, target, details);
        _insert.Insert([id, atMilliseconds, actor.OsUser, actor.CertificateThumbprint, action, target, details, hash]);
        (_lastId, _lastHash) = (id, hash);
        _appended = true;
    }

    /// <summary>Moves the anchor to the last entry appended: once per transaction, not per
    /// entry (bulk issuance appends hundreds). Every caller disposes the writer before it commits.</summary>
    public void Dispose()
    {
        if (_appended)
        {
            _moveAnchor.Parameters[0].Value = new AuditAnchor(_lastId, _lastHash).ToString();
            _moveAnchor.ExecuteNonQuery();
        }
        _insert.Dispose();
        _moveAnchor.Dispose();
    }
}
