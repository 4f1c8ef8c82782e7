using InedoLicense.Verification;

namespace InedoLicense.Store;

/// <summary>Revocations in the PostgreSQL store: a revoked key keeps its row, with when and why; every admin sees it at once.</summary>
internal sealed class PostgresRevocations(PostgresStore store) : IRevocations
{
    public RevokeOutcome Revoke(string serial, string? reason, AuditActor actor, DateTimeOffset at)
    {
        using var write = new PostgresWrite(store);
        int changed;
        using (var update = store.Command("UPDATE licenses SET revoked_at = @p0, revocation_reason = @p1 WHERE serial = @p2 AND revoked_at IS NULL",
                   at.ToUnixTimeSeconds(), reason, serial))
            changed = update.ExecuteNonQuery();
        if (changed == 0)
            return store.Licenses.Find(serial) is null ? RevokeOutcome.NotFound : RevokeOutcome.AlreadyRevoked;
        write.Audit(DateTimeOffset.UtcNow, actor, AuditActions.RevokeKey, serial, reason is null ? null : "reason=" + reason);
        write.Commit();
        return RevokeOutcome.Revoked;
    }

    public RevocationSet LoadRevocations() => SqlReads.LoadRevocations(store);
}
