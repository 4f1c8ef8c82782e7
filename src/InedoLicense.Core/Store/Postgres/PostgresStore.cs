using System.Data;
using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace InedoLicense.Store;

/// <summary>
/// The shared PostgreSQL store engine: one connection, its transactions and the schema's migrations. Every write
/// transaction first takes a transaction-level advisory lock (<see cref="WriteLockKey"/>), so writers from any
/// process on any machine commit one at a time, as SQLite's BEGIN IMMEDIATE makes them: the
/// <see cref="IssuanceRule"/>s checked inside it and the audit chain's appends hold across the team. The parts of
/// <see cref="ILicenseStore"/> work on this connection (Postgres*.cs beside it).
/// </summary>
public sealed class PostgresStore : ILicenseStore, ISqlStore, IStoreTables
{
    /// <summary>The advisory lock every write transaction holds ("ILK1"): one writer at a time, for the rules and the audit chain.</summary>
    internal const long WriteLockKey = LicenseStore.ApplicationId;
    /// <summary>The advisory lock migrations hold, so two first uses at once do not both create the schema.</summary>
    internal const long MigrationLockKey = LicenseStore.ApplicationId + 1L;

    private readonly NpgsqlConnection _connection;
    private readonly PostgresLocation _location;
    private readonly PostgresLicenseRecords _licenses;
    private readonly PostgresRevocations _revocations;
    private readonly PostgresAuditLog _auditLog;
    private readonly PostgresCatalogueSettings _catalogue;
    private readonly StoreIntegrityCheck _integrity;

    private PostgresStore(PostgresLocation location, NpgsqlConnection connection)
    {
        _location = location;
        _connection = connection;
        _licenses = new PostgresLicenseRecords(this);
        _revocations = new PostgresRevocations(this);
        _auditLog = new PostgresAuditLog(this);
        _catalogue = new PostgresCatalogueSettings(this);
        _integrity = new StoreIntegrityCheck(this);
    }

    /// <summary>The location without its password.</summary>
    public string Path => _location.Display;
    public ILicenseRecords Licenses => _licenses;
    public IRevocations Revocations => _revocations;
    public IAuditLog AuditLog => _auditLog;
    public ICatalogueSettings Catalogue => _catalogue;
    public IStoreIntegrity Integrity => _integrity;

    public ILicenseStore OpenAnother() => Open(_location, StoreOpenMode.Existing);

    /// <summary>Opens the store a location names (a URI or a connection string), creating its schema when writing.</summary>
    public static PostgresStore Open(string location, StoreOpenMode mode, NetworkCredential? credential = null) =>
        Open(PostgresLocation.Parse(location, credential), mode);

    /// <summary>
    /// Opens the store and migrates its schema when needed. <see cref="StoreOpenMode.Existing"/> creates nothing: a
    /// database (schema) without the store's tables is <see cref="StoreNotFoundException"/>. A schema that holds other
    /// tables but not the store's is <see cref="NotALicenseStoreException"/>; one newer than this module, or a user
    /// without the rights to create the tables, is an <see cref="InvalidOperationException"/> that says so.
    /// </summary>
    public static PostgresStore Open(PostgresLocation location, StoreOpenMode mode)
    {
        var builder = new NpgsqlConnectionStringBuilder { ConnectionString = location.Builder.ConnectionString };
        // Short-lived connections: a pooled one would outlive a server restart and fail the next command.
        if (!location.Builder.ConnectionString.Contains("Pooling", StringComparison.OrdinalIgnoreCase)) builder.Pooling = false;
        // The same few statements run for every key: prepared once per connection, they are not parsed again.
        if (!location.Builder.ConnectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 16;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            var store = new PostgresStore(location, connection);
            store.Execute("SET lock_timeout = '60s'");
            store.Prepare(mode);
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Prepare(StoreOpenMode mode)
    {
        if (ReadVersion() is { } current && current == PostgresSchema.Migrations.Length) return;
        try
        {
            using var transaction = _connection.BeginTransaction();
            Execute($"SELECT pg_advisory_xact_lock({MigrationLockKey})");
            var version = ReadVersion();
            if (version is null)
            {
                var tables = Convert.ToInt64(Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"));
                var schema = Scalar("SELECT current_schema()") as string ?? "(none)";
                if (tables > 0)
                    throw new NotALicenseStoreException(Path,
                        $"its schema '{schema}' holds {tables} tables but not those of a licence store (use an empty schema: add Search Path=<schema> to the connection string)");
                if (mode == StoreOpenMode.Existing) throw new StoreNotFoundException(Path);
                version = 0;
            }
            if (version > PostgresSchema.Migrations.Length)
                throw new InvalidOperationException(
                    $"The store {Path} has schema version {version}; this module knows up to {PostgresSchema.Migrations.Length}. Update the module.");
            for (var v = version.Value; v < PostgresSchema.Migrations.Length; v++) Execute(PostgresSchema.Migrations[v]);
            Execute($"UPDATE {PostgresSchema.VersionTable} SET version = {PostgresSchema.Migrations.Length}");
            transaction.Commit();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"The database user {_location.Builder.Username ?? Environment.UserName} may not create or migrate the store's tables in {Path} ({e.MessageText}). "
                + "The first use (and each module update that changes the schema) needs a user with CREATE on the schema; "
                + "afterwards SELECT, INSERT and UPDATE on the store's tables are enough.", e);
        }
    }

    private int? ReadVersion()
    {
        // pg_tables through the statement's snapshot (to_regclass reads a catalog cache that another process's
        // commit of the schema may not have reached yet, within a transaction that only waited on an advisory lock).
        if (Scalar($"SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = '{PostgresSchema.VersionTable}')") is not true)
            return null;
        using var command = Command($"SELECT application_id, version FROM {PostgresSchema.VersionTable}");
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        if (reader.GetInt32(0) != LicenseStore.ApplicationId)
            throw new NotALicenseStoreException(Path, $"its {PostgresSchema.VersionTable} table belongs to another application");
        return reader.GetInt32(1);
    }

    public void Dispose() => _connection.Dispose();

    internal NpgsqlConnection Connection => _connection;

    /// <summary>A command; positional values bind to @p0, @p1, ... (nulls as text).</summary>
    internal NpgsqlCommand Command(string sql, params object?[] positional)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < positional.Length; i++) command.Parameters.Add(Parameter("p" + i, positional[i]));
        return command;
    }

    internal static NpgsqlParameter Parameter(string name, object? value) => value switch
    {
        null or DBNull => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value },
        _ => new NpgsqlParameter(name, value),
    };

    internal object? Scalar(string sql, params object?[] positional)
    {
        using var command = Command(sql, positional);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    internal void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Starts a write transaction and waits for the store's write lock: one writer at a time, on every machine.</summary>
    internal NpgsqlTransaction BeginWrite()
    {
        // A connection the server dropped (a restart) failed the write that was on it; the next write reconnects.
        if (_connection.State != ConnectionState.Open)
        {
            _connection.Close();
            _connection.Open();
            Execute("SET lock_timeout = '60s'");
        }
        var transaction = _connection.BeginTransaction(IsolationLevel.ReadCommitted);
        try
        {
            Execute($"SELECT pg_advisory_xact_lock({WriteLockKey})");
            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    /// <summary>A read transaction: one snapshot for every statement in it.</summary>
    internal NpgsqlTransaction BeginRead() => _connection.BeginTransaction(IsolationLevel.RepeatableRead);

    /// <summary>The records of the licences table that meet <paramref name="condition"/> (SQL with @names, and its ORDER BY).</summary>
    internal IEnumerable<LicenseRecord> QueryWhere(string condition, params (string Name, object? Value)[] parameters)
    {
        using var command = Command($"SELECT {LicenseRows.Columns} FROM licenses WHERE {condition}");
        foreach (var (name, value) in parameters) command.Parameters.Add(Parameter(name, value));
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return LicenseRows.Read(reader);
    }

    // ISqlStore: what the engine-neutral integrity check needs.
    SqlDialect ISqlStore.Dialect => SqlDialect.Postgres;
    System.Data.Common.DbCommand ISqlStore.Command(string sql, params object?[] positional) => Command(sql, positional);
    object? ISqlStore.Scalar(string sql, params object?[] positional) => Scalar(sql, positional);
    IDisposable ISqlStore.BeginSnapshot() => BeginRead();
    IEnumerable<string> ISqlStore.RuleViolations() => PostgresRules.Violations(this);

    IReadOnlyList<string> ISqlStore.EngineCheck()
    {
        // PostgreSQL keeps its own pages; what can drift is the schema: the version and the constraints the rules rely on.
        var problems = new List<string>();
        if (ReadVersion() is not { } version || version != PostgresSchema.Migrations.Length)
            problems.Add($"the schema version is not {PostgresSchema.Migrations.Length}");
        var indexes = Convert.ToInt64(Scalar(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('licenses_pkey', 'audit_log_pkey', 'settings_pkey', 'ux_products_name')"));
        if (indexes != 4) problems.Add("a primary key or the products' unique index is missing");
        return problems.Count == 0 ? ["ok"] : problems;
    }

    // IStoreTables: a copy, row for row.
    StoreContents IStoreTables.Export()
    {
        using var snapshot = BeginRead();
        var licenses = QueryWhere("true ORDER BY seq").ToList();
        var audit = AuditLog.ReadAuditLog().ToList();
        return new StoreContents(licenses, audit, ReadPairs("SELECT name, definition FROM products ORDER BY lower(name), name"),
            ReadPairs("SELECT name, value FROM settings ORDER BY name"));
    }

    void IStoreTables.Import(StoreContents contents)
    {
        using var write = new PostgresWrite(this);
        var held = Convert.ToInt64(Scalar("SELECT (SELECT count(*) FROM licenses) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM products) + (SELECT count(*) FROM settings)"));
        if (held > 0) throw new StoreNotEmptyException(Path, $"{held:N0} rows");
        foreach (var record in contents.Licenses) write.AddLicense(record, withRevocation: true);
        foreach (var e in contents.AuditLog) write.AddAuditEntry(e);
        foreach (var (name, definition) in contents.Products)
            write.Add("INSERT INTO products (name, definition) VALUES ($1, $2)", [name, definition], [NpgsqlDbType.Text, NpgsqlDbType.Text]);
        foreach (var (name, value) in contents.Settings)
            write.Add("INSERT INTO settings (name, value) VALUES ($1, $2)", [name, value], [NpgsqlDbType.Text, NpgsqlDbType.Text]);
        write.Commit();
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
