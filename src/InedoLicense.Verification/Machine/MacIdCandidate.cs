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

/// <summary>One candidate as Get-MacId -All shows it: the verdict and why.</summary>
public sealed record MacIdChoice
{
    public required string InterfaceName { get; init; }
    public required NetworkInterfaceType InterfaceType { get; init; }
    /// <summary>Canonical form (00-1A-2B-3C-4D-5E) when the address has six bytes; else the raw hex or empty.</summary>
    public required string Address { get; init; }
    public required OperationalStatus Status { get; init; }
    public required bool IsPhysical { get; init; }
    /// <summary>The U/L bit of the first octet is set: randomised Wi-Fi, containers and VMs; such a binding may change.</summary>
    public required bool IsLocallyAdministered { get; init; }
    /// <summary>Up, not loopback or tunnel, with a unicast MAC: could have been chosen.</summary>
    public required bool IsEligible { get; init; }
    public required bool IsSelected { get; init; }
    public required string Reason { get; init; }
    public string Description { get; init; } = "";

    public override string ToString() => Address;
}
