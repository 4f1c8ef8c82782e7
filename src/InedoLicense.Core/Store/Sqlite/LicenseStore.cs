using InedoLicense.Authority;
using InedoLicense.KeyFormat;
using InedoLicense.Verification;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

/// <summary>
/// The SQLite store engine: the connection, its transactions (writes take the write lock up front, BEGIN
/// IMMEDIATE, so several processes can issue at once) and the schema's migrations. The parts of
/// <see cref="ILicenseStore"/> work on this connection, one per responsibility (Sqlite*.cs beside it).
/// </summary>
public sealed class LicenseStore : ILicenseStore, ISqlStore, IStoreTables
{
    public const string PathVariable = "INEDOLICENSE_STORE";
    private readonly SqliteConnection _connection;
    private readonly SqliteLicenseRecords _licenses;
    private readonly SqliteRevocations _revocations;
    private readonly SqliteAuditLog _auditLog;
    private readonly SqliteCatalogueSettings _catalogue;
    private readonly StoreIntegrityCheck _integrity;

    private LicenseStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _licenses = new SqliteLicenseRecords(this);
        _revocations = new SqliteRevocations(this);
        _auditLog = new SqliteAuditLog(this);
        _catalogue = new SqliteCatalogueSettings(this);
        _integrity = new StoreIntegrityCheck(this);
    }

    public ILicenseRecords Licenses => _licenses;
    public IRevocations Revocations => _revocations;
    public IAuditLog AuditLog => _auditLog;
    public ICatalogueSettings Catalogue => _catalogue;
    public IStoreIntegrity Integrity => _integrity;

    /// <summary>Opens the store at <paramref name="path"/> when called, creating it if needed: what a <see cref="Issuance.KeyIssuer"/> commits through.</summary>
    public static Func<ILicenseStore> Opener(string path) => () => Open(path, StoreOpenMode.OpenOrCreate);

    /// <summary>A second connection to the same file (it exists by now, so nothing is created).</summary>
    public ILicenseStore OpenAnother() => Open(Path, StoreOpenMode.Existing);

    public string Path { get; }

    /// <summary>$env:INEDOLICENSE_STORE, else a per-user data folder.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } fromEnvironment
            ? System.IO.Path.GetFullPath(fromEnvironment)
            : System.IO.Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "InedoLicense", "licenses.db");

    /// <summary>The default authority folder: "authority" beside the store.</summary>
    public static string DefaultAuthorityPath(string storePath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(storePath))!, "authority");

    /// <summary>
    /// The SQLite application_id of a licence store ("ILK1"), set when the store is created: how the
    /// module recognises its own stores and refuses any other database (docs/design/security.md).
    /// </summary>
    public const int ApplicationId = 0x494C4B31;

    /// <summary>Opens the store for a command that writes: creates it (owner-only) where there is no file or an empty one.</summary>
    public static LicenseStore Open(string path) => Open(path, StoreOpenMode.OpenOrCreate);

    /// <summary>
    /// Opens a licence store and migrates its schema when needed. <see cref="StoreOpenMode.Existing"/> never
    /// creates a file: a missing one is <see cref="StoreNotFoundException"/>. In either mode a file that is not a
    /// licence store (another application's database, say) is <see cref="NotALicenseStoreException"/>, refused
    /// before anything is written to it; only a missing or empty file becomes a new store, and only when writing.
    /// </summary>
    public static LicenseStore Open(string path, StoreOpenMode mode)
    {
        path = System.IO.Path.GetFullPath(path);
        var (state, reason) = StoreFile.Inspect(path);
        switch (state)
        {
            case StoreFileState.Missing when mode == StoreOpenMode.Existing:
                throw new StoreNotFoundException(path);
            case StoreFileState.Missing:
                OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(path)!);
                OwnerOnlyFiles.EnsureFile(path);
                break;
            case StoreFileState.Empty when mode == StoreOpenMode.Existing:
                throw new NotALicenseStoreException(path, "the file is empty (a store is created only by a command that writes to it)");
            case StoreFileState.Foreign:
                throw new NotALicenseStoreException(path, reason!);
            case StoreFileState.Candidate when !StoreFile.HasStoreTables(path):
                throw new NotALicenseStoreException(path, "it is an SQLite database without the tables of a licence store");
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 60000; PRAGMA foreign_keys = ON;");
            var store = new LicenseStore(path, connection);
            store.Prepare(state);
            // After the store is known to be ours: NORMAL in WAL mode survives a killed process; only power loss can drop the last commits.
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Creates the schema in an empty file, or migrates ours; judged again under the write lock, since another
    // process may have created the store meanwhile. A new store is made in rollback mode, so its header
    // (application_id) is in the file itself before WAL mode is switched on.
    private void Prepare(StoreFileState inspected)
    {
        if (Identity() is { ApplicationId: ApplicationId } current && current.Version == StoreSchema.Migrations.Length) return;
        using var transaction = _connection.BeginTransaction(deferred: false);
        var (applicationId, version, objects) = Identity();
        var isNew = applicationId == 0 && version == 0 && objects == 0;
        var mayCreate = inspected is StoreFileState.Missing or StoreFileState.Empty;
        if (applicationId == 0 && (isNew ? !mayCreate : inspected != StoreFileState.Candidate))
            throw new NotALicenseStoreException(Path, "it is an SQLite database without the tables of a licence store");
        if (applicationId is not (0 or ApplicationId))
            throw new NotALicenseStoreException(Path, $"it is the SQLite database of another application (application_id 0x{applicationId:X8})");
        if (version > StoreSchema.Migrations.Length)
            throw new InvalidOperationException(
                $"The store {Path} has schema version {version}; this module knows up to {StoreSchema.Migrations.Length}. Update the module.");
        if (applicationId != ApplicationId) Execute(_connection, $"PRAGMA application_id = {ApplicationId}");
        for (; version < StoreSchema.Migrations.Length; version++)
            Execute(_connection, StoreSchema.Migrations[version]);
        Execute(_connection, $"PRAGMA user_version = {version}");
        transaction.Commit();
    }

    private (int ApplicationId, int Version, long Objects) Identity() =>
        (Convert.ToInt32(Scalar("PRAGMA application_id")), Convert.ToInt32(Scalar("PRAGMA user_version")),
            Convert.ToInt64(Scalar("SELECT count(*) FROM sqlite_master")));

    public void Dispose() => _connection.Dispose();

    internal SqliteConnection Connection => _connection;

    internal SqliteCommand Command(string sql, params object?[] positional)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < positional.Length; i++)
            command.Parameters.AddWithValue("$p" + i, positional[i] ?? DBNull.Value);
        return command;
    }

    internal object? Scalar(string sql, params object?[] positional)
    {
        using var command = Command(sql, positional);
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Starts a write transaction: the write lock is taken at once (BEGIN IMMEDIATE).</summary>
    internal SqliteTransaction BeginWrite() => _connection.BeginTransaction(deferred: false);

    /// <summary>Starts a read transaction: one snapshot for every statement in it.</summary>
    internal SqliteTransaction BeginRead() => _connection.BeginTransaction(deferred: true);

    /// <summary>The records of the licences table that meet <paramref name="condition"/> (SQL, with its ORDER BY), read through <see cref="LicenseRows"/>.</summary>
    internal IEnumerable<LicenseRecord> QueryWhere(string condition, params (string Name, object? Value)[] parameters)
    {
        using var command = Command($"SELECT {LicenseRows.Columns} FROM licenses WHERE {condition}");
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return LicenseRows.Read(reader);
    }

    // ISqlStore: what the engine-neutral integrity check needs.
    SqlDialect ISqlStore.Dialect => SqlDialect.Sqlite;
    System.Data.Common.DbCommand ISqlStore.Command(string sql, params object?[] positional) => Command(sql, positional);
    object? ISqlStore.Scalar(string sql, params object?[] positional) => Scalar(sql, positional);
    IDisposable ISqlStore.BeginSnapshot() => BeginRead();
    IEnumerable<string> ISqlStore.RuleViolations() => IssuanceRules.Violations(this);

    IReadOnlyList<string> ISqlStore.EngineCheck()
    {
        var lines = new List<string>();
        using var command = Command("PRAGMA integrity_check");
        using var reader = command.ExecuteReader();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return lines;
    }

    // IStoreTables: a copy, row for row.
    StoreContents IStoreTables.Export()
    {
        using var snapshot = BeginRead();
        var licenses = QueryWhere("1 = 1 ORDER BY rowid").ToList();
        var audit = AuditLog.ReadAuditLog().ToList();
        return new StoreContents(licenses, audit, ReadPairs("SELECT name, definition FROM products ORDER BY rowid"),
            ReadPairs("SELECT name, value FROM settings ORDER BY rowid"));
    }

    void IStoreTables.Import(StoreContents contents)
    {
        using var transaction = BeginWrite();
        var held = Convert.ToInt64(Scalar("SELECT (SELECT count(*) FROM licenses) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM products) + (SELECT count(*) FROM settings)"));
        if (held > 0) throw new StoreNotEmptyException(Path, $"{held:N0} rows");
        using (var licenses = new PreparedInsert(_connection, "licenses", [.. LicenseRows.InsertColumns, "revoked_at", "revocation_reason"]))
            foreach (var record in contents.Licenses)
                licenses.Insert([.. LicenseRows.Values(record), record.RevokedAt?.ToUnixTimeSeconds(), record.RevocationReason]);
        using (var audit = new PreparedInsert(_connection, "audit_log", ["id", "at", "os_user", "certificate_thumbprint", "action", "target", "details", "hash"]))
            foreach (var e in contents.AuditLog)
                audit.Insert([e.Id, e.At.ToUnixTimeMilliseconds(), e.OsUser, e.CertificateThumbprint, e.Action, e.Target, e.Details, e.Hash]);
        using (var products = new PreparedInsert(_connection, "products", ["name", "definition"]))
            foreach (var (name, definition) in contents.Products) products.Insert([name, definition]);
        using (var settings = new PreparedInsert(_connection, "settings", ["name", "value"]))
            foreach (var (name, value) in contents.Settings) settings.Insert([name, value]);
        transaction.Commit();
    }

    private List<(string, string)> ReadPairs(string sql)
    {
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        var pairs = new List<(string, string)>();
        while (reader.Read()) pairs.Add((reader.GetString(0), reader.GetString(1)));
        return pairs;
    }
}
