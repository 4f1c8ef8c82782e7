using System.Net.NetworkInformation;

namespace InedoLicense.Machine;

/// <summary>
/// What the selector knows about one network adapter. Built from the real adapters by
/// <see cref="MachineAdapters"/>, or by hand in tests.
/// </summary>
public sealed record MacIdCandidate
{
    public required string InterfaceName { get; init; }
    public string Description { get; init; } = "";
    public NetworkInterfaceType InterfaceType { get; init; }
    public OperationalStatus Status { get; init; }
    /// <summary>The adapter's hardware address as reported; empty when it has none.</summary>
    public IReadOnlyList<byte> Address { get; init; } = [];
    /// <summary>True when the platform says the adapter has no device behind it (bridge, veth, VM switch, VPN).</summary>
    public bool IsVirtual { get; init; }
}
