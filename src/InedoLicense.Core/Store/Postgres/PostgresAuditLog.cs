namespace InedoLicense.Store;

/// <summary>The hash-chained audit log of the PostgreSQL store (appends go through <see cref="PostgresWrite"/>, one writer at a time).</summary>
internal sealed class PostgresAuditLog(PostgresStore store) : IAuditLog
{
    public void Audit(AuditActor actor, string action, string? target, string? details)
    {
        using var write = new PostgresWrite(store);
        write.Audit(DateTimeOffset.UtcNow, actor, action, target, details);
        write.Commit();
    }

    public IEnumerable<AuditEntry> ReadAuditLog(string? target = null)
    {
        using var command = store.Command(
            "SELECT id, at, os_user, certificate_thumbprint, action, target, details, hash FROM audit_log"
            + (target is null ? "" : " WHERE target = @p0") + " ORDER BY id", target is null ? [] : [target]);
        using var reader = command.ExecuteReader();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (reader.Read())
            yield return new AuditEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2), Text(3), reader.GetString(4), Text(5), Text(6), (byte[])reader[7]);
    }

    public IReadOnlyList<string> AuthorityPaths()
    {
        using var command = store.Command("SELECT target FROM audit_log WHERE action = @p0 AND target IS NOT NULL ORDER BY id", AuditActions.CreateAuthority);
        using var reader = command.ExecuteReader();
        var paths = new List<string>();
        while (reader.Read()) paths.Add(reader.GetString(0));
        return paths.Distinct(StringComparer.Ordinal).ToList();
    }
}
