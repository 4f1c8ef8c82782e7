using System.Net.NetworkInformation;

namespace InedoLicense.Machine;

/// <summary>
/// Reads this machine's adapters into <see cref="MacIdCandidate"/>s. Whether an adapter is
/// virtual: on Linux, sysfs says (a physical adapter has a "device" link); elsewhere the
/// platform reports nothing, so the adapter's name and description are matched against the
/// usual virtual adapters (Hyper-V, VMware, VirtualBox, VPN TAPs, bridges).
/// </summary>
public static class MachineAdapters
{
    private const string SysClassNet = "/sys/class/net";

    private static readonly string[] VirtualDescriptionWords =
        ["virtual", "hyper-v", "vmware", "virtualbox", "vpn", "tap-", "wan miniport", "pseudo", "bluetooth", "container", "docker", "npcap"];

    private static readonly string[] VirtualNamePrefixes =
        ["docker", "veth", "br-", "virbr", "vmnet", "vboxnet", "bridge", "tap", "awdl", "llw", "anpi", "ap", "vnic", "cni", "flannel", "cali", "lxc", "lxd", "zt"];

    /// <summary>This machine's adapters as candidates. Never throws: an adapter that cannot be read is left out.</summary>
    public static IReadOnlyList<MacIdCandidate> Read()
    {
        NetworkInterface[] interfaces;
        try { interfaces = NetworkInterface.GetAllNetworkInterfaces(); }
        catch (NetworkInformationException) { return []; }

        var candidates = new List<MacIdCandidate>(interfaces.Length);
        foreach (var adapter in interfaces)
        {
            try
            {
                candidates.Add(new MacIdCandidate
                {
                    InterfaceName = adapter.Name,
                    Description = adapter.Description,
                    InterfaceType = IsLinuxWireless(adapter.Name) ? NetworkInterfaceType.Wireless80211 : adapter.NetworkInterfaceType,
                    Status = adapter.OperationalStatus,
                    Address = adapter.GetPhysicalAddress().GetAddressBytes(),
                    IsVirtual = IsVirtual(adapter),
                });
            }
            catch (Exception e) when (e is NetworkInformationException or PlatformNotSupportedException or IOException)
            {
                // An adapter that vanished or cannot be queried cannot be bound to either.
            }
        }
        return candidates;
    }

    /// <summary>This machine's MAC ID as <see cref="MacIdSelector"/> chooses it, or null when no adapter qualifies.</summary>
    public static MacIdChoice? ThisMachine() => MacIdSelector.Select(Read());

    private static bool IsVirtual(NetworkInterface adapter)
    {
        if (OperatingSystem.IsLinux() && Directory.Exists(SysClassNet))
            return !Directory.Exists(Path.Combine(SysClassNet, adapter.Name, "device"));
        if (OperatingSystem.IsMacOS() && adapter.Name.StartsWith("en", StringComparison.Ordinal))
            return false;
        return VirtualDescriptionWords.Any(w => adapter.Description.Contains(w, StringComparison.OrdinalIgnoreCase))
            || VirtualNamePrefixes.Any(p => adapter.Name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    // Linux reports Wi-Fi as ARPHRD_ETHER; sysfs marks it with a "wireless" folder or a "phy80211" link.
    private static bool IsLinuxWireless(string name) =>
        OperatingSystem.IsLinux()
        && (Directory.Exists(Path.Combine(SysClassNet, name, "wireless")) || Directory.Exists(Path.Combine(SysClassNet, name, "phy80211")));
}
