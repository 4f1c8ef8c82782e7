namespace InedoLicense.Store;

/// <summary>What Test-LicenseStore found: SQLite's own check, the audit chain, and the licences against the log.</summary>
public sealed record StoreIntegrityReport
{
    public required string Path { get; init; }
    /// <summary>"ok", or what PRAGMA integrity_check reported.</summary>
    public required string IntegrityCheck { get; init; }
    public required long AuditEntries { get; init; }
    public required long Licenses { get; init; }
    /// <summary>The lowest audit entry id that is missing or does not match its hash; null when the chain holds.</summary>
    public long? FirstBrokenEntryId { get; init; }
    /// <summary>"id:HASH" of the newest audit entry. Note it somewhere else and pass it to -Checkpoint later (docs/design/security.md).</summary>
    public string? Checkpoint { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
    public bool IsValid => IntegrityCheck == "ok" && Problems.Count == 0;
}
