using InedoLicense.Verification;

namespace InedoLicense.Store;

/// <summary>Revocations in the SQLite store: a revoked key keeps its row, with when and why.</summary>
internal sealed class SqliteRevocations(LicenseStore store) : IRevocations
{
    public RevokeOutcome Revoke(string serial, string? reason, AuditActor actor, DateTimeOffset at)
    {
        using var transaction = store.BeginWrite();
        using var update = store.Command("UPDATE licenses SET revoked_at = $at, revocation_reason = $reason WHERE serial = $serial AND revoked_at IS NULL");
        update.Parameters.AddWithValue("$at", at.ToUnixTimeSeconds());
        update.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        update.Parameters.AddWithValue("$serial", serial);
        if (update.ExecuteNonQuery() == 0)
            return store.Licenses.Find(serial) is null ? RevokeOutcome.NotFound : RevokeOutcome.AlreadyRevoked;
        using (var audit = new AuditWriter(store))
            audit.Append(DateTimeOffset.UtcNow, actor, AuditActions.RevokeKey, serial, reason is null ? null : "reason=" + reason);
        transaction.Commit();
        return RevokeOutcome.Revoked;
    }

    /// <summary>Every revoked serial, loaded once so that bulk verification needs no query per key.</summary>
    public RevocationSet LoadRevocations() => SqlReads.LoadRevocations(store);
}
