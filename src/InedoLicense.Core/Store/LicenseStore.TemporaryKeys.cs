using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

// The query behind Get-TemporaryOrgLicense.
public sealed partial class LicenseStore
{
    /// <summary>
    /// The temporary organisation keys the portal listing needs at <paramref name="at"/>: the
    /// active ones and, per organisation, the one that expired last; in issue order, newest first
    /// (rowid breaks ties within a second). <see cref="TemporaryOrgLicense.PortalOrder"/> arranges them.
    /// </summary>
    public IReadOnlyList<LicenseRecord> QueryTemporaryKeys(string organizationPattern, DateTimeOffset at)
    {
        const string matching = "kind = $kind AND organization_id LIKE $organization ESCAPE '\\' AND revoked_at IS NULL AND expires_at IS NOT NULL";
        using var command = Command(
            $"""
            SELECT {Columns} FROM (
                SELECT {Columns}, rowid AS issue_order, 0 AS n FROM licenses
                WHERE {matching} AND not_before <= $at AND expires_at > $at
                UNION ALL
                SELECT {Columns}, issue_order, n FROM (
                    SELECT {Columns}, rowid AS issue_order,
                           ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY expires_at DESC, issued_at DESC, rowid DESC) AS n
                    FROM licenses WHERE {matching} AND expires_at <= $at)
                WHERE n = 1)
            ORDER BY issued_at DESC, issue_order DESC
            """);
        command.Parameters.AddWithValue("$kind", LicenseKind.TemporaryOrganization.ToString());
        command.Parameters.AddWithValue("$organization", WildcardToLike(organizationPattern));
        command.Parameters.AddWithValue("$at", at.ToUnixTimeSeconds());
        var records = new List<LicenseRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) records.Add(ReadLicense(reader));
        return records;
    }
}
