using InedoLicense.KeyFormat;

namespace InedoLicense.Core.Tests;

public sealed class MacAddressTests
{
    [Theory]
    [InlineData("00-1A-2B-3C-4D-5E")]
    [InlineData("00:1a:2b:3c:4d:5e")]
    [InlineData("00:1A:2B:3C:4D:5E")]
    [InlineData("001a.2b3c.4d5e")]
    [InlineData("001A2B3C4D5E")]
    [InlineData("001a2b3c4d5e")]
    [InlineData("  00-1a-2B-3c-4D-5e ")]
    public void CommonSpellingsNormaliseToOneForm(string spelling) =>
        Assert.Equal("00-1A-2B-3C-4D-5E", MacAddress.Normalize(spelling));

    [Theory]
    [InlineData("00-1A-2B-3C-4D", "is not a MAC ID")]          // too short
    [InlineData("00-1A-2B-3C-4D-5E-6F", "is not a MAC ID")]    // too long
    [InlineData("00-1A-2B-3C-4D-5G", "is not a MAC ID")]       // not hex
    [InlineData("00:1A-2B:3C-4D:5E", "is not a MAC ID")]       // mixed separators
    [InlineData("00-00-00-00-00-00", "all-zero")]
    [InlineData("FF-FF-FF-FF-FF-FF", "broadcast")]
    [InlineData("01-00-5E-00-00-FB", "multicast")]
    public void InvalidMacIdsAreRefusedWithTheReason(string spelling, string reason)
    {
        var error = Assert.Throws<FormatException>(() => MacAddress.Normalize(spelling));
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("001A2B3C4D5E", null)]
    [InlineData("021A2B3C4D5E", null)] // locally administered: still one machine's
    [InlineData("000000000000", MacAddressProblem.AllZero)]
    [InlineData("FFFFFFFFFFFF", MacAddressProblem.Broadcast)]
    [InlineData("011A2B3C4D5E", MacAddressProblem.Multicast)]
    [InlineData("001A2B3C4D", MacAddressProblem.WrongLength)]
    [InlineData("", MacAddressProblem.WrongLength)]
    public void OneRuleSaysWhichBytesIdentifyAMachine(string hex, MacAddressProblem? expected)
    {
        Assert.Equal(expected, MacAddress.ProblemOf(Convert.FromHexString(hex)));
        // The text a user gives is held to the same rule.
        if (hex.Length == 12) Assert.Equal(expected is null, MacAddress.TryNormalize(hex, out _, out _));
    }
}
