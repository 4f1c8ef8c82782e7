using InedoLicense.Issuance;

namespace InedoLicense.Core.Tests;

public sealed class LicenseTtlTests
{
    [Theory]
    [InlineData("1h", "1h", 60)]
    [InlineData("4h", "4h", 240)]
    [InlineData("1d", "1d", 1440)]
    [InlineData("7d", "7d", 10080)]
    [InlineData("30m", "30m", 30)]
    [InlineData("12H", "12h", 720)]
    [InlineData("30d", "30d", 43200)]
    public void ParsesTheTextForm(string text, string canonical, int minutes)
    {
        var ttl = LicenseTtl.Parse(text);
        Assert.Equal(canonical, ttl.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(minutes), ttl.Duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("1")]
    [InlineData("0h")]
    [InlineData("01h")]
    [InlineData("-1h")]
    [InlineData("+1h")]
    [InlineData("1.5h")]
    [InlineData("1 h")]
    [InlineData(" 1h")]
    [InlineData("1h30m")]
    [InlineData("1w")]
    [InlineData("1s")]
    [InlineData("31d")]
    [InlineData("721h")]
    [InlineData("1١h")] // a non-ASCII digit
    public void RefusesAnythingElse(string text)
    {
        Assert.False(LicenseTtl.TryParse(text, out _, out var error));
        Assert.Contains(text, error);
        Assert.Throws<FormatException>(() => LicenseTtl.Parse(text));
    }

    [Fact]
    public void DefaultPolicyIsTheSeedsDropDown()
    {
        Assert.Equal(["1h", "4h", "8h", "1d", "3d", "7d"], TtlPolicy.Default.Allowed.Select(t => t.Ttl));
        Assert.Equal("1h,4h,8h,1d,3d,7d", TtlPolicy.Default.ToString());
    }

    [Fact]
    public void PolicyOrdersByDurationAndDropsDuplicateDurations()
    {
        var policy = TtlPolicy.From(["1d", "30m", "24h", "2h", "1D"]);
        Assert.Equal(["30m", "2h", "1d"], policy.Allowed.Select(t => t.Ttl));
        Assert.Equal("1d", policy.Find(LicenseTtl.Parse("24h"))!.Ttl);
        Assert.Null(policy.Find(LicenseTtl.Parse("1h")));
    }

    [Fact]
    public void PolicyRefusesBadOrNoValues()
    {
        Assert.Throws<FormatException>(() => TtlPolicy.From(["1h", "forever"]));
        Assert.Throws<FormatException>(() => TtlPolicy.From([]));
    }

    [Fact]
    public void DescribesItselfInWords()
    {
        Assert.Equal("1 hour", LicenseTtl.Parse("1h").Describe());
        Assert.Equal("3 days", LicenseTtl.Parse("3d").Describe());
        Assert.Equal("30 minutes", LicenseTtl.Parse("30m").Describe());
    }
}
