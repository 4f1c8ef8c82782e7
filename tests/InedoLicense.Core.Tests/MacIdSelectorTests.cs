using System.Net.NetworkInformation;
using InedoLicense.Machine;

namespace InedoLicense.Core.Tests;

public sealed class MacIdSelectorTests
{
    private static MacIdCandidate Adapter(string name, string mac, NetworkInterfaceType type = NetworkInterfaceType.Ethernet,
        OperationalStatus status = OperationalStatus.Up, bool isVirtual = false, string description = "") => new()
    {
        InterfaceName = name,
        Description = description,
        InterfaceType = type,
        Status = status,
        Address = mac.Length == 0 ? [] : Convert.FromHexString(mac.Replace("-", "")),
        IsVirtual = isVirtual,
    };

    private static string? Chosen(params MacIdCandidate[] candidates) => MacIdSelector.Select(candidates)?.InterfaceName;

    [Fact]
    public void PhysicalAdapterBeatsVirtualOne()
    {
        Assert.Equal("eth0", Chosen(
            Adapter("docker0", "00-50-56-00-00-01", isVirtual: true),
            Adapter("eth0", "00-1A-2B-3C-4D-5E")));
    }

    [Fact]
    public void AdapterThatIsNotUpIsNeverChosen()
    {
        var choices = MacIdSelector.Evaluate([
            Adapter("eth0", "00-1A-2B-3C-4D-5E", status: OperationalStatus.Down),
            Adapter("eth1", "02-00-00-00-00-01", isVirtual: true)]);
        Assert.Equal("eth1", choices.Single(c => c.IsSelected).InterfaceName);
        var down = choices.Single(c => c.InterfaceName == "eth0");
        Assert.False(down.IsEligible);
        Assert.Contains("not up", down.Reason);
    }

    [Fact]
    public void LoopbackAndTunnelsAreExcluded()
    {
        var choices = MacIdSelector.Evaluate([
            Adapter("lo", "00-00-00-00-00-01", NetworkInterfaceType.Loopback),
            Adapter("tun0", "00-1A-2B-3C-4D-01", NetworkInterfaceType.Tunnel),
            Adapter("wg0", "00-1A-2B-3C-4D-02"),
            Adapter("Local Area Connection* 3", "00-1A-2B-3C-4D-03", description: "Teredo Tunneling Pseudo-Interface")]);
        Assert.DoesNotContain(choices, c => c.IsSelected || c.IsEligible);
        Assert.Contains("loopback", choices.Single(c => c.InterfaceName == "lo").Reason);
        Assert.All(choices.Where(c => c.InterfaceName != "lo"), c => Assert.Contains("tunnel", c.Reason));
    }

    [Fact]
    public void UniversallyAdministeredAddressBeatsLocallyAdministeredOne()
    {
        // wlan0's randomised address has the U/L bit set (0x02 in the first octet); the virtual adapter's does not.
        var choices = MacIdSelector.Evaluate([
            Adapter("wlan0", "DA-A1-19-00-00-01", NetworkInterfaceType.Wireless80211),
            Adapter("vmnet1", "00-50-56-C0-00-01", isVirtual: true)]);
        var chosen = choices.Single(c => c.IsSelected);
        Assert.Equal("vmnet1", chosen.InterfaceName);
        Assert.False(chosen.IsLocallyAdministered);
        Assert.Contains("locally administered", choices.Single(c => c.InterfaceName == "wlan0").Reason);
    }

    [Fact]
    public void OnlyLocallyAdministeredAddressesLeftStillAnswersAndSaysItMayChange()
    {
        var chosen = MacIdSelector.Select([Adapter("eth0", "02-FC-00-00-00-01"), Adapter("ifb0", "BE-DF-36-C3-67-56", status: OperationalStatus.Down)]);
        Assert.NotNull(chosen);
        Assert.Equal("02-FC-00-00-00-01", chosen.Address);
        Assert.True(chosen.IsLocallyAdministered);
        Assert.Contains("may change", chosen.Reason);
    }

    [Fact]
    public void EthernetOrWifiBeatsOtherTypes()
    {
        Assert.Equal("wlan0", Chosen(
            Adapter("ppp0", "00-1A-2B-3C-4D-01", NetworkInterfaceType.Ppp),
            Adapter("wlan0", "00-1A-2B-3C-4D-02", NetworkInterfaceType.Wireless80211)));
    }

    [Fact]
    public void TiesGoToTheOrdinalFirstInterfaceNameThenTheLowerAddress()
    {
        // Ordinal: upper case sorts before lower case, and "eth10" before "eth2".
        Assert.Equal("Ethernet", Chosen(Adapter("eth0", "00-1A-2B-3C-4D-01"), Adapter("Ethernet", "00-1A-2B-3C-4D-02")));
        Assert.Equal("eth10", Chosen(Adapter("eth2", "00-1A-2B-3C-4D-01"), Adapter("eth10", "00-1A-2B-3C-4D-02")));
        var sameName = MacIdSelector.Select([Adapter("bond0", "00-1A-2B-3C-4D-09"), Adapter("bond0", "00-1A-2B-3C-4D-03")]);
        Assert.Equal("00-1A-2B-3C-4D-03", sameName!.Address);
    }

    [Fact]
    public void TheChoiceDoesNotDependOnTheOrderAdaptersAreReportedIn()
    {
        MacIdCandidate[] adapters =
        [
            Adapter("eth1", "00-1A-2B-3C-4D-02"),
            Adapter("eth0", "00-1A-2B-3C-4D-05"),
            Adapter("virbr0", "52-54-00-00-00-01", isVirtual: true),
            Adapter("wlan0", "06-1A-2B-3C-4D-02", NetworkInterfaceType.Wireless80211),
        ];
        var expected = MacIdSelector.Evaluate(adapters).Select(c => c.InterfaceName).ToList();
        Assert.Equal("eth0", expected[0]);
        Assert.Equal(expected, MacIdSelector.Evaluate(adapters.Reverse()).Select(c => c.InterfaceName));
        Assert.Equal(expected, MacIdSelector.Evaluate([adapters[2], adapters[0], adapters[3], adapters[1]]).Select(c => c.InterfaceName));
    }

    [Theory]
    [InlineData("", "no hardware address")]
    [InlineData("00-00-00-00-00-00", "all-zero")]
    [InlineData("FF-FF-FF-FF-FF-FF", "broadcast")]
    [InlineData("01-00-5E-00-00-FB", "multicast")]
    [InlineData("00-1A-2B-3C-4D-5E-6F-70", "8 bytes")]
    public void AddressesThatIdentifyNoAdapterAreExcluded(string mac, string reason)
    {
        var choice = MacIdSelector.Evaluate([Adapter("eth0", mac)]).Single();
        Assert.False(choice.IsSelected);
        Assert.Contains(reason, choice.Reason);
    }

    [Fact]
    public void EvaluateListsTheChosenFirstThenEligibleByRankThenExcludedWithReasons()
    {
        var choices = MacIdSelector.Evaluate([
            Adapter("lo", "", NetworkInterfaceType.Loopback),
            Adapter("docker0", "02-42-AC-11-00-01", isVirtual: true),
            Adapter("eth0", "00-1A-2B-3C-4D-5E"),
            Adapter("eth1", "00-1A-2B-3C-4D-5F", status: OperationalStatus.Down)]);
        Assert.Equal(["eth0", "docker0", "eth1", "lo"], choices.Select(c => c.InterfaceName));
        Assert.Equal([true, false, false, false], choices.Select(c => c.IsSelected));
        Assert.Equal([true, true, false, false], choices.Select(c => c.IsEligible));
        Assert.StartsWith("Chosen:", choices[0].Reason);
        Assert.Contains("eth0", choices[1].Reason);
        Assert.All(choices, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }

    [Fact]
    public void NoCandidatesMeansNoChoice()
    {
        Assert.Empty(MacIdSelector.Evaluate([]));
        Assert.Null(MacIdSelector.Select([]));
    }
}
