using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

/// <summary>
/// Appends chained audit entries inside the caller's write transaction, and moves the anchor
/// (<see cref="AuditAnchor"/>) with them, in the same transaction.
/// </summary>
internal sealed class AuditWriter : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _moveAnchor;
    private long _lastId;
    private byte[] _lastHash;

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

        _insert = store.Command("INSERT INTO audit_log (id, at, os_user, certificate_thumbprint, action, target, details, hash) "
            + "VALUES ($id, $at, $user, $certificate, $action, $target, $details, $hash)");
        foreach (var name in (string[])["$id", "$at", "$user", "$certificate", "$action", "$target", "$details", "$hash"])
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name }); // typed by value
        _moveAnchor = store.Command(AuditAnchor.UpsertSql);
        _moveAnchor.Parameters.Add(new SqliteParameter { ParameterName = "$value" });
    }

    public void Append(DateTimeOffset at, AuditActor actor, string action, string? target, string? details)
    {
        var id = _lastId + 1;
        var atMilliseconds = at.ToUnixTimeMilliseconds();
        var hash = AuditChain.ComputeHash(_lastHash, id, atMilliseconds, actor.OsUser, actor.CertificateThumbprint, action, target, details);
        var p = _insert.Parameters;
        p[0].Value = id;
        p[1].Value = atMilliseconds;
        p[2].Value = actor.OsUser;
        p[3].Value = (object?)actor.CertificateThumbprint ?? DBNull.Value;
        p[4].Value = action;
        p[5].Value = (object?)target ?? DBNull.Value;
        p[6].Value = (object?)details ?? DBNull.Value;
        p[7].Value = hash;
        _insert.ExecuteNonQuery();
        _moveAnchor.Parameters[0].Value = new AuditAnchor(id, hash).ToString();
        _moveAnchor.ExecuteNonQuery();
        (_lastId, _lastHash) = (id, hash);
    }

    public void Dispose()
    {
        _insert.Dispose();
        _moveAnchor.Dispose();
    }
}
