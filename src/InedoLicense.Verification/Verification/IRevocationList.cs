using InedoLicense.Machine;

namespace InedoLicense.Verification;

/// <summary>Where revocations come from: the store, or a signed revocation list.</summary>
public interface IRevocationList
{
    bool TryGetRevocation(string serial, out DateTimeOffset revokedAt, out string? reason);
}
