using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

/// <summary>Appends chained audit entries inside the caller's write transaction.</summary>
internal sealed class AuditWriter : IDisposable
{
    private readonly SqliteCommand _insert;
    private long _lastId;
    private byte[] _lastHash;

    public AuditWriter(LicenseStore store)
    {
        using (var last = store.Command("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
        using (var reader = last.ExecuteReader())
        {
            (_lastId, _lastHash) = reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0L, []);
        }
        _insert = store.Command("INSERT INTO audit_log (id, at, os_user, certificate_thumbprint, action, target, details, hash) "
            + "VALUES ($id, $at, $user, $certificate, $action, $target, $details, $hash)");
        foreach (var name in (string[])["$id", "$at", "$user", "$certificate", "$action", "$target", "$details", "$hash"])
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name }); // typed by value
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
        (_lastId, _lastHash) = (id, hash);
    }

    public void Dispose() => _insert.Dispose();
}
