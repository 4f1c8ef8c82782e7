namespace InedoLicense.Store;

/// <summary>
/// The PostgreSQL side of <see cref="IssuanceRule"/>, as <see cref="IssuanceRules"/> is SQLite's: the key already
/// holding a rule (asked inside the write transaction, which holds the store's advisory write lock, so writers on
/// every machine see each other's commits) and the check over stored rows for Test-LicenseStore.
/// </summary>
internal static class PostgresRules
{
    private const string Unrevoked = "revoked_at IS NULL";
    private const string SameStopgapTerm =
        "kind = 'Stopgap' AND lower(customer) = lower(@customer) AND lower(product) = lower(@product) AND stopgap_for IS NOT DISTINCT FROM @stopgap_for";
    private const string SameRenewal = "renewal_of = @renewal_of";

    public static LicenseRecord? Holder(PostgresStore store, IssuanceRule rule, LicenseRecord record)
    {
        var (condition, parameters) = rule switch
        {
            IssuanceRule.OneStopgapPerTerm => (SameStopgapTerm,
                new (string, object?)[] { ("customer", record.Customer), ("product", record.Product), ("stopgap_for", record.StopgapFor) }),
            IssuanceRule.OneRenewalPerLicence => (SameRenewal, [("renewal_of", record.RenewalOf)]),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        return store.QueryWhere($"{Unrevoked} AND {condition} ORDER BY seq LIMIT 1", parameters).FirstOrDefault();
    }

    public static List<string> Violations(PostgresStore store)
    {
        var violations = new List<string>();
        foreach (var (rule, partition, describe) in (IEnumerable<(IssuanceRule, string, string)>)
                 [
                     (IssuanceRule.OneStopgapPerTerm, "lower(customer), lower(product), stopgap_for",
                         "a second stopgap for the same customer, product and lapsed term"),
                     (IssuanceRule.OneRenewalPerLicence, "renewal_of", "a second renewal of the same licence"),
                 ])
        {
            var scope = rule == IssuanceRule.OneStopgapPerTerm ? "kind = 'Stopgap'" : "renewal_of IS NOT NULL";
            using var command = store.Command(
                $"""
                SELECT serial, first FROM (
                    SELECT serial, policy_override,
                           first_value(serial) OVER (PARTITION BY {partition} ORDER BY seq) AS first,
                           row_number() OVER (PARTITION BY {partition} ORDER BY seq) AS n
                    FROM licenses WHERE {scope} AND {Unrevoked}) ranked
                WHERE n > 1 AND policy_override IS DISTINCT FROM @p0 ORDER BY serial
                """, rule.ToString());
            using var reader = command.ExecuteReader();
            while (reader.Read())
                violations.Add($"Licence {reader.GetString(0)} is {describe} as {reader.GetString(1)}, and records no override of {rule}: "
                             + "the rule was broken outside the module (or by an older one). Revoke the key that should not exist.");
        }
        return violations;
    }
}
