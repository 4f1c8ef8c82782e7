using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Store;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Core.Tests;

/// <summary>
/// Only a command that writes creates a store, and only where no file or an empty one is; the module
/// recognises its own stores by their application_id and refuses any other file before writing to it.
/// </summary>
public sealed class StoreRecognitionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void OpeningAnExistingStoreCreatesNothingWhereThereIsNone()
    {
        var path = _folder.Combine("typo", "licenses.db");

        var error = Assert.Throws<StoreNotFoundException>(() => LicenseStore.Open(path, StoreOpenMode.Existing));

        Assert.Equal(path, error.Path);
        Assert.False(Directory.Exists(_folder.Combine("typo")));
    }

    [Fact]
    public void ANewStoreCarriesTheApplicationIdInItsFileHeader()
    {
        var path = _folder.Combine("licenses.db");
        using (LicenseStore.Open(path, StoreOpenMode.OpenOrCreate)) { }

        var header = File.ReadAllBytes(path).AsSpan(0, 100);
        Assert.Equal(LicenseStore.ApplicationId, BinaryPrimitives.ReadInt32BigEndian(header[68..]));
        Assert.Equal(StoreSchema.Migrations.Length, BinaryPrimitives.ReadInt32BigEndian(header[60..]));
        using var again = LicenseStore.Open(path, StoreOpenMode.Existing);
        Assert.Equal("wal", again.Scalar("PRAGMA journal_mode"));
    }

    public static TheoryData<string, string> ForeignDatabases => new()
    {
        // Another application's database, as the issue found them: user_version 0, rollback journal.
        { "customers", "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES ('Contoso');" },
        { "settings", "CREATE TABLE settings (key TEXT, value TEXT); INSERT INTO settings VALUES ('theme', 'dark');" },
        // One that keeps its own schema version, as many applications do.
        { "versioned", "CREATE TABLE orders (id INTEGER PRIMARY KEY); PRAGMA user_version = 2;" },
        { "other application_id", "CREATE TABLE t (x); PRAGMA application_id = 1234;" },
        // An empty SQLite database: valid, but not empty as a file.
        { "no tables", "PRAGMA user_version = 0; VACUUM;" },
    };

    [Theory]
    [MemberData(nameof(ForeignDatabases))]
    public void AnotherApplicationsDatabaseIsRefusedAndLeftByteForByte(string name, string sql)
    {
        var path = _folder.Combine(name.Replace(' ', '-') + ".db");
        CreateForeign(path, sql);
        var before = Snapshot(path);

        foreach (var mode in Enum.GetValues<StoreOpenMode>())
        {
            var error = Assert.Throws<NotALicenseStoreException>(() => LicenseStore.Open(path, mode));
            Assert.Equal(path, error.Path);
            Assert.Contains("not a licence store", error.Message);
        }

        Assert.Equal(before, Snapshot(path));
        Assert.Equal([Path.GetFileName(path)], Directory.EnumerateFiles(_folder.Path).Select(Path.GetFileName)); // no -wal, -shm or -journal
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsRefusedAndLeftAsItWas()
    {
        var path = _folder.Combine("notes.txt");
        File.WriteAllText(path, "not a database, but longer than an SQLite header: " + new string('x', 200));
        var before = Snapshot(path);

        Assert.Contains("not an SQLite database", Assert.Throws<NotALicenseStoreException>(() => LicenseStore.Open(path, StoreOpenMode.OpenOrCreate)).Message);
        Assert.Equal(before, Snapshot(path));
    }

    [Fact]
    public void AnEmptyFileBecomesAStoreOnlyWhenWriting()
    {
        var path = _folder.Combine("empty.db");
        File.WriteAllBytes(path, []);

        Assert.Contains("empty", Assert.Throws<NotALicenseStoreException>(() => LicenseStore.Open(path, StoreOpenMode.Existing)).Message);
        Assert.Equal(0, new FileInfo(path).Length);

        using (var store = LicenseStore.Open(path, StoreOpenMode.OpenOrCreate))
            Assert.Equal((long)LicenseStore.ApplicationId, store.Scalar("PRAGMA application_id"));
        using (LicenseStore.Open(path, StoreOpenMode.Existing)) { }
    }

    [Fact]
    public void AStoreOfAnEarlierModuleIsRecognisedByItsTablesAndStamped()
    {
        var path = _folder.Combine("legacy.db");
        MakeVersion2Store(path);
        Assert.Equal(0, BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(path).AsSpan(68)));

        using (var store = LicenseStore.Open(path, StoreOpenMode.Existing))
        {
            Assert.Equal((long)LicenseStore.ApplicationId, store.Scalar("PRAGMA application_id"));
            Assert.Equal((long)StoreSchema.Migrations.Length, store.Scalar("PRAGMA user_version"));
            Assert.Single(store.Licenses.Query(new LicenseQuery()));
            var report = store.Integrity.CheckIntegrity(); // the stand-in key text is not a key: only the chain is judged here
            Assert.Equal(("ok", null, 1L), (report.IntegrityCheck, report.FirstBrokenEntryId, report.AuditEntries));
        }
    }

    [Fact]
    public void TwoWritersCreatingOneStoreAtOnceMakeOneStore()
    {
        var path = _folder.Combine("race", "licenses.db");
        using var go = new Barrier(8);
        var stores = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            go.SignalAndWait();
            var store = LicenseStore.Open(path, StoreOpenMode.OpenOrCreate);
            store.Licenses.AddLicenses(StoreFolder.Batch(StoreFolder.Record(SamplePayloads.License(DateTimeOffset.FromUnixTimeSeconds(1_760_000_000)))), StoreFolder.Actor);
            return store;
        })).ToArray();
        Task.WaitAll(stores);
        foreach (var store in stores) store.Result.Dispose();

        using var check = LicenseStore.Open(path, StoreOpenMode.Existing);
        Assert.Equal(8, check.Licenses.Query(new LicenseQuery()).Count());
        var report = check.Integrity.CheckIntegrity();
        Assert.Equal(("ok", null, 8L), (report.IntegrityCheck, report.FirstBrokenEntryId, report.AuditEntries));
    }

    private static void CreateForeign(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // A store as the module wrote it before application_id: schema version 2, no override column.
    private void MakeVersion2Store(string path)
    {
        using (var store = LicenseStore.Open(path, StoreOpenMode.OpenOrCreate))
            store.Licenses.AddLicenses(StoreFolder.Batch(StoreFolder.Record(SamplePayloads.License(DateTimeOffset.FromUnixTimeSeconds(1_760_000_000)))), StoreFolder.Actor);
        CreateForeign(path, "PRAGMA journal_mode = DELETE; PRAGMA application_id = 0;\n" + EarlierSchema.DowngradeSql(2));
    }

    private static string Snapshot(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}

/// <summary>
/// umask is process-wide, so this runs alone (<see cref="ProcessUmaskCollection"/>): with umask 000,
/// Directory.CreateDirectory gives the parents it creates 0777, and another user could swap the store folder.
/// </summary>
[Collection(ProcessUmaskCollection.Name)]
public sealed class StoreFolderModeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void EveryFolderCreatedAboveTheStoreIsOwnerOnlyWhateverTheUmask()
    {
        var path = _folder.Combine("a", "b", "c", "licenses.db");
        var previous = umask(0);
        try
        {
            using (LicenseStore.Open(path, StoreOpenMode.OpenOrCreate)) { }
        }
        finally
        {
            umask(previous);
        }
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        foreach (var folder in new[] { "a", "a/b", "a/b/c" })
            Assert.True(File.GetUnixFileMode(_folder.Combine(folder)) == ownerOnly, $"{folder}: {File.GetUnixFileMode(_folder.Combine(folder))}");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [DllImport("libc", SetLastError = false)]
    private static extern uint umask(uint mask);
}

/// <summary>Tests that change the process's umask run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessUmaskCollection
{
    public const string Name = "Process umask";
}
