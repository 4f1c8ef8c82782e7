using InedoLicense.Store;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Core.Tests.Support;

/// <summary>
/// What a store of an earlier schema lacks, worked out from <see cref="StoreSchema.Migrations"/> (so a new
/// migration needs no change here): tests make an earlier module's store by dropping those columns.
/// </summary>
internal static class EarlierSchema
{
    /// <summary>The columns of the licences table that migrations after the first <paramref name="version"/> added.</summary>
    public static IReadOnlyList<string> LicenseColumnsAddedAfter(int version) =>
        [.. LicenseColumns(StoreSchema.Migrations.Length).Except(LicenseColumns(version))];

    /// <summary>SQL that takes the licences table of a current store back to schema <paramref name="version"/> (its columns, and user_version).</summary>
    public static string DowngradeSql(int version) =>
        string.Concat(LicenseColumnsAddedAfter(version).Select(c => $"ALTER TABLE licenses DROP COLUMN {c};\n")) + $"PRAGMA user_version = {version};";

    private static List<string> LicenseColumns(int migrations)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        foreach (var migration in StoreSchema.Migrations[..migrations])
        {
            command.CommandText = migration;
            command.ExecuteNonQuery();
        }
        command.CommandText = "SELECT name FROM pragma_table_info('licenses')";
        var columns = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }
}
