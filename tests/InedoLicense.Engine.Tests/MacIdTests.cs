using System.Globalization;
using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>Runs only where /sys/class/net exists (Linux); skipped, and saying so, elsewhere.</summary>
public sealed class LinuxSysfsFactAttribute : FactAttribute
{
    public LinuxSysfsFactAttribute()
    {
        if (!Directory.Exists("/sys/class/net")) Skip = "Compares with /sys/class/net, which only Linux has.";
    }
}

public sealed class MacIdTests
{
    /// <summary>One adapter as sysfs describes it, judged by the documented rules independently of the module's code.</summary>
    private sealed record SysfsAdapter(string Name, string Address, int Type, string OperState, int Flags, bool HasDevice, bool IsWireless)
    {
        private const int ArphrdEther = 1, ArphrdLoopback = 772, IffUp = 0x1;
        private static readonly int[] TunnelTypes = [768, 769, 776]; // ARPHRD_TUNNEL, TUNNEL6, SIT
        private static readonly string[] TunnelPrefixes = ["tun", "utun", "wg", "gif", "stf", "ipsec", "teredo", "isatap"];

        public byte[] Bytes => Address.Length == 0 ? [] : Convert.FromHexString(Address.Replace(":", ""));
        public string Canonical => string.Join('-', Bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        public bool IsLocallyAdministered => Bytes.Length > 0 && (Bytes[0] & 0x02) != 0;
        // The kernel reports IFF_RUNNING (what .NET calls Up) for an administratively up device whose operstate is up or unknown.
        public bool IsUp => (Flags & IffUp) != 0 && OperState is "up" or "unknown";
        public bool IsEligible => Type != ArphrdLoopback && !TunnelTypes.Contains(Type)
            && !TunnelPrefixes.Any(p => Name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            && IsUp && Bytes.Length == 6 && !Bytes.All(b => b == 0) && !Bytes.All(b => b == 0xFF) && (Bytes[0] & 0x01) == 0;
        public bool IsEthernetOrWifi => Type == ArphrdEther || IsWireless;

        public static IReadOnlyList<SysfsAdapter> ReadAll() =>
            Directory.EnumerateDirectories("/sys/class/net").Select(folder => new SysfsAdapter(
                Path.GetFileName(folder),
                ReadOrEmpty(folder, "address"),
                int.Parse(ReadOrEmpty(folder, "type"), CultureInfo.InvariantCulture),
                ReadOrEmpty(folder, "operstate"),
                Convert.ToInt32(ReadOrEmpty(folder, "flags"), 16),
                Directory.Exists(Path.Combine(folder, "device")),
                Directory.Exists(Path.Combine(folder, "wireless")) || Directory.Exists(Path.Combine(folder, "phy80211")))).ToList();

        private static string ReadOrEmpty(string folder, string file)
        {
            try { return File.ReadAllText(Path.Combine(folder, file)).Trim(); }
            catch (IOException) { return ""; }
        }
    }

    /// <summary>The rules, written out again: universal before local, physical before virtual, Ethernet/Wi-Fi first, then name, then address (ordinal).</summary>
    private static SysfsAdapter? ExpectedChoice(IEnumerable<SysfsAdapter> adapters) => adapters.Where(a => a.IsEligible)
        .OrderBy(a => a.IsLocallyAdministered).ThenBy(a => !a.HasDevice).ThenBy(a => !a.IsEthernetOrWifi)
        .ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Canonical, StringComparer.Ordinal).FirstOrDefault();

    [LinuxSysfsFact]
    public void GetMacIdAnswersWhatSysfsAndTheRulesSay()
    {
        var adapters = SysfsAdapter.ReadAll();
        var expected = ExpectedChoice(adapters);
        using var session = new ModuleSession(createAuthority: false);
        var (output, errors) = session.Invoke("Get-MacId 3>&1");
        var warnings = output.Select(o => o.BaseObject).OfType<WarningRecord>().ToList();
        var answers = output.Select(o => o.BaseObject).OfType<string>().ToList();
        if (expected is null)
        {
            Assert.Empty(answers);
            Assert.Equal("NoMacIdCandidate", errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ObjectNotFound, errors.Single().CategoryInfo.Category);
            return;
        }
        Assert.Empty(errors);
        var answer = Assert.Single(answers);
        Assert.Equal(expected.Canonical, answer);
        Assert.Contains(answer, adapters.Where(a => a.Type != 772).Select(a => a.Canonical));
        // The warning comes exactly when the chosen address is locally administered (as in containers and most VMs).
        Assert.Equal(expected.IsLocallyAdministered, warnings.Any(w => w.Message.Contains(answer) && w.Message.Contains("locally administered")));
    }

    [LinuxSysfsFact]
    public void AllListsEverySysfsAdapterWithItsAddressAndMarksOneSelected()
    {
        var adapters = SysfsAdapter.ReadAll();
        using var session = new ModuleSession(createAuthority: false);
        var listed = session.Run("Get-MacId -All");
        Assert.Equal(adapters.Select(a => a.Name).Order(StringComparer.Ordinal), listed.Select(c => (string)c.Properties["InterfaceName"].Value).Order(StringComparer.Ordinal));
        foreach (var adapter in adapters)
        {
            var row = listed.Single(c => (string)c.Properties["InterfaceName"].Value == adapter.Name);
            if (adapter.Bytes.Length == 6) Assert.Equal(adapter.Canonical, row.Properties["Address"].Value);
            Assert.Equal(adapter.IsEligible, row.Properties["IsEligible"].Value);
            Assert.Equal(!adapter.HasDevice, !(bool)row.Properties["IsPhysical"].Value);
            Assert.False(string.IsNullOrWhiteSpace((string)row.Properties["Reason"].Value));
        }
        var selected = listed.Where(c => (bool)c.Properties["IsSelected"].Value).Select(c => (string)c.Properties["InterfaceName"].Value).ToList();
        Assert.Equal(ExpectedChoice(adapters) is { } expected ? [expected.Name] : [], selected);
    }
}
