namespace InedoLicense.Store;

/// <summary>The hash-chained audit log (a part of <see cref="ILicenseStore"/>).</summary>
public interface IAuditLog
{
    /// <summary>Appends one entry, in a transaction of its own.</summary>
    void Audit(AuditActor actor, string action, string? target, string? details);

    /// <summary>The entries, oldest first; only those about <paramref name="target"/> when given.</summary>
    IEnumerable<AuditEntry> ReadAuditLog(string? target = null);

    /// <summary>The folders of the licence authorities created for this store (their CreateAuthority entries), oldest first.</summary>
    IReadOnlyList<string> AuthorityPaths();
}
