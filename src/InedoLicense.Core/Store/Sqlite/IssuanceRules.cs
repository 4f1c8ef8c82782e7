using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>
/// The SQLite side of <see cref="IssuanceRule"/>: the query that finds the key already holding a rule (asked through
/// <see cref="RuleCheck"/> by <see cref="SqliteLicenseRecords.AddLicenses(IReadOnlyList{KeyToRecord}, AuditActor)"/>
/// inside its write transaction, before the insert), and the check Test-LicenseStore runs over the stored rows
/// (an edit by hand can break a rule). Not triggers: a trigger program per inserted row doubled the cost of
/// recording a bulk batch (measured 2.0-2.2x on 35,000 rows), and only stopgaps and renewals need the check.
/// </summary>
internal static class IssuanceRules
{
    private const string Unrevoked = "revoked_at IS NULL";

    // The same matches as the cmdlets' early checks (LicenseStore.FindStopgaps, FindRenewalsOf).
    private const string SameStopgapTerm =
        "kind = 'Stopgap' AND customer = $customer COLLATE NOCASE AND product = $product COLLATE NOCASE AND stopgap_for IS $stopgap_for";
    private const string SameRenewal = "renewal_of = $renewal_of";

    /// <summary>How modules before schema version 3 recorded a forced stopgap: in the note of its IssueKey entry.</summary>
    public const string LegacyForcedNote = "forced: -Force overrode the one-stopgap-per-term policy";

    /// <summary>
    /// Schema migration 2: stopgaps an earlier module issued with -Force (their audit note says so) record the
    /// override as keys issued from now on do, so that the rule's check over stored rows accepts them.
    /// </summary>
    public static readonly string MarkLegacyOverrides = $"""
        UPDATE licenses SET policy_override = '{IssuanceRule.OneStopgapPerTerm}'
        WHERE kind = 'Stopgap' AND policy_override IS NULL AND EXISTS (
            SELECT 1 FROM audit_log WHERE target = licenses.serial AND action = 'IssueKey' AND instr(details, '; note=') > 0
              AND instr(substr(details, instr(details, '; note=')), '{LegacyForcedNote}') > 0);
        """;

    /// <summary>The unrevoked key that already holds the rule for this record (the oldest), or null.</summary>
    public static LicenseRecord? Holder(LicenseStore store, IssuanceRule rule, LicenseRecord record)
    {
        var (condition, parameters) = Match(rule, record);
        return store.QueryWhere($"{Unrevoked} AND {condition} ORDER BY rowid LIMIT 1", parameters).FirstOrDefault();
    }

    /// <summary>
    /// Rows stored against a rule: in each group the rule covers, every unrevoked key after the first
    /// that does not record an override of that rule. One line each, for Test-LicenseStore.
    /// </summary>
    public static List<string> Violations(LicenseStore store)
    {
        var violations = new List<string>();
        foreach (var (rule, partition, describe) in (IEnumerable<(IssuanceRule, string, string)>)
                 [
                     (IssuanceRule.OneStopgapPerTerm, "customer COLLATE NOCASE, product COLLATE NOCASE, stopgap_for",
                         "a second stopgap for the same customer, product and lapsed term"),
                     (IssuanceRule.OneRenewalPerLicence, "renewal_of", "a second renewal of the same licence"),
                 ])
        {
            var scope = rule == IssuanceRule.OneStopgapPerTerm ? "kind = 'Stopgap'" : "renewal_of IS NOT NULL";
            using var command = store.Command(
                $"""
                SELECT serial, first FROM (
                    SELECT serial, policy_override,
                           first_value(serial) OVER (PARTITION BY {partition} ORDER BY rowid) AS first,
                           row_number() OVER (PARTITION BY {partition} ORDER BY rowid) AS n
                    FROM licenses WHERE {scope} AND {Unrevoked})
                WHERE n > 1 AND policy_override IS NOT $p0 ORDER BY serial
                """, rule.ToString());
            using var reader = command.ExecuteReader();
            while (reader.Read())
                violations.Add($"Licence {reader.GetString(0)} is {describe} as {reader.GetString(1)}, and records no override of {rule}: "
                             + "the rule was broken outside the module (or by an older one). Revoke the key that should not exist.");
        }
        return violations;
    }

    private static (string Condition, (string Name, object? Value)[] Parameters) Match(IssuanceRule rule, LicenseRecord record) => rule switch
    {
        IssuanceRule.OneStopgapPerTerm => (SameStopgapTerm,
            [("$customer", record.Customer), ("$product", record.Product), ("$stopgap_for", record.StopgapFor)]),
        IssuanceRule.OneRenewalPerLicence => (SameRenewal, [("$renewal_of", record.RenewalOf)]),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
