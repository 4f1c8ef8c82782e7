using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>Every cmdlet that takes a MAC ID accepts the common spellings and refuses what identifies no adapter.</summary>
public sealed class MacIdSpellingTests
{
    private const string Canonical = "00-1A-2B-3C-4D-5E";

    private static readonly string[] Spellings =
    [
        "00-1A-2B-3C-4D-5E", "00-1a-2b-3c-4d-5e", "00:1A:2B:3C:4D:5E", "00:1a:2b:3c:4d:5e", "001a.2b3c.4d5e", "001A.2B3C.4D5E",
        "001A2B3C4D5E", "001a2b3c4d5e", " 00:1a:2B:3c:4D:5e ",
    ];

    public static readonly TheoryData<string> Invalid = new()
    {
        "00-1A-2B-3C-4D",          // too short
        "00-1A-2B-3C-4D-5E-6F",    // too long
        "00-1A-2B-3C-4D-5G",       // not hex
        "00:1A-2B:3C-4D:5E",       // mixed separators
        "00-00-00-00-00-00",       // all zeros
        "FF-FF-FF-FF-FF-FF",       // broadcast
        "01-00-5E-00-00-FB",       // multicast
        "not a mac",
    };

    [Fact]
    public void NewAgentLicenseBindsEverySpellingToTheSameMacId()
    {
        using var session = new ModuleSession();
        var keys = session.Run("$args | ForEach-Object { New-AgentLicense -OrganizationId ORG-1 -MacId $_ -StorePath $StorePath }",
            Spellings.Cast<object?>().ToArray());
        Assert.Equal(Spellings.Length, keys.Count);
        Assert.All(keys, key => Assert.Equal(Canonical, key.Properties["MacId"].Value));

        // ...and Test-LicenseKey -MacId matches the key in every spelling.
        foreach (var spelling in Spellings)
        {
            var result = session.Run("$args[0] | Test-LicenseKey -MacId $args[1] -StorePath $StorePath", keys[0], spelling).Single();
            Assert.Equal("Valid", result.Properties["Status"].Value.ToString());
            Assert.Contains(Canonical, (string)result.Properties["Message"].Value);
        }
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void NewAgentLicenseRefusesAnInvalidMacIdAndIssuesNothing(string mac)
    {
        using var session = new ModuleSession();
        var (output, errors) = session.Invoke("New-AgentLicense -OrganizationId ORG-1 -MacId $args[0] -StorePath $StorePath", mac);
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidMacId,InedoLicense.Cmdlets.Commands.NewAgentLicenseCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(mac, error.TargetObject);
        Assert.Empty(session.Run("Get-License -Kind Agent -StorePath $StorePath"));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TestLicenseKeyRefusesAnInvalidMacId(string mac)
    {
        using var session = new ModuleSession();
        var key = session.Run("New-AgentLicense -OrganizationId ORG-1 -MacId 00-1A-2B-3C-4D-5E -StorePath $StorePath").Single();
        var (output, errors) = session.Invoke("$args[0] | Test-LicenseKey -MacId $args[1] -StorePath $StorePath", key, mac);
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidMacId,InedoLicense.Cmdlets.Commands.TestLicenseKeyCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(mac, error.TargetObject);
    }
}
