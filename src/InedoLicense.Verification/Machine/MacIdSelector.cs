using System.Net.NetworkInformation;
using InedoLicense.KeyFormat;

namespace InedoLicense.Machine;

/// <summary>
/// Chooses the MAC ID an agent key binds to, deterministically: among adapters that are up, not
/// loopback and not tunnels, with a unicast address, prefer universally administered addresses,
/// then physical adapters, then Ethernet/Wi-Fi, then the interface name (ordinal), then the address.
/// A pure function of its input, so every rule is testable without real adapters.
/// </summary>
public static class MacIdSelector
{
    // Tunnel-like adapters by name where the platform reports them as something else (utun on macOS, WireGuard on Linux).
    private static readonly string[] TunnelNamePrefixes = ["tun", "utun", "wg", "gif", "stf", "ipsec", "teredo", "isatap"];

    /// <summary>Every candidate with its verdict: the chosen one first, then the other eligible ones in rank order, then the excluded ones by name.</summary>
    public static IReadOnlyList<MacIdChoice> Evaluate(IEnumerable<MacIdCandidate> candidates)
    {
        var assessed = candidates.Select(Assess).ToList();
        var ranked = assessed.Where(a => a.Exclusion is null).Order(RankComparer.Instance).ToList();
        var winner = ranked.FirstOrDefault();
        var result = new List<MacIdChoice>(assessed.Count);
        foreach (var candidate in ranked)
        {
            var selected = ReferenceEquals(candidate, winner);
            result.Add(candidate.ToChoice(selected, selected ? ChosenBecause(candidate, ranked.Count) : RankedBelow(candidate, winner!)));
        }
        foreach (var candidate in assessed.Where(a => a.Exclusion is not null)
                     .OrderBy(a => a.Candidate.InterfaceName, StringComparer.Ordinal).ThenBy(a => a.Canonical, StringComparer.Ordinal))
            result.Add(candidate.ToChoice(false, candidate.Exclusion!));
        return result;
    }

    /// <summary>The chosen candidate, or null when none is eligible.</summary>
    public static MacIdChoice? Select(IEnumerable<MacIdCandidate> candidates) =>
        Evaluate(candidates).FirstOrDefault(c => c.IsSelected);

    /// <summary>Ethernet and Wi-Fi in all the flavours .NET reports them as.</summary>
    public static bool IsEthernetOrWifi(NetworkInterfaceType type) => type is NetworkInterfaceType.Ethernet
        or NetworkInterfaceType.Ethernet3Megabit or NetworkInterfaceType.FastEthernetT or NetworkInterfaceType.FastEthernetFx
        or NetworkInterfaceType.GigabitEthernet or NetworkInterfaceType.Wireless80211;

    public static bool IsTunnel(MacIdCandidate candidate) =>
        candidate.InterfaceType == NetworkInterfaceType.Tunnel
        || TunnelNamePrefixes.Any(p => candidate.InterfaceName.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || candidate.Description.Contains("tunnel", StringComparison.OrdinalIgnoreCase);

    private static Assessed Assess(MacIdCandidate candidate)
    {
        var bytes = candidate.Address.ToArray();
        var canonical = bytes.Length == 6 ? MacAddress.FromBytes(bytes) : Convert.ToHexString(bytes);
        var locallyAdministered = bytes.Length > 0 && MacAddress.IsLocallyAdministered(bytes);
        string? exclusion =
            candidate.InterfaceType == NetworkInterfaceType.Loopback ? "Excluded: loopback adapter."
            : IsTunnel(candidate) ? "Excluded: tunnel adapter."
            : candidate.Status != OperationalStatus.Up ? $"Excluded: not up (status {candidate.Status})."
            : AddressProblem(bytes) is { } problem ? "Excluded: " + problem
            : null;
        return new Assessed(candidate, canonical, locallyAdministered, exclusion);
    }

    private static string ChosenBecause(Assessed chosen, int eligibleCount)
    {
        var what = $"{(chosen.Candidate.IsVirtual ? "virtual" : "physical")} {chosen.Candidate.InterfaceType} adapter";
        var address = chosen.LocallyAdministered
            ? "a locally administered address (no universally administered one is up); such a binding may change"
            : "a universally administered address";
        var others = eligibleCount == 1 ? "the only eligible adapter" : $"ranked first of {eligibleCount} eligible adapters";
        return $"Chosen: up, {what} with {address}; {others}.";
    }

    private static string RankedBelow(Assessed candidate, Assessed winner)
    {
        var name = winner.Candidate.InterfaceName;
        if (candidate.LocallyAdministered != winner.LocallyAdministered)
            return $"Eligible, but its address is locally administered and {name}'s is universally administered.";
        if (candidate.Candidate.IsVirtual != winner.Candidate.IsVirtual)
            return $"Eligible, but virtual; {name} is physical.";
        if (IsEthernetOrWifi(candidate.Candidate.InterfaceType) != IsEthernetOrWifi(winner.Candidate.InterfaceType))
            return $"Eligible, but {candidate.Candidate.InterfaceType} is not Ethernet or Wi-Fi; {name} is.";
        if (!string.Equals(candidate.Candidate.InterfaceName, name, StringComparison.Ordinal))
            return $"Eligible and as good as {name}, which comes first by interface name.";
        return $"Eligible and as good as another address of {name}, which comes first by address.";
    }

    private static string? AddressProblem(byte[] bytes) => MacAddress.ProblemOf(bytes) switch
    {
        MacAddressProblem.WrongLength => bytes.Length == 0 ? "no hardware address." : $"the hardware address has {bytes.Length} bytes, not the 6 of a MAC.",
        MacAddressProblem.AllZero => "the all-zero address identifies no adapter.",
        MacAddressProblem.Broadcast => "the broadcast address identifies no adapter.",
        MacAddressProblem.Multicast => "a multicast address identifies no adapter.",
        _ => null,
    };

    private sealed record Assessed(MacIdCandidate Candidate, string Canonical, bool LocallyAdministered, string? Exclusion)
    {
        public MacIdChoice ToChoice(bool selected, string reason) => new()
        {
            InterfaceName = Candidate.InterfaceName,
            InterfaceType = Candidate.InterfaceType,
            Description = Candidate.Description,
            Address = Canonical,
            Status = Candidate.Status,
            IsPhysical = !Candidate.IsVirtual,
            IsLocallyAdministered = LocallyAdministered,
            IsEligible = Exclusion is null,
            IsSelected = selected,
            Reason = reason,
        };
    }

    private sealed class RankComparer : IComparer<Assessed>
    {
        public static readonly RankComparer Instance = new();

        public int Compare(Assessed? x, Assessed? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return 1;
            if (y is null) return -1;
            int order;
            if ((order = x.LocallyAdministered.CompareTo(y.LocallyAdministered)) != 0) return order;        // universal first
            if ((order = x.Candidate.IsVirtual.CompareTo(y.Candidate.IsVirtual)) != 0) return order;        // physical first
            if ((order = IsEthernetOrWifi(y.Candidate.InterfaceType).CompareTo(IsEthernetOrWifi(x.Candidate.InterfaceType))) != 0) return order;
            if ((order = string.CompareOrdinal(x.Candidate.InterfaceName, y.Candidate.InterfaceName)) != 0) return order;
            return string.CompareOrdinal(x.Canonical, y.Canonical);
        }
    }
}
