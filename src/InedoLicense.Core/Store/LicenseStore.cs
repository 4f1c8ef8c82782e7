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

    /// <summary>Records keys and one audit entry each, in one transaction: all or none. A key an <see cref="IssuanceRule"/> refuses throws.</summary>
    public void AddLicenses(IReadOnlyList<(LicenseRecord Record, string? AuditNote)> issued, AuditActor actor) =>
        AddLicenses(issued.Select(i => new KeyToRecord(i.Record, i.AuditNote)).ToList(), actor, allOrNone: true);

    /// <summary>
    /// Records keys and one audit entry each, in one transaction, holding the <see cref="IssuanceRule"/>s inside
    /// it: a key a rule refuses is left out (and returned with the key that holds the rule), unless the
    /// request may override that rule; it is then recorded with <see cref="LicenseRecord.PolicyOverride"/> and
    /// "forced=" in its audit entry. Any other failure rolls the whole batch back.
    /// </summary>
    public RecordedKeys AddLicenses(IReadOnlyList<KeyToRecord> keys, AuditActor actor) => AddLicenses(keys, actor, allOrNone: false);

    private RecordedKeys AddLicenses(IReadOnlyList<KeyToRecord> keys, AuditActor actor, bool allOrNone)
    {
        if (keys.Count == 0) return new RecordedKeys([], []);
        var recorded = new List<LicenseRecord>(keys.Count);
        var refused = new List<RuleConflict>();
        using var transaction = _connection.BeginTransaction(deferred: false);
        using (var licenses = new PreparedInsert(_connection, "licenses", InsertColumns))
        using (var audit = new AuditWriter(this))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var key in keys)
            {
                var record = key.Record with { PolicyOverride = null };
                var note = key.AuditNote;
                if (!licenses.TryInsert(LicenseValues(record), out var raisedBy))
                {
                    var rule = IssuanceRules.FromRaise(raisedBy!)
                               ?? throw new InvalidOperationException($"The store refused licence {record.Serial}: {raisedBy}");
                    var holder = IssuanceRules.Holder(this, rule, record)
                                 ?? throw new InvalidOperationException($"The store refused licence {record.Serial} under {rule}, but no key holds the rule.");
                    if (key.MayOverride != rule)
                    {
                        if (allOrNone)
                            throw new InvalidOperationException($"Licence {record.Serial} breaks {rule}: {holder.Serial} already holds it. Nothing was recorded.");
                        refused.Add(new RuleConflict(key.Record, rule, holder));
                        continue;
                    }
                    record = record with { PolicyOverride = rule.ToString() };
                    licenses.Insert(LicenseValues(record));
                    note = (note is null ? "" : note + "; ") + "existing=" + holder.Serial;
                }
                audit.Append(now, actor, AuditActions.IssueKey, record.Serial, DescribeForAudit(record, note));
                recorded.Add(record);
            }
        }
        transaction.Commit();
        return new RecordedKeys(recorded, refused);
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
        var parts = new List<string> { RecordedFields(record) };
        void Add(string name, string? value) { if (value is not null) parts.Add($"{name}={value}"); }
        Add("note", note);
        // Last, so that a note cannot pose as it: binds the row's key text to the chained log (Test-LicenseStore).
        Add(KeyDigestField, KeyDigest(record.Key));
        return string.Join("; ", parts);
    }

    /// <summary>
    /// The start of an IssueKey entry's details: every field of the row that the rules read, the signed ones and
    /// those only the store holds (StopgapFor, the override). Test-LicenseStore rebuilds it from the row and compares.
    /// </summary>
    private static string RecordedFields(LicenseRecord record)
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
        Add("forced", record.PolicyOverride);
        return string.Join("; ", parts);
    }

    /// <summary>True when an IssueKey entry's details start with the fields the row gives, followed by nothing, the note or the key digest.</summary>
    private static bool RecordedAsIssued(LicenseRecord row, string details)
    {
        var fields = RecordedFields(row);
        if (!details.StartsWith(fields, StringComparison.Ordinal)) return false;
        var rest = details.AsSpan(fields.Length);
        return rest.IsEmpty || rest.StartsWith("; note=") || rest.StartsWith("; " + KeyDigestField + "=");
    }
}
