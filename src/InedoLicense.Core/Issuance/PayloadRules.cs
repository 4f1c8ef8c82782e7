using InedoLicense.KeyFormat;

namespace InedoLicense.Issuance;

/// <summary>What every payload must satisfy before it is signed; the message names the field and says what to do.</summary>
public static class PayloadRules
{
    public const int MaxTextLength = 200;

    /// <summary>Throws <see cref="ArgumentException"/> (ParamName = the field) for a payload that must not be signed.</summary>
    public static void Validate(LicensePayload payload)
    {
        if (LicenseSerial.Normalize(payload.Serial) != payload.Serial)
            throw new ArgumentException($"'{payload.Serial}' is not a serial: 16 upper-case hex digits.", "Serial");
        if (payload.RenewalOf is { } renewed && LicenseSerial.Normalize(renewed) != renewed)
            throw new ArgumentException($"'{renewed}' is not a serial: 16 upper-case hex digits.", "RenewalOf");
        if (payload.MacId is { } mac && (!MacAddress.TryNormalize(mac, out var canonical, out var macError) || canonical != mac))
            throw new ArgumentException(macError.Length > 0 ? macError : $"'{mac}' is not in the canonical form {canonical}.", "MacId");
        // Every text of the field map (a new text field is checked without a change here).
        foreach (var field in LicensePayload.Fields)
        {
            if (field.Type == PayloadFieldType.Text) CheckText((string?)field.GetValue(payload), field.Name);
            else if (field.Type == PayloadFieldType.TextList)
                foreach (var entry in (IReadOnlyList<string>)field.GetValue(payload)!) CheckText(entry, field.Name, allowEmpty: false);
        }

        switch (payload.Kind)
        {
            case LicenseKind.License:
            case LicenseKind.Stopgap:
                Require(payload.Product, "Product", payload.Kind);
                Require(payload.Customer, "Customer", payload.Kind);
                Require(payload.Edition, "Edition", payload.Kind);
                break;
            case LicenseKind.Agent:
                Require(payload.OrganizationId, "OrganizationId", payload.Kind);
                Require(payload.MacId, "MacId", payload.Kind);
                break;
            case LicenseKind.TemporaryOrganization:
                Require(payload.OrganizationId, "OrganizationId", payload.Kind);
                if (payload.ExpiresAt is null) throw new ArgumentException("A temporary organisation key must expire.", "ExpiresAt");
                break;
        }
        if (payload.Kind == LicenseKind.Stopgap && payload.ExpiresAt is null)
            throw new ArgumentException("A stopgap key must expire.", "ExpiresAt");
        CheckTime(payload.IssuedAt, "IssuedAt");
        CheckTime(payload.NotBefore, "NotBefore");
        if (payload.ExpiresAt is { } end) CheckTime(end, "ExpiresAt");
        if (payload.ExpiresAt is { } expires && expires <= payload.NotBefore)
            throw new ArgumentException($"The key would expire ({expires:u}) before it starts ({payload.NotBefore:u}).", "ExpiresAt");
    }

    // The key format carries whole seconds from 1970 to the end of 9999; a verifier calls any other time Malformed.
    private static void CheckTime(DateTimeOffset value, string field)
    {
        if (!Terms.LicenseTerm.IsInKeyRange(value))
            throw new ArgumentException(
                $"{field} {value.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z is outside the times a key can carry ({Terms.LicenseTerm.EarliestTime:yyyy-MM-dd} to {Terms.LicenseTerm.LatestTime.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, UTC); no verifier would accept the key.",
                field);
    }

    private static void Require(string? value, string field, LicenseKind kind)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"A {kind} key needs a {field}.", field);
    }

    // Control characters would let a value forge lines in logs and mails; the limit keeps keys short.
    private static void CheckText(string? value, string field, bool allowEmpty = true)
    {
        if (value is null) return;
        if (!allowEmpty && value.Length == 0 || value.Length > 0 && string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{field} is empty.", field);
        if (value.Length > MaxTextLength)
            throw new ArgumentException($"{field} has {value.Length} characters; at most {MaxTextLength} fit in a key.", field);
        if (value.Any(char.IsControl))
            throw new ArgumentException($"{field} contains a control character (a line break or tab?).", field);
        if (value.FirstOrDefault(IsBidiControl) is var bidi and not '\0')
            throw new ArgumentException(
                $"{field} contains the bidirectional control character U+{(int)bidi:X4}, which makes text display in another order than it is stored (in keys, tables and mails).", field);
    }

    /// <summary>
    /// The Unicode bidirectional formatting characters (UAX #9): marks, embeddings, overrides and isolates.
    /// A right-to-left override (U+202E) inside a customer name makes the rest of it display backwards.
    /// </summary>
    public static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
