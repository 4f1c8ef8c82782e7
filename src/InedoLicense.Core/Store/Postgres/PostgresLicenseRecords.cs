using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>
/// Issued keys and their terms in the PostgreSQL store: the same contract as <see cref="SqliteLicenseRecords"/>
/// (customer and product match in any case; revoked keys never count), with the <see cref="IssuanceRule"/>s held
/// inside the write transaction, which holds the store's advisory write lock.
/// </summary>
internal sealed class PostgresLicenseRecords(PostgresStore store) : ILicenseRecords
{
    private const int RecentRecords = 1000;
    private const string CustomerProduct = "lower(customer) = lower(@customer) AND lower(product) = lower(@product)";

    public void AddLicenses(IReadOnlyList<(LicenseRecord Record, string? AuditNote)> issued, AuditActor actor) =>
        AddLicenses(issued.Select(i => new KeyToRecord(i.Record, i.AuditNote)).ToList(), actor, allOrNone: true);

    public RecordedKeys AddLicenses(IReadOnlyList<KeyToRecord> keys, AuditActor actor) => AddLicenses(keys, actor, allOrNone: false);

    internal RecordedKeys AddLicenses(IReadOnlyList<KeyToRecord> keys, AuditActor actor, bool allOrNone)
    {
        if (keys.Count == 0) return new RecordedKeys([], []);
        var recorded = new List<LicenseRecord>(keys.Count);
        var refused = new List<RuleConflict>();
        using var write = new PostgresWrite(store);
        var now = DateTimeOffset.UtcNow;
        // Inside the locked transaction: what this batch has queued is sent before each question, so that it counts too.
        Func<IssuanceRule, LicenseRecord, LicenseRecord?> holderOf = (rule, record) =>
        {
            write.Flush();
            return PostgresRules.Holder(store, rule, record);
        };
        foreach (var key in keys)
        {
            var (record, note, conflict) = RuleCheck.Apply(key, holderOf);
            if (conflict is not null)
            {
                if (allOrNone) throw RuleCheck.Refusal(conflict);
                refused.Add(conflict);
                continue;
            }
            write.AddLicense(record);
            write.Audit(now, actor, AuditActions.IssueKey, record.Serial, LicenseRows.DescribeForAudit(record, note));
            recorded.Add(record);
        }
        write.Commit();
        return new RecordedKeys(recorded, refused);
    }

    public LicenseRecord? Find(string serial) => Query(new LicenseQuery { Serials = [serial] }).FirstOrDefault();

    public IEnumerable<LicenseRecord> Query(LicenseQuery query)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT {LicenseRows.Columns} FROM licenses WHERE {LicenseRows.Filter(command, query, "ILIKE")} ORDER BY issued_at DESC, serial";
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return LicenseRows.Read(reader);
    }

    public IReadOnlyList<LicenseRecord> ListNewest(LicenseQuery filter, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT {LicenseRows.Columns} FROM licenses WHERE {LicenseRows.Filter(command, filter, "ILIKE")} ORDER BY seq DESC LIMIT @limit";
        command.Parameters.Add(PostgresStore.Parameter("limit", limit));
        var records = new List<LicenseRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) records.Add(LicenseRows.Read(reader));
        return records;
    }

    public IReadOnlyList<string> ListOrganizationIds(string prefix, int limit, LicenseKind? kind = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var command = store.Command(
            "SELECT organization_id FROM (SELECT DISTINCT organization_id FROM licenses WHERE organization_id ILIKE @p0 ESCAPE '\\'"
            + (kind is null ? "" : " AND kind = @p2")
            + ") ids ORDER BY lower(organization_id), organization_id LIMIT @p1",
            LicenseRows.LiteralLikePrefix(prefix), limit, kind?.ToString());
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    public IReadOnlyList<LicenseRecord> QueryTemporaryKeys(string organizationPattern, DateTimeOffset at)
    {
        const string matching = "kind = @kind AND organization_id ILIKE @organization ESCAPE '\\' AND revoked_at IS NULL AND expires_at IS NOT NULL";
        using var command = store.Command(
            $"""
            SELECT {LicenseRows.Columns} FROM (
                SELECT {LicenseRows.Columns}, seq AS issue_order, 0 AS n FROM licenses
                WHERE {matching} AND not_before <= @at AND expires_at > @at
                UNION ALL
                SELECT {LicenseRows.Columns}, issue_order, n FROM (
                    SELECT {LicenseRows.Columns}, seq AS issue_order,
                           ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY expires_at DESC, issued_at DESC, seq DESC) AS n
                    FROM licenses WHERE {matching} AND expires_at <= @at) expired
                WHERE n = 1) listed
            ORDER BY issued_at DESC, issue_order DESC
            """);
        command.Parameters.Add(PostgresStore.Parameter("kind", LicenseKind.TemporaryOrganization.ToString()));
        command.Parameters.Add(PostgresStore.Parameter("organization", LicenseRows.WildcardToLike(organizationPattern)));
        command.Parameters.Add(PostgresStore.Parameter("at", at.ToUnixTimeSeconds()));
        var records = new List<LicenseRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) records.Add(LicenseRows.Read(reader));
        return records;
    }

    public LicenseRecord? LatestPaidLicense(string customer, string product, Func<string?, bool> isPaid) =>
        store.QueryWhere($"kind = 'License' AND {CustomerProduct} AND revoked_at IS NULL AND expires_at IS NOT NULL ORDER BY expires_at DESC, issued_at DESC",
                ("customer", customer), ("product", product))
            .FirstOrDefault(r => isPaid(r.Edition));

    public IReadOnlyList<LicenseRecord> FindStopgaps(string customer, string product, string? stopgapFor) =>
        store.QueryWhere($"kind = 'Stopgap' AND {CustomerProduct} AND revoked_at IS NULL AND "
                   + (stopgapFor is null ? "stopgap_for IS NULL" : "stopgap_for = @for") + " ORDER BY issued_at DESC, serial",
            [("customer", customer), ("product", product), .. stopgapFor is null ? Array.Empty<(string, object?)>() : [("for", stopgapFor)]]).ToList();

    public IReadOnlyList<LicenseRecord> FindRenewalsOf(string serial) =>
        store.QueryWhere("renewal_of = @serial AND revoked_at IS NULL ORDER BY issued_at DESC, serial", ("serial", serial)).ToList();

    public DateTimeOffset? NewestRecordTime()
    {
        var issued = store.Scalar($"SELECT max(issued_at) FROM (SELECT issued_at FROM licenses ORDER BY seq DESC LIMIT {RecentRecords}) recent");
        var audited = store.Scalar($"SELECT max(at) FROM (SELECT at FROM audit_log ORDER BY id DESC LIMIT {RecentRecords}) recent");
        DateTimeOffset? newest = issued is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        if (audited is long milliseconds && DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) is var at && (newest is null || at > newest))
            newest = at;
        return newest;
    }
}
