using InedoLicense.Machine;

namespace InedoLicense.Verification;

/// <summary>What a key is checked against, beyond its signature.</summary>
public sealed record VerificationContext
{
    private Lazy<MacIdChoice?>? _thisMachine;

    /// <summary>The moment to evaluate validity at; null means now.</summary>
    public DateTimeOffset? At { get; init; }
    public string? Product { get; init; }
    public string? OrganizationId { get; init; }
    /// <summary>Canonical MAC ID the key must be bound to (agent keys only).</summary>
    public string? MacId { get; init; }

    /// <summary>
    /// Compare agent keys with this machine's MAC ID (as <see cref="MacIdSelector"/> chooses it) when
    /// <see cref="MacId"/> is not given: "is this key for this machine". Off by default, so that verifying
    /// a key (auditing a store, say) gives the same answer on every machine.
    /// </summary>
    public bool CompareWithThisMachine { get; init; }

    /// <summary>Where this machine's MAC ID comes from (default: its adapters); asked at most once per context.</summary>
    public Func<MacIdChoice?> ThisMachineSource { get; init; } = MachineAdapters.ThisMachine;

    /// <summary>This machine's MAC ID, looked up on first use (thread-safe); null when no adapter qualifies.</summary>
    public MacIdChoice? ThisMachine =>
        LazyInitializer.EnsureInitialized(ref _thisMachine, () => new Lazy<MacIdChoice?>(ThisMachineSource, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>True once <see cref="ThisMachine"/> has been looked up (an agent key needed it).</summary>
    public bool HasLookedUpThisMachine => _thisMachine is { IsValueCreated: true };
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
