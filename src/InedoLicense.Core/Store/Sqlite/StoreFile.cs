using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

/// <summary>
/// Recognises licence stores without changing the file. A store carries <see cref="LicenseStore.ApplicationId"/>
/// in its header (PRAGMA application_id); stores created before it existed are recognised by their tables,
/// read through a read-only connection. Everything else is refused before SQLite opens it for writing,
/// so its journal mode and bytes stay as they were.
/// </summary>
internal static class StoreFile
{
    private const int HeaderLength = 100;
    private const int UserVersionOffset = 60;
    private const int ApplicationIdOffset = 68;
    private static ReadOnlySpan<byte> Magic => "SQLite format 3\0"u8;

    /// <summary>The schema versions of stores written before the application_id was set.</summary>
    private const int LastVersionWithoutApplicationId = 2;

    public static (StoreFileState State, string? Reason) Inspect(string path)
    {
        if (!File.Exists(path))
            return Directory.Exists(path) ? (StoreFileState.Foreign, "it is a folder") : (StoreFileState.Missing, null);
        Span<byte> header = stackalloc byte[HeaderLength];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.Length == 0) return (StoreFileState.Empty, null);
            read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }
        if (read < HeaderLength || !header[..Magic.Length].SequenceEqual(Magic))
            return (StoreFileState.Foreign, "it is not an SQLite database");
        var applicationId = BinaryPrimitives.ReadInt32BigEndian(header[ApplicationIdOffset..]);
        var userVersion = BinaryPrimitives.ReadInt32BigEndian(header[UserVersionOffset..]);
        if (applicationId == LicenseStore.ApplicationId) return (StoreFileState.Ours, null);
        if (applicationId != 0)
            return (StoreFileState.Foreign, $"it is the SQLite database of another application (application_id 0x{applicationId:X8})");
        if (userVersion is >= 1 and <= LastVersionWithoutApplicationId || HasWriteAheadLog(path)) return (StoreFileState.Candidate, null);
        return (StoreFileState.Foreign, "it is an SQLite database without the tables of a licence store");
    }

    /// <summary>
    /// For a <see cref="StoreFileState.Candidate"/>: true when a read-only look finds the tables of a licence
    /// store and a schema version of one. A read-only connection neither writes nor checkpoints the file.
    /// </summary>
    public static bool HasStoreTables(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 60000";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('licenses', 'audit_log', 'settings')), (SELECT user_version FROM pragma_user_version)";
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt64(0) == 3 && reader.GetInt64(1) is >= 1 and <= LastVersionWithoutApplicationId;
    }

    private static bool HasWriteAheadLog(string path) => new FileInfo(path + "-wal") is { Exists: true, Length: > 0 };
}
