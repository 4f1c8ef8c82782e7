using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

// Small, bounded queries for tab completion: they must answer at once even in a store of millions of keys.
public sealed partial class LicenseStore
{
    /// <summary>
    /// The newest keys (in issue order) that match <paramref name="filter"/>, at most <paramref name="limit"/>.
    /// Walks the table backwards by rowid, so an unfiltered call reads only <paramref name="limit"/> rows;
    /// <see cref="LicenseQuery.SerialPrefix"/> narrows through the primary key.
    /// </summary>
    public IReadOnlyList<LicenseRecord> ListNewest(LicenseQuery filter, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM licenses WHERE {Filter(command, filter)} ORDER BY rowid DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<LicenseRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) records.Add(ReadLicense(reader));
        return records;
    }

    /// <summary>
    /// The distinct organisation ids of recorded keys (of one kind, when given) that start with
    /// <paramref name="prefix"/> (any case, taken literally), sorted ignoring case; at most <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<string> ListOrganizationIds(string prefix, int limit, LicenseKind? kind = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var command = Command(
            "SELECT DISTINCT organization_id FROM licenses WHERE organization_id LIKE $p0 ESCAPE '\\'"
            + (kind is null ? "" : " AND kind = $p2")
            + " ORDER BY organization_id COLLATE NOCASE LIMIT $p1",
            LiteralLikePrefix(prefix), limit, kind?.ToString());
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static string LiteralLikePrefix(string prefix) =>
        string.Concat(prefix.Select(c => c is '%' or '_' or '\\' ? "\\" + c : c.ToString())) + "%";
}
