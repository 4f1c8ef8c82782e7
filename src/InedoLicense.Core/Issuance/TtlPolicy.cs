using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>
/// The TTLs a temporary organisation key may be issued with, kept in the store's settings
/// (comma-separated canonical TTLs, shortest first). Changes are audited by the store.
/// </summary>
public sealed class TtlPolicy
{
    public const string SettingName = "TemporaryOrganization.AllowedTtls";
    public static readonly TtlPolicy Default = new([.. new[] { "1h", "4h", "8h", "1d", "3d", "7d" }.Select(LicenseTtl.Parse)]);

    private TtlPolicy(IReadOnlyList<LicenseTtl> allowed) => Allowed = allowed;

    /// <summary>Shortest first; no two with the same duration.</summary>
    public IReadOnlyList<LicenseTtl> Allowed { get; }

    /// <summary>Parses and orders the values; duplicates (same duration, e.g. 24h and 1d) keep their first spelling. Throws <see cref="FormatException"/> for a value that is not a TTL.</summary>
    public static TtlPolicy From(IEnumerable<string> values)
    {
        var parsed = values.Select(LicenseTtl.Parse).ToList();
        if (parsed.Count == 0) throw new FormatException("A TTL policy needs at least one value.");
        return new TtlPolicy(parsed.DistinctBy(t => t.Duration).OrderBy(t => t.Duration).ToList());
    }

    /// <summary>The store's policy, or <see cref="Default"/> when none was set. Throws <see cref="TtlPolicyUnreadableException"/> when the stored value was tampered with.</summary>
    public static TtlPolicy Load(ILicenseStore store)
    {
        var stored = store.Catalogue.GetSetting(SettingName);
        if (stored is null) return Default;
        try
        {
            return From(stored.Split(','));
        }
        catch (FormatException e)
        {
            throw new TtlPolicyUnreadableException(stored, e);
        }
    }

    public void Save(ILicenseStore store, AuditActor actor) => store.Catalogue.SetSetting(SettingName, ToString(), actor);

    /// <summary>The allowed TTL <paramref name="text"/> names (by duration). Throws <see cref="TtlNotAllowedException"/> for one not allowed or not a TTL.</summary>
    public LicenseTtl Resolve(string text)
    {
        if (!LicenseTtl.TryParse(text, out var requested, out var parseError)) throw new TtlNotAllowedException(text, parseError, Allowed);
        return Find(requested) ?? throw new TtlNotAllowedException(text, null, Allowed);
    }

    /// <summary>The allowed value with the same duration as <paramref name="ttl"/>, if any.</summary>
    public LicenseTtl? Find(LicenseTtl ttl) => Allowed.FirstOrDefault(a => a.Duration == ttl.Duration);

    public override string ToString() => string.Join(",", Allowed.Select(t => t.Ttl));
}
