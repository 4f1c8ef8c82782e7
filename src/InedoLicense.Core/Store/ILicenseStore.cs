namespace InedoLicense.Store;

/// <summary>
/// The licence store as the cmdlets and Core's rules see it, one part per responsibility. A store engine
/// implements it (SQLite today: <see cref="LicenseStore"/>; a shared PostgreSQL store next); nothing above
/// this seam names SQL or a provider type. Opening, transactions and migrations are the engine's own.
/// </summary>
public interface ILicenseStore : IDisposable
{
    /// <summary>Where the store is (for SQLite, the database file), as messages name it.</summary>
    string Path { get; }

    /// <summary>Issued keys and their terms: recording, queries, renewals and stopgaps.</summary>
    ILicenseRecords Licenses { get; }

    /// <summary>Revoking keys, and the revoked serials for verification.</summary>
    IRevocations Revocations { get; }

    /// <summary>The hash-chained audit log.</summary>
    IAuditLog AuditLog { get; }

    /// <summary>The product catalogue and the named settings (TTL policy, ...).</summary>
    ICatalogueSettings Catalogue { get; }

    /// <summary>Checks for corruption and tampering (Test-LicenseStore).</summary>
    IStoreIntegrity Integrity { get; }

    /// <summary>A second connection to the same store: the batch writer commits on it while the caller's reads go on.</summary>
    ILicenseStore OpenAnother();
}
