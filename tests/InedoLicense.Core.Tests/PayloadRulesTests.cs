using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;

namespace InedoLicense.Core.Tests;

public sealed class PayloadRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
    private static readonly string TooLong = new('x', PayloadRules.MaxTextLength + 1);

    // Each refused payload and the field the refusal must name.
    private static readonly Dictionary<string, (LicensePayload Payload, string Field)> Refused = new()
    {
        ["line break in Customer"] = (SamplePayloads.License(Now) with { Customer = "Contoso\nForged: line" }, "Customer"),
        ["carriage return in Edition"] = (SamplePayloads.License(Now) with { Edition = "Basic\r" }, "Edition"),
        ["tab in Product"] = (SamplePayloads.License(Now) with { Product = "Pro\tGet" }, "Product"),
        ["NUL in Banner"] = (SamplePayloads.Stopgap(Now) with { Banner = "trial\0" }, "Banner"),
        ["escape in Audience"] = (SamplePayloads.TemporaryOrganization(Now) with { Audience = "dev\u001b[31m" }, "Audience"),
        // Bidirectional controls make a name display as another (issue 14): an override, an isolate, a mark.
        ["right-to-left override in Customer"] = (SamplePayloads.License(Now) with { Customer = "Contoso \u202Edtl" }, "Customer"),
        ["left-to-right isolate in Purpose"] = (SamplePayloads.TemporaryOrganization(Now) with { Purpose = "ticket \u2066123\u2069" }, "Purpose"),
        ["right-to-left mark in OrganizationId"] = (SamplePayloads.Agent(Now) with { OrganizationId = "ORG-\u200F1" }, "OrganizationId"),
        ["Arabic letter mark in a feature"] = (SamplePayloads.License(Now) with { Features = ["Servers=\u061C10"] }, "Features"),
        ["control character in a feature"] = (SamplePayloads.License(Now) with { Features = ["Servers=10", "Feed\nReplication"] }, "Features"),
        ["empty feature"] = (SamplePayloads.License(Now) with { Features = [""] }, "Features"),
        ["blank Customer"] = (SamplePayloads.License(Now) with { Customer = "   " }, "Customer"),
        ["over-long Customer"] = (SamplePayloads.License(Now) with { Customer = TooLong }, "Customer"),
        ["over-long Purpose"] = (SamplePayloads.TemporaryOrganization(Now) with { Purpose = TooLong }, "Purpose"),
        ["over-long OrganizationId"] = (SamplePayloads.Agent(Now) with { OrganizationId = TooLong }, "OrganizationId"),
        ["over-long feature"] = (SamplePayloads.License(Now) with { Features = [TooLong] }, "Features"),
        ["License without Product"] = (SamplePayloads.License(Now) with { Product = null }, "Product"),
        ["License without Customer"] = (SamplePayloads.License(Now) with { Customer = null }, "Customer"),
        ["License without Edition"] = (SamplePayloads.License(Now) with { Edition = "" }, "Edition"),
        ["Stopgap without Product"] = (SamplePayloads.Stopgap(Now) with { Product = null }, "Product"),
        ["Stopgap without Customer"] = (SamplePayloads.Stopgap(Now) with { Customer = null }, "Customer"),
        ["Stopgap without Edition"] = (SamplePayloads.Stopgap(Now) with { Edition = null }, "Edition"),
        ["Stopgap without expiry"] = (SamplePayloads.Stopgap(Now) with { ExpiresAt = null }, "ExpiresAt"),
        ["Agent without OrganizationId"] = (SamplePayloads.Agent(Now) with { OrganizationId = null }, "OrganizationId"),
        ["Agent without MacId"] = (SamplePayloads.Agent(Now) with { MacId = null }, "MacId"),
        ["TemporaryOrganization without OrganizationId"] = (SamplePayloads.TemporaryOrganization(Now) with { OrganizationId = null }, "OrganizationId"),
        ["TemporaryOrganization without expiry"] = (SamplePayloads.TemporaryOrganization(Now) with { ExpiresAt = null }, "ExpiresAt"),
        ["expiry before start"] = (SamplePayloads.License(Now) with { ExpiresAt = Now.AddDays(-1) }, "ExpiresAt"),
        ["expiry at start"] = (SamplePayloads.License(Now) with { ExpiresAt = Now }, "ExpiresAt"),
        ["expiry before a later NotBefore"] = (SamplePayloads.License(Now) with { NotBefore = Now.AddDays(10), ExpiresAt = Now.AddDays(5) }, "ExpiresAt"),
    };

    public static TheoryData<string> RefusedCases => [.. Refused.Keys];

    public static TheoryData<LicenseKind> Kinds => [.. Enum.GetValues<LicenseKind>()];

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public void RefusedPayloadsNameTheField(string refusedCase)
    {
        var (payload, field) = Refused[refusedCase];

        var error = Assert.Throws<ArgumentException>(() => PayloadRules.Validate(payload));

        Assert.Equal(field, error.ParamName);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheSamplePayloadOfEachKindIsAccepted(LicenseKind kind) => PayloadRules.Validate(SamplePayloads.For(kind, Now));

    [Fact]
    public void TextOfExactlyTheMaximumLengthAndUnicodeAreAccepted() =>
        PayloadRules.Validate(SamplePayloads.License(Now) with { Customer = new string('x', PayloadRules.MaxTextLength), Edition = "Édition ✓" });

    [Fact]
    public void NamesInRightToLeftScriptsAreAcceptedOnlyTheControlsAreNot() =>
        PayloadRules.Validate(SamplePayloads.License(Now) with { Customer = "\u05D0\u05D1\u05D2 Ltd", Audience = "\u0634\u0631\u0643\u0629" });

    [Fact]
    public void APerpetualLicenseAndAnAgentWithoutExpiryAreAccepted()
    {
        PayloadRules.Validate(SamplePayloads.License(Now) with { ExpiresAt = null });
        PayloadRules.Validate(SamplePayloads.Agent(Now) with { ExpiresAt = null });
    }

    [Fact]
    public void TheMessageSaysWhatIsWrong()
    {
        Assert.Contains("control character", Assert.Throws<ArgumentException>(() =>
            PayloadRules.Validate(SamplePayloads.License(Now) with { Customer = "a\nb" })).Message);
        Assert.Contains($"at most {PayloadRules.MaxTextLength}", Assert.Throws<ArgumentException>(() =>
            PayloadRules.Validate(SamplePayloads.License(Now) with { Customer = TooLong })).Message);
        Assert.Contains("needs a MacId", Assert.Throws<ArgumentException>(() =>
            PayloadRules.Validate(SamplePayloads.Agent(Now) with { MacId = null })).Message);
    }
}
