using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>
/// The SQLite side of <see cref="IssuanceRule"/>: a trigger per rule refuses the insert (RAISE names the
/// rule), the query that finds the key already holding the rule, and the check Test-LicenseStore runs
/// over rows already stored (a trigger does not look at them, and an edit by hand can break a rule).
/// </summary>
internal static class IssuanceRules
{
    private const string Unrevoked = "revoked_at IS NULL";

    // The same matches as the cmdlets' early checks (LicenseStore.FindStopgaps, FindRenewalsOf).
    private const string SameStopgapTerm =
        "kind = 'Stopgap' AND customer = {0}customer COLLATE NOCASE AND product = {0}product COLLATE NOCASE AND stopgap_for IS {0}stopgap_for";
    private const string SameRenewal = "renewal_of = {0}renewal_of";

    /// <summary>Schema migration 2 creates these.</summary>
    public static readonly string Triggers = $"""
        CREATE TRIGGER rule_one_stopgap_per_term BEFORE INSERT ON licenses
        WHEN NEW.kind = 'Stopgap' AND NEW.revoked_at IS NULL AND NEW.policy_override IS NOT '{IssuanceRule.OneStopgapPerTerm}'
            AND EXISTS (SELECT 1 FROM licenses WHERE {Unrevoked} AND {string.Format(SameStopgapTerm, "NEW.")})
        BEGIN SELECT RAISE(ABORT, '{IssuanceRule.OneStopgapPerTerm}'); END;
        CREATE TRIGGER rule_one_renewal_per_licence BEFORE INSERT ON licenses
        WHEN NEW.renewal_of IS NOT NULL AND NEW.revoked_at IS NULL AND NEW.policy_override IS NOT '{IssuanceRule.OneRenewalPerLicence}'
            AND EXISTS (SELECT 1 FROM licenses WHERE {Unrevoked} AND {string.Format(SameRenewal, "NEW.")})
        BEGIN SELECT RAISE(ABORT, '{IssuanceRule.OneRenewalPerLicence}'); END;
        """;

    /// <summary>The rule named by a trigger's RAISE message, or null for any other constraint.</summary>
    public static IssuanceRule? FromRaise(string message) => Enum.TryParse<IssuanceRule>(message, out var rule) ? rule : null;

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
        IssuanceRule.OneStopgapPerTerm => (string.Format(SameStopgapTerm, "$"),
            [("$customer", record.Customer), ("$product", record.Product), ("$stopgap_for", record.StopgapFor)]),
        IssuanceRule.OneRenewalPerLicence => (string.Format(SameRenewal, "$"), [("$renewal_of", record.RenewalOf)]),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
