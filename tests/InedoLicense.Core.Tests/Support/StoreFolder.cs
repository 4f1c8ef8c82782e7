using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests.Support;

/// <summary>
/// A temp folder with a store file path in it, and (when a test asks for the PostgreSQL engine) a fresh database on
/// the test server; stores opened through it are disposed with it, and the database is dropped.
/// </summary>
public sealed class StoreFolder : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<ILicenseStore> _opened = [];
    private (string Name, string ConnectionString)? _database;

    public string StorePath => _folder.Combine("licenses.db");
    public string Path => _folder.Path;

    public LicenseStore Open()
    {
        var store = LicenseStore.Open(StorePath);
        lock (_opened) _opened.Add(store);
        return store;
    }

    /// <summary>Where the engine's store is: the file, or the connection string of this folder's database.</summary>
    public string Location(StoreEngineKind engine)
    {
        if (engine == StoreEngineKind.Sqlite) return StorePath;
        lock (_opened) return (_database ??= TestPostgres.CreateDatabase()).ConnectionString;
    }

    /// <summary>Opens (creating) the engine's store.</summary>
    public ILicenseStore Open(StoreEngineKind engine, StoreOpenMode mode = StoreOpenMode.OpenOrCreate)
    {
        ILicenseStore store = engine == StoreEngineKind.Sqlite ? LicenseStore.Open(StorePath, mode) : PostgresStore.Open(Location(engine), mode);
        lock (_opened) _opened.Add(store);
        return store;
    }

    /// <summary>Runs SQL on the engine's store directly, as someone outside the module would.</summary>
    public object? Execute(StoreEngineKind engine, string sql)
    {
        if (engine == StoreEngineKind.Postgres) return TestPostgres.Execute(Location(engine), sql);
        using var store = LicenseStore.Open(StorePath, StoreOpenMode.Existing);
        return store.Scalar(sql);
    }

    public static AuditActor Actor { get; } = new("tester", "0123456789ABCDEF0123456789ABCDEF01234567");

    /// <summary>A record as the issuer would make it; the key text is a stand-in, the store does not read it.</summary>
    public static LicenseRecord Record(LicensePayload payload) =>
        LicenseRecord.FromPayload(payload, KeyText.Prefix + "stand-in-" + payload.Serial, Actor.CertificateThumbprint!);

    public static IReadOnlyList<(LicenseRecord, string?)> Batch(params LicenseRecord[] records) =>
        [.. records.Select(r => (r, (string?)null))];

    public void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
        if (_database is { } database) TestPostgres.DropDatabase(database.Name);
        _folder.Dispose();
    }
}
