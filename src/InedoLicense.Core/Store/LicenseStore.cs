using InedoLicense.Authority;
using InedoLicense.KeyFormat;
using InedoLicense.Verification;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

public enum RevokeOutcome { Revoked, NotFound, AlreadyRevoked }

/// <summary>
/// The SQLite store: every issued key, revocations, settings and the hash-chained audit log.
/// Writes take the write lock up front (BEGIN IMMEDIATE) so several processes can issue at once.
/// </summary>
public sealed partial class LicenseStore : IDisposable
{
    public const string PathVariable = "INEDOLICENSE_STORE";
    private readonly SqliteConnection _connection;

    private LicenseStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

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

    /// <summary>Opens the store, creating it owner-only and migrating its schema when needed.</summary>
    public static LicenseStore Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(path)!);
        OwnerOnlyFiles.EnsureFile(path);
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
            // NORMAL in WAL mode survives a killed process; only power loss can drop the last commits.
            Execute(connection, "PRAGMA busy_timeout = 60000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            var store = new LicenseStore(path, connection);
            store.Migrate();
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Migrate()
    {
        var version = Convert.ToInt32(Scalar("PRAGMA user_version"));
        if (version == StoreSchema.Migrations.Length) return;
        using var transaction = _connection.BeginTransaction(deferred: false);
        version = Convert.ToInt32(Scalar("PRAGMA user_version"));
        if (version > StoreSchema.Migrations.Length)
            throw new InvalidOperationException(
                $"The store {Path} has schema version {version}; this module knows up to {StoreSchema.Migrations.Length}. Update the module.");
        for (; version < StoreSchema.Migrations.Length; version++)
            Execute(_connection, StoreSchema.Migrations[version]);
        Execute(_connection, $"PRAGMA user_version = {version}");
        transaction.Commit();
    }

    /// <summary>Records keys and one audit entry each, in one transaction: all or none.</summary>
    public void AddLicenses(IReadOnlyList<(LicenseRecord Record, string? AuditNote)> issued, AuditActor actor)
    {
        if (issued.Count == 0) return;
        using var transaction = _connection.BeginTransaction(deferred: false);
        using (var licenses = new PreparedInsert(_connection, "licenses", InsertColumns))
        using (var audit = new AuditWriter(this))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (record, note) in issued)
            {
                licenses.Insert(LicenseValues(record));
                audit.Append(now, actor, AuditActions.IssueKey, record.Serial, DescribeForAudit(record, note));
            }
        }
        transaction.Commit();
    }

    public void Audit(AuditActor actor, string action, string? target, string? details)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using (var audit = new AuditWriter(this))
            audit.Append(DateTimeOffset.UtcNow, actor, action, target, details);
        transaction.Commit();
    }

    public LicenseRecord? Find(string serial) =>
        Query(new LicenseQuery { Serials = [serial] }).FirstOrDefault();

    public RevokeOutcome Revoke(string serial, string? reason, AuditActor actor, DateTimeOffset at)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using var update = Command("UPDATE licenses SET revoked_at = $at, revocation_reason = $reason WHERE serial = $serial AND revoked_at IS NULL");
        update.Parameters.AddWithValue("$at", at.ToUnixTimeSeconds());
        update.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        update.Parameters.AddWithValue("$serial", serial);
        if (update.ExecuteNonQuery() == 0)
            return Find(serial) is null ? RevokeOutcome.NotFound : RevokeOutcome.AlreadyRevoked;
        using (var audit = new AuditWriter(this))
            audit.Append(DateTimeOffset.UtcNow, actor, AuditActions.RevokeKey, serial, reason is null ? null : "reason=" + reason);
        transaction.Commit();
        return RevokeOutcome.Revoked;
    }

    /// <summary>Every revoked serial, loaded once so that bulk verification needs no query per key.</summary>
    public RevocationSet LoadRevocations()
    {
        var entries = new Dictionary<string, (DateTimeOffset, string?)>(StringComparer.Ordinal);
        using var command = Command("SELECT serial, revoked_at, revocation_reason FROM licenses WHERE revoked_at IS NOT NULL");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            entries[reader.GetString(0)] = (DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1)), reader.IsDBNull(2) ? null : reader.GetString(2));
        return new RevocationSet(entries);
    }

    public string? GetSetting(string name) => Scalar("SELECT value FROM settings WHERE name = $p0", name) as string;

    public void SetSetting(string name, string value, AuditActor actor)
    {
        if (name.StartsWith(AuditAnchor.ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Settings named '{AuditAnchor.ReservedPrefix}*' are kept by the store itself.", nameof(name));
        using var transaction = _connection.BeginTransaction(deferred: false);
        using (var upsert = Command("INSERT INTO settings(name, value) VALUES ($name, $value) ON CONFLICT(name) DO UPDATE SET value = excluded.value"))
        {
            upsert.Parameters.AddWithValue("$name", name);
            upsert.Parameters.AddWithValue("$value", value);
            upsert.ExecuteNonQuery();
        }
        using (var audit = new AuditWriter(this))
            audit.Append(DateTimeOffset.UtcNow, actor, AuditActions.ChangeSetting, name, value);
        transaction.Commit();
    }

    public IEnumerable<AuditEntry> ReadAuditLog(string? target = null)
    {
        using var command = Command(
            "SELECT id, at, os_user, certificate_thumbprint, action, target, details, hash FROM audit_log"
            + (target is null ? "" : " WHERE target = $p0") + " ORDER BY id", target);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new AuditEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2), NullableString(reader, 3), reader.GetString(4), NullableString(reader, 5),
                NullableString(reader, 6), (byte[])reader[7]);
    }

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

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The field of an IssueKey entry's details that holds the SHA-256 of the key text.</summary>
    internal const string KeyDigestField = "keySha256";

    internal static string KeyDigest(string keyText) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(keyText)));

    private static string DescribeForAudit(LicenseRecord record, string? note)
    {
        var parts = new List<string> { "kind=" + record.Kind };
        void Add(string name, string? value) { if (value is not null) parts.Add($"{name}={value}"); }
        Add("product", record.Product);
        Add("edition", record.Edition);
        Add("customer", record.Customer);
        Add("organization", record.OrganizationId);
        Add("mac", record.MacId);
        Add("audience", record.Audience);
        Add("expires", record.ExpiresAt?.ToString("O"));
        Add("renewalOf", record.RenewalOf);
        Add("stopgapFor", record.StopgapFor);
        Add("note", note);
        // Last, so that a note cannot pose as it: binds the row's key text to the chained log (Test-LicenseStore).
        Add(KeyDigestField, KeyDigest(record.Key));
        return string.Join("; ", parts);
    }
}
