using InedoLicense.Machine;

namespace InedoLicense.Verification;

/// <summary>An in-memory revocation list (serial → when and why).</summary>
public sealed class RevocationSet(IReadOnlyDictionary<string, (DateTimeOffset RevokedAt, string? Reason)> entries) : IRevocationList
{
    public int Count => entries.Count;

    /// <summary>The revoked keys, ordered by serial.</summary>
    public IEnumerable<RevokedKey> Entries =>
        entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new RevokedKey(e.Key, e.Value.RevokedAt, e.Value.Reason));

    public bool TryGetRevocation(string serial, out DateTimeOffset revokedAt, out string? reason)
    {
        if (entries.TryGetValue(serial, out var entry))
        {
            (revokedAt, reason) = entry;
            return true;
        }
        (revokedAt, reason) = (default, null);
        return false;
    }
}
