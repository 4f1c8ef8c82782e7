using InedoLicense.KeyFormat;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

/// <summary>
/// Issued keys and their terms in the SQLite store: recording keys (the <see cref="IssuanceRule"/>s held in the
/// committing transaction), queries, the bounded queries of tab completion, and the queries behind renewals and
/// the stopgap policy (customer and product match in any case; revoked keys never count).
/// </summary>
internal sealed class SqliteLicenseRecords(LicenseStore store) : ILicenseRecords
{
    private const int RecentRecords = 1000;
    private const string CustomerProduct = "customer = $customer COLLATE NOCASE AND product = $product COLLATE NOCASE";

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

    /// <param name="holdRules">False only to write rows as a module before schema 3 did (tests of the migration and of Test-LicenseStore).</param>
    internal RecordedKeys AddLicenses(IReadOnlyList<KeyToRecord> keys, AuditActor actor, bool allOrNone, bool holdRules = true)
    {
        if (keys.Count == 0) return new RecordedKeys([], []);
        var recorded = new List<LicenseRecord>(keys.Count);
        var refused = new List<RuleConflict>();
        using var transaction = store.BeginWrite();
        using (var licenses = new PreparedInsert(store.Connection, "licenses", LicenseRows.InsertColumns))
        using (var audit = new AuditWriter(store))
        {
            var now = DateTimeOffset.UtcNow;
            Func<IssuanceRule, LicenseRecord, LicenseRecord?> holderOf = (rule, record) => IssuanceRules.Holder(store, rule, record);
            foreach (var key in keys)
            {
                var (record, note, conflict) = RuleCheck.Apply(key, holderOf, holdRules);
                if (conflict is not null)
                {
                    if (allOrNone) throw RuleCheck.Refusal(conflict);
                    refused.Add(conflict);
                    continue;
                }
                licenses.Insert(LicenseRows.Values(record));
                audit.Append(now, actor, AuditActions.IssueKey, record.Serial, LicenseRows.DescribeForAudit(record, note));
                recorded.Add(record);
            }
        }
        transaction.Commit();
        return new RecordedKeys(recorded, refused);
    }

    public LicenseRecord? Find(string serial) =>
        Query(new LicenseQuery { Serials = [serial] }).FirstOrDefault();

    /// <summary>Streams the records that match, newest first.</summary>
    public IEnumerable<LicenseRecord> Query(LicenseQuery query)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT {LicenseRows.Columns} FROM licenses WHERE {LicenseRows.Filter(command, query)} ORDER BY issued_at DESC, serial";
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return LicenseRows.Read(reader);
    }

    public IReadOnlyList<LicenseRecord> ListNewest(LicenseQuery filter, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT {LicenseRows.Columns} FROM licenses WHERE {LicenseRows.Filter(command, filter)} ORDER BY rowid DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<LicenseRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) records.Add(LicenseRows.Read(reader));
        return records;
    }

    public IReadOnlyList<string> ListOrganizationIds(string prefix, int limit, LicenseKind? kind = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var command = store.Command(
            "SELECT DISTINCT organization_id FROM licenses WHERE organization_id LIKE $p0 ESCAPE '\\'"
            + (kind is null ? "" : " AND kind = $p2")
            + " ORDER BY organization_id COLLATE NOCASE LIMIT $p1",
            LicenseRows.LiteralLikePrefix(prefix), limit, kind?.ToString());
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    public IReadOnlyList<LicenseRecord> QueryTemporaryKeys(string organizationPattern, DateTimeOffset at)
    {
        const string matching = "kind = $kind AND organization_id LIKE $organization ESCAPE '\\' AND revoked_at IS NULL AND expires_at IS NOT NULL";
        using var command = store.Command(
            $"""
            SELECT {LicenseRows.Columns} FROM (
                SELECT {LicenseRows.Columns}, rowid AS issue_order, 0 AS n FROM licenses
                WHERE {matching} AND not_before <= $at AND expires_at > $at
                UNION ALL
                SELECT {LicenseRows.Columns}, issue_order, n FROM (
                    SELECT {LicenseRows.Columns}, rowid AS issue_order,
                           ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY expires_at DESC, issued_at DESC, rowid DESC) AS n
                    FROM licenses WHERE {matching} AND expires_at <= $at)
                WHERE n = 1)
            ORDER BY issued_at DESC, issue_order DESC
            """);
        command.Parameters.AddWithValue("$kind", LicenseKind.TemporaryOrganization.ToString());
        command.Parameters.AddWithValue("$organization", LicenseRows.WildcardToLike(organizationPattern));
        command.Parameters.AddWithValue("$at", at.ToUnixTimeSeconds());
        var records = new List<LicenseRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) records.Add(LicenseRows.Read(reader));
        return records;
    }

    public LicenseRecord? LatestPaidLicense(string customer, string product, Func<string?, bool> isPaid) =>
        store.QueryWhere($"kind = 'License' AND {CustomerProduct} AND revoked_at IS NULL AND expires_at IS NOT NULL ORDER BY expires_at DESC, issued_at DESC",
                ("$customer", customer), ("$product", product))
            .FirstOrDefault(r => isPaid(r.Edition));

    /// <summary>Unrevoked stopgaps of the customer and product for one lapsed term (null: issued when there was no paid licence), newest first.</summary>
    public IReadOnlyList<LicenseRecord> FindStopgaps(string customer, string product, string? stopgapFor) =>
        store.QueryWhere($"kind = 'Stopgap' AND {CustomerProduct} AND revoked_at IS NULL AND "
                   + (stopgapFor is null ? "stopgap_for IS NULL" : "stopgap_for = $for") + " ORDER BY issued_at DESC, serial",
            ("$customer", customer), ("$product", product), ("$for", stopgapFor)).ToList();

    /// <summary>Unrevoked licences that renew <paramref name="serial"/>.</summary>
    public IReadOnlyList<LicenseRecord> FindRenewalsOf(string serial) =>
        store.QueryWhere("renewal_of = $serial AND revoked_at IS NULL ORDER BY issued_at DESC, serial", ("$serial", serial)).ToList();

    /// <summary>
    /// The newest time among the last 1,000 keys issued and audit entries written, or null for an
    /// empty store. A clock behind it was set back (or the store came from a machine ahead of this one).
    /// </summary>
    public DateTimeOffset? NewestRecordTime()
    {
        var issued = store.Scalar($"SELECT max(issued_at) FROM (SELECT issued_at FROM licenses ORDER BY rowid DESC LIMIT {RecentRecords})");
        var audited = store.Scalar($"SELECT max(at) FROM (SELECT at FROM audit_log ORDER BY id DESC LIMIT {RecentRecords})");
        DateTimeOffset? newest = issued is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        if (audited is long milliseconds && DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) is var at && (newest is null || at > newest))
            newest = at;
        return newest;
    }

}
