namespace InedoLicense.Verification;

/// <summary>Several revocation sources as one: a key is revoked when any of them says so.</summary>
public sealed class CombinedRevocationList(params IRevocationList[] lists) : IRevocationList
{
    /// <summary>The sources that are there as one: null for none, the source itself for one, else combined.</summary>
    public static IRevocationList? Of(params IRevocationList?[] sources) =>
        sources.OfType<IRevocationList>().ToArray() switch
        {
            [] => null,
            [var one] => one,
            var several => new CombinedRevocationList(several),
        };

    public bool TryGetRevocation(string serial, out DateTimeOffset revokedAt, out string? reason)
    {
        foreach (var list in lists)
            if (list.TryGetRevocation(serial, out revokedAt, out reason)) return true;
        (revokedAt, reason) = (default, null);
        return false;
    }
}
