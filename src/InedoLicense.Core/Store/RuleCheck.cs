using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>
/// What every store engine does with a key under the <see cref="IssuanceRule"/>s, asked inside the transaction that
/// commits it (which holds the engine's write lock, so keys committed by other processes and the earlier keys of the
/// batch count): a rule already held by an unrevoked key refuses the key, unless the request may override that rule;
/// the key then records the override (<see cref="LicenseRecord.PolicyOverride"/>) and its audit note names the holder.
/// The engines differ only in the query that finds the holder (SQLite: <see cref="IssuanceRules"/>; PostgreSQL: PostgresRules).
/// </summary>
internal static class RuleCheck
{
    /// <summary>The record to store and its audit note, or the conflict that refuses it.</summary>
    public readonly record struct Outcome(LicenseRecord Record, string? AuditNote, RuleConflict? Conflict);

    /// <param name="holderOf">The unrevoked key that already holds a rule for a record, or null.</param>
    /// <param name="holdRules">False only to write rows as a module before schema 3 did (tests of the migration and of the integrity check).</param>
    public static Outcome Apply(KeyToRecord key, Func<IssuanceRule, LicenseRecord, LicenseRecord?> holderOf, bool holdRules = true)
    {
        var record = key.Record with { PolicyOverride = null };
        var note = key.AuditNote;
        foreach (var rule in holdRules ? RulesFor(record) : [])
        {
            if (holderOf(rule, record) is not { } holder) continue;
            if (key.MayOverride != rule) return new Outcome(record, note, new RuleConflict(key.Record, rule, holder));
            record = record with { PolicyOverride = rule.ToString() };
            note = (note is null ? "" : note + "; ") + "existing=" + holder.Serial;
        }
        return new Outcome(record, note, null);
    }

    /// <summary>What an all-or-none commit throws when a rule refuses one of its keys.</summary>
    public static InvalidOperationException Refusal(RuleConflict conflict) =>
        new($"Licence {conflict.Refused.Serial} breaks {conflict.Rule}: {conflict.Existing.Serial} already holds it. Nothing was recorded.");

    /// <summary>The rules a record is subject to: a stopgap to one per term, a renewal to one per licence.</summary>
    private static IEnumerable<IssuanceRule> RulesFor(LicenseRecord record)
    {
        if (record.Kind == LicenseKind.Stopgap) yield return IssuanceRule.OneStopgapPerTerm;
        if (record.RenewalOf is not null) yield return IssuanceRule.OneRenewalPerLicence;
    }
}
