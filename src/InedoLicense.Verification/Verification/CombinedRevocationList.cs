namespace InedoLicense.Verification;

/// <summary>Several revocation sources as one: a key is revoked when any of them says so.</summary>
public sealed class CombinedRevocationList(params IRevocationList[] lists) : IRevocationList
{
    public bool TryGetRevocation(string serial, out DateTimeOffset revokedAt, out string? reason)
    {
        foreach (var list in lists)
            if (list.TryGetRevocation(serial, out revokedAt, out reason)) return true;
        (revokedAt, reason) = (default, null);
        return false;
    }
}
