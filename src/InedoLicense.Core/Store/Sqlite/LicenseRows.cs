using System.Data.Common;
using System.Text;
using InedoLicense.KeyFormat;
using Microsoft.Data.Sqlite;

namespace InedoLicense.Store;

/// <summary>
/// The licences table's side of the field map: its columns, a record's values for them, a row read back as a
/// record, the query filter, and the fields an IssueKey audit entry records.
/// </summary>
internal static class LicenseRows
{
    public const string Columns =
        "serial, kind, customer, product, edition, features, organization_id, mac_id, audience, purpose, restrictions, banner, "
        + "issued_at, not_before, expires_at, renewal_of, issuer_thumbprint, key_text, revoked_at, revocation_reason, stopgap_for, policy_override";

    // Every column but the two Revoke sets, in Values' order.
    public static readonly string[] InsertColumns = Columns.Split(", ").Where(c => c is not ("revoked_at" or "revocation_reason")).ToArray();

    public static object?[] Values(LicenseRecord r) =>
    [
        r.Serial, r.Kind.ToString(), r.Customer, r.Product, r.Edition, string.Join('\n', r.Features), r.OrganizationId,
        r.MacId, r.Audience, r.Purpose, (int)r.Restrictions, r.Banner, r.IssuedAt.ToUnixTimeSeconds(),
        r.NotBefore.ToUnixTimeSeconds(), r.ExpiresAt?.ToUnixTimeSeconds(), r.RenewalOf, r.IssuerThumbprint, r.Key, r.StopgapFor,
        r.PolicyOverride,
    ];

    public static LicenseRecord Read(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(i));
        var features = r.GetString(5);
        return new LicenseRecord
        {
            Serial = r.GetString(0),
            Kind = Enum.Parse<LicenseKind>(r.GetString(1)),
            Customer = Text(2),
            Product = Text(3),
            Edition = Text(4),
            Features = features.Length == 0 ? [] : features.Split('\n'),
            OrganizationId = Text(6),
            MacId = Text(7),
            Audience = Text(8),
            Purpose = Text(9),
            Restrictions = (LicenseRestrictions)r.GetInt32(10),
            Banner = Text(11),
            IssuedAt = Time(12)!.Value,
            NotBefore = Time(13)!.Value,
            ExpiresAt = Time(14),
            RenewalOf = Text(15),
            IssuerThumbprint = r.GetString(16),
            Key = r.GetString(17),
            RevokedAt = Time(18),
            RevocationReason = Text(19),
            StopgapFor = Text(20),
            PolicyOverride = Text(21),
        };
    }

    // The WHERE clause of a query, with its parameters added to the command (SQLite's $names unless another dialect is given).
    public static string Filter(DbCommand command, LicenseQuery query, SqlDialect? dialect = null)
    {
        dialect ??= SqlDialect.Sqlite;
        var p = dialect.ParameterPrefix;
        var sql = new StringBuilder("1 = 1");
        void Bind(string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name.Replace('$', p);
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        void Add(string clause, string name, object value)
        {
            sql.Append(" AND ").Append(clause.Replace('$', p));
            Bind(name, value);
        }
        void Like(string column, string? pattern, string name)
        {
            if (pattern is not null) Add($"{column} {dialect.CaseInsensitiveLike} {name} ESCAPE '\\'", name, WildcardToLike(pattern));
        }

        if (query.Serials is { Count: > 0 } serials)
        {
            var names = serials.Select((_, i) => "$s" + i).ToArray();
            sql.Append($" AND serial IN ({string.Join(", ", names)})".Replace('$', p));
            for (var i = 0; i < serials.Count; i++) Bind(names[i], serials[i]);
        }
        // A range on the primary key: serials are upper-case hex, and 'G' sorts after every hex digit.
        if (query.SerialPrefix is { Length: > 0 } prefix)
        {
            Add("serial >= $prefixFrom", "$prefixFrom", prefix.ToUpperInvariant());
            Add("serial < $prefixTo", "$prefixTo", prefix.ToUpperInvariant() + "G");
        }
        if (query.Kind is { } kind) Add("kind = $kind", "$kind", kind.ToString());
        Like("customer", query.Customer, "$customer");
        Like("product", query.Product, "$product");
        Like("organization_id", query.OrganizationId, "$organization");
        var at = query.At.ToUnixTimeSeconds();
        Bind("$at", at);
        sql.Append((query.Status switch
        {
            RecordState.Revoked => " AND revoked_at IS NOT NULL",
            RecordState.Expired => " AND revoked_at IS NULL AND expires_at IS NOT NULL AND expires_at <= $at",
            RecordState.NotYetValid => " AND revoked_at IS NULL AND not_before > $at",
            RecordState.Active => " AND revoked_at IS NULL AND not_before <= $at AND (expires_at IS NULL OR expires_at > $at)",
            _ => "",
        }).Replace('$', p));
        if (query.ExpiringWithin is { } within)
            Add("revoked_at IS NULL AND expires_at > $at AND expires_at <= $until", "$until", at + (long)within.TotalSeconds);
        return sql.ToString();
    }

    public static string WildcardToLike(string pattern)
    {
        var like = new StringBuilder();
        foreach (var c in pattern)
            like.Append(c switch { '*' => "%", '?' => "_", '%' or '_' or '\\' => "\\" + c, _ => c.ToString() });
        return like.ToString();
    }

    /// <summary>The field of an IssueKey entry's details that holds the SHA-256 of the key text.</summary>
    public const string KeyDigestField = "keySha256";

    public static string KeyDigest(string keyText) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(keyText)));

    public static string DescribeForAudit(LicenseRecord record, string? note)
    {
        var parts = new List<string> { RecordedFields(record) };
        void Add(string name, string? value) { if (value is not null) parts.Add($"{name}={value}"); }
        Add("note", note);
        // Last, so that a note cannot pose as it: binds the row's key text to the chained log (Test-LicenseStore).
        Add(KeyDigestField, KeyDigest(record.Key));
        return string.Join("; ", parts);
    }

    /// <summary>
    /// The start of an IssueKey entry's details: every field of the row that the rules read, the signed ones and
    /// those only the store holds (StopgapFor, the override). Test-LicenseStore rebuilds it from the row and compares.
    /// </summary>
    public static string RecordedFields(LicenseRecord record)
    {
        var parts = new List<string> { "kind=" + record.Kind };
        void Add(string name, string? value) { if (value is not null) parts.Add($"{name}={value}"); }
        Add("product", record.Product);
        Add("edition", record.Edition);
        Add("customer", record.Customer);
        Add("organization", record.OrganizationId);
        Add("mac", record.MacId);
        Add("audience", record.Audience);
        Add("expires", record.ExpiresAt?.ToString("O"));
        Add("renewalOf", record.RenewalOf);
        Add("stopgapFor", record.StopgapFor);
        Add("forced", record.PolicyOverride);
        return string.Join("; ", parts);
    }

    /// <summary>True when an IssueKey entry's details start with the fields the row gives, followed by nothing, the note or the key digest.</summary>
    public static bool RecordedAsIssued(LicenseRecord row, string details)
    {
        if (Matches(row, details)) return true;
        // A stopgap an earlier module forced: the override was in its note, and the migration to schema 3 set the column.
        return row.PolicyOverride == nameof(IssuanceRule.OneStopgapPerTerm)
               && Matches(row with { PolicyOverride = null }, details, note => note.Contains(IssuanceRules.LegacyForcedNote, StringComparison.Ordinal));

        static bool Matches(LicenseRecord row, string details, Func<string, bool>? noteMust = null)
        {
            var fields = RecordedFields(row);
            if (!details.StartsWith(fields, StringComparison.Ordinal)) return false;
            var rest = details[fields.Length..];
            if (rest.StartsWith("; note=", StringComparison.Ordinal)) return noteMust?.Invoke(rest) ?? true;
            return noteMust is null && (rest.Length == 0 || rest.StartsWith("; " + KeyDigestField + "=", StringComparison.Ordinal));
        }
    }

    public static string LiteralLikePrefix(string prefix) =>
        string.Concat(prefix.Select(c => c is '%' or '_' or '\\' ? "\\" + c : c.ToString())) + "%";
}
