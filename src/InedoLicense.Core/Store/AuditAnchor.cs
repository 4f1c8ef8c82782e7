using System.Globalization;

namespace InedoLicense.Store;

/// <summary>
/// The id and hash of the newest audit entry, kept in the settings row "audit.head" and moved in
/// the same transaction as every entry. The chain alone cannot tell a log whose last entries were
/// deleted from a shorter log; the anchor can. It lives in the same file, so it does not stop
/// someone who rewrites the whole chain and the anchor with it (docs/design/security.md).
/// </summary>
public sealed record AuditAnchor(long Id, byte[] Hash)
{
    /// <summary>The settings row; names starting with "audit." are reserved for the store.</summary>
    public const string SettingName = "audit.head";
    public const string ReservedPrefix = "audit.";

    internal const string SelectSql = $"SELECT value FROM settings WHERE name = '{SettingName}'";
    internal const string UpsertSql =
        $"INSERT INTO settings(name, value) VALUES ('{SettingName}', $value) ON CONFLICT(name) DO UPDATE SET value = excluded.value";

    /// <summary>"id:HEXHASH" — also the form of a checkpoint that Test-LicenseStore -Checkpoint takes.</summary>
    public override string ToString() => $"{Id.ToString(CultureInfo.InvariantCulture)}:{Convert.ToHexString(Hash)}";

    /// <summary>Null when the text is not "id:HEXHASH".</summary>
    public static AuditAnchor? Parse(string? text)
    {
        if (text is null) return null;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            return null;
        var hex = text[(colon + 1)..].Trim();
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit)) return null;
        return new AuditAnchor(id, Convert.FromHexString(hex));
    }

    public bool Equals(AuditAnchor? other) => other is not null && Id == other.Id && Hash.AsSpan().SequenceEqual(other.Hash);

    public override int GetHashCode() => Id.GetHashCode();
}
