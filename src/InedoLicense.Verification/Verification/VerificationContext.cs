namespace InedoLicense.Verification;

/// <summary>What a key is checked against, beyond its signature.</summary>
public sealed record VerificationContext
{
    /// <summary>The moment to evaluate validity at; null means now.</summary>
    public DateTimeOffset? At { get; init; }
    public string? Product { get; init; }
    public string? OrganizationId { get; init; }
    /// <summary>Canonical MAC ID the key must be bound to (agent keys only).</summary>
    public string? MacId { get; init; }
    public IRevocationList? Revocations { get; init; }
}

/// <summary>Where revocations come from: the store, or a signed revocation list.</summary>
public interface IRevocationList
{
    bool TryGetRevocation(string serial, out DateTimeOffset revokedAt, out string? reason);
}

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
