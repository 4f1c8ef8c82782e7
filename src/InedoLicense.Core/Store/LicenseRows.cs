using System.Data.Common;
using System.Text;
using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>
/// The licences table's side of the field map (<see cref="LicensePayload.Fields"/>): its columns (the payload's, then
/// what only the store holds), a record's values for them, a row read back as a record, the query filter, and the
/// fields an IssueKey audit entry records. Engine-neutral: any <see cref="DbDataReader"/> and <see cref="DbCommand"/>,
/// values as plain objects (string, long, int, null), so every store engine reads and writes rows through it.
/// </summary>
internal static class LicenseRows
{
    /// <summary>The payload fields the store keeps, in column order (the field map's order).</summary>
    public static readonly PayloadField[] PayloadColumns = LicensePayload.Fields.Where(f => f.Column is not null).ToArray();

    public const string IssuerThumbprintColumn = "issuer_thumbprint";
    public const string KeyTextColumn = "key_text";
    public const string RevokedAtColumn = "revoked_at";
    public const string RevocationReasonColumn = "revocation_reason";
    public const string StopgapForColumn = "stopgap_for";
    public const string PolicyOverrideColumn = "policy_override";

    /// <summary>Every column a record is read from: the payload's, then what only the store holds.</summary>
    public static readonly string[] ColumnNames =
    [
        .. PayloadColumns.Select(f => f.Column!),
        IssuerThumbprintColumn, KeyTextColumn, RevokedAtColumn, RevocationReasonColumn, StopgapForColumn, PolicyOverrideColumn,
    ];

    /// <summary>The columns of <see cref="ColumnNames"/>, for a SELECT list.</summary>
    public static readonly string Columns = string.Join(", ", ColumnNames);

    /// <summary>Every column but the two Revoke sets, in <see cref="Values"/>' order.</summary>
    public static readonly string[] InsertColumns = ColumnNames.Where(c => c is not (RevokedAtColumn or RevocationReasonColumn)).ToArray();

    /// <summary>The position of a column in <see cref="Columns"/> (and so in a row read with it).</summary>
    public static int Ordinal(string column) =>
        Array.IndexOf(ColumnNames, column) is var i and >= 0 ? i : throw new ArgumentException($"The licences table has no column {column}.", nameof(column));

    public static object?[] Values(LicenseRecord r)
    {
        var values = new object?[InsertColumns.Length];
        var i = 0;
        foreach (var field in PayloadColumns) values[i++] = ColumnValue(field, field.GetValue(r.Payload));
        values[i++] = r.IssuerThumbprint;
        values[i++] = r.Key;
        values[i++] = r.StopgapFor;
        values[i] = r.PolicyOverride;
        return values;
    }

    /// <summary>A payload field's value as its column holds it: text, an integer, or null.</summary>
    public static object? ColumnValue(PayloadField field, object? value) => value switch
    {
        null => null,
        DateTimeOffset time => time.ToUnixTimeSeconds(),
        LicenseKind kind => kind.ToString(),
        LicenseRestrictions restrictions => (int)restrictions,
        IReadOnlyList<string> list => string.Join('\n', list),
        string text => text,
        _ => throw new ArgumentException($"No column value for {field.Name} ({value.GetType().Name}).", nameof(value)),
    };

    private static object? FieldValue(PayloadField field, DbDataReader r, int i)
    {
        if (r.IsDBNull(i)) return null;
        return field.Type switch
        {
            PayloadFieldType.Time => DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(i)),
            PayloadFieldType.Kind => Enum.Parse<LicenseKind>(r.GetString(i)),
            PayloadFieldType.Restrictions => (LicenseRestrictions)r.GetInt32(i),
            PayloadFieldType.TextList => r.GetString(i) is { Length: > 0 } joined ? joined.Split('\n') : null,
            PayloadFieldType.Text or PayloadFieldType.Serial or PayloadFieldType.MacId => r.GetString(i),
            _ => throw new ArgumentException($"The store keeps no {field.Type} field ({field.Name}).", nameof(field)),
        };
    }

    /// <summary>A row read with <see cref="Columns"/> as a record (throws on a value of the wrong type).</summary>
    public static LicenseRecord Read(DbDataReader r)
    {
        var payload = LicensePayload.Blank;
        for (var i = 0; i < PayloadColumns.Length; i++)
            if (FieldValue(PayloadColumns[i], r, i) is { } value)
                payload = PayloadColumns[i].WithValue(payload, value);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var store = PayloadColumns.Length;
        return new LicenseRecord(payload)
        {
            IssuerThumbprint = r.GetString(store),
            Key = r.GetString(store + 1),
            RevokedAt = r.IsDBNull(store + 2) ? null : DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(store + 2)),
            RevocationReason = Text(store + 3),
            StopgapFor = Text(store + 4),
            PolicyOverride = Text(store + 5),
        };
    }

    /// <summary>
    /// The WHERE clause of a query, with its parameters (named @...) added to the command. Customer, product and
    /// organisation patterns match in any case: <paramref name="like"/> is the engine's operator for that
    /// (SQLite's LIKE is case-insensitive for ASCII; PostgreSQL's is ILIKE).
    /// </summary>
    public static string Filter(DbCommand command, LicenseQuery query, string like = "LIKE")
    {
        var sql = new StringBuilder("1 = 1");
        void Parameter(string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        void Add(string clause, string name, object value)
        {
            sql.Append(" AND ").Append(clause);
            Parameter(name, value);
        }
        void Like(string column, string? pattern, string name)
        {
            if (pattern is not null) Add($"{column} {like} {name} ESCAPE '\\'", name, WildcardToLike(pattern));
        }

        if (query.Serials is { Count: > 0 } serials)
        {
            var names = serials.Select((_, i) => "@s" + i).ToArray();
            sql.Append($" AND serial IN ({string.Join(", ", names)})");
            for (var i = 0; i < serials.Count; i++) Parameter(names[i], serials[i]);
        }
        // A range on the primary key: serials are upper-case hex, and 'G' sorts after every hex digit.
        if (query.SerialPrefix is { Length: > 0 } prefix)
        {
            Add("serial >= @prefixFrom", "@prefixFrom", prefix.ToUpperInvariant());
            Add("serial < @prefixTo", "@prefixTo", prefix.ToUpperInvariant() + "G");
        }
        if (query.Kind is { } kind) Add("kind = @kind", "@kind", kind.ToString());
        Like("customer", query.Customer, "@customer");
        Like("product", query.Product, "@product");
        Like("organization_id", query.OrganizationId, "@organization");
        var at = query.At.ToUnixTimeSeconds();
        Parameter("@at", at);
        sql.Append(query.Status switch
        {
            RecordState.Revoked => " AND revoked_at IS NOT NULL",
            RecordState.Expired => " AND revoked_at IS NULL AND expires_at IS NOT NULL AND expires_at <= @at",
            RecordState.NotYetValid => " AND revoked_at IS NULL AND not_before > @at",
            RecordState.Active => " AND revoked_at IS NULL AND not_before <= @at AND (expires_at IS NULL OR expires_at > @at)",
            _ => "",
        });
        if (query.ExpiringWithin is { } within)
            Add("revoked_at IS NULL AND expires_at > @at AND expires_at <= @until", "@until", at + (long)within.TotalSeconds);
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
    /// The payload fields an IssueKey entry records, under the names entries have always used, in their order: the
    /// ones the issuance rules read. (A new payload field is not among them: the row is checked against its signed key.)
    /// </summary>
    private static readonly (string Name, PayloadField Field)[] AuditedFields =
    [
        ("kind", LicensePayload.Field("Kind")), ("product", LicensePayload.Field("Product")), ("edition", LicensePayload.Field("Edition")),
        ("customer", LicensePayload.Field("Customer")), ("organization", LicensePayload.Field("OrganizationId")),
        ("mac", LicensePayload.Field("MacId")), ("audience", LicensePayload.Field("Audience")), ("expires", LicensePayload.Field("ExpiresAt")),
        ("renewalOf", LicensePayload.Field("RenewalOf")),
    ];

    /// <summary>
    /// The start of an IssueKey entry's details: every field of the row that the rules read, the signed ones and
    /// those only the store holds (StopgapFor, the override). Test-LicenseStore rebuilds it from the row and compares.
    /// </summary>
    public static string RecordedFields(LicenseRecord record)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (value is not null) parts.Add($"{name}={value}"); }
        foreach (var (name, field) in AuditedFields)
            Add(name, field.GetValue(record.Payload) switch
            {
                null => null,
                DateTimeOffset time => time.ToString("O"),
                var value => value.ToString(),
            });
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
