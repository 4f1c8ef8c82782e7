using InedoLicense.Catalogue;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using InedoLicense.Terms;

namespace InedoLicense.Core.Tests;

/// <summary>
/// A key carries whole seconds from 1970 to the end of 9999 (docs/key-format.md, UnixTime): issuance refuses any
/// other time, so that no key is issued that every verifier calls Malformed; and what looks like a mistake is said.
/// </summary>
public sealed class KeyTimeRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static ProductCatalogue Catalogue => ProductCatalogue.Default;

    private static LicensePayload Skeleton(LicenseKind kind = LicenseKind.License) =>
        new() { Serial = LicenseSerial.NewSerial(), Kind = kind, IssuedAt = Now, NotBefore = Now };

    private static LicensePayload Plan(TermRequest term, string edition = "Basic") =>
        LicensePlanner.NewLicense(Skeleton(), Catalogue, "ProGet", "Contoso", edition, term);

    [Theory]
    [InlineData("0205-03-15T00:00:00Z", "NotBefore")]
    [InlineData("1969-12-31T23:59:59Z", "NotBefore")]
    public void AStartBefore1970IsRefused(string start, string field)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Plan(new TermRequest(Months: 12, NotBefore: DateTimeOffset.Parse(start))));
        Assert.Equal(field, e.ParamName);
        Assert.Contains("1970-01-01", e.Message);
    }

    [Fact]
    public void ATermEndingAfter9999IsRefusedWithAMessageNotARawRangeError()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Plan(new TermRequest(Months: 1200, NotBefore: new DateTimeOffset(9990, 1, 1, 0, 0, 0, TimeSpan.Zero))));
        Assert.IsNotType<ArgumentOutOfRangeException>(e);
        Assert.Equal("Months", e.ParamName);
        Assert.Contains("9999-12-31", e.Message);
        // A paid edition's default term and a trial's 30 days are checked the same way.
        Assert.ThrowsAny<ArgumentException>(() => Plan(new TermRequest(NotBefore: new DateTimeOffset(9999, 6, 1, 0, 0, 0, TimeSpan.Zero))));
        Assert.ThrowsAny<ArgumentException>(() => Plan(new TermRequest(NotBefore: new DateTimeOffset(9999, 12, 15, 0, 0, 0, TimeSpan.Zero)), "Trial"));
    }

    [Fact]
    public void TheLastMomentAKeyCanCarryIsAccepted()
    {
        var payload = Plan(new TermRequest(ExpiresAt: LicenseTerm.LatestTime));
        Assert.Equal(LicenseTerm.LatestTime, payload.ExpiresAt);
        PayloadRules.Validate(payload);
        Assert.Equal(new DateTimeOffset(9999, 12, 1, 0, 0, 0, TimeSpan.Zero),
            LicenseTerm.TryAddMonths(new DateTimeOffset(9999, 11, 1, 0, 0, 0, TimeSpan.Zero), 1));
        Assert.Null(LicenseTerm.TryAddMonths(new DateTimeOffset(9999, 12, 1, 0, 0, 0, TimeSpan.Zero), 1));
    }

    [Theory]
    [InlineData("NotBefore")]
    [InlineData("ExpiresAt")]
    [InlineData("IssuedAt")]
    public void ThePayloadRulesRefuseATimeOutsideTheRange(string field)
    {
        var early = new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var payload = SamplePayloads.Agent(Now) with { ExpiresAt = null };
        payload = field switch
        {
            "NotBefore" => payload with { NotBefore = early },
            "ExpiresAt" => payload with { ExpiresAt = early },
            _ => payload with { IssuedAt = early },
        };
        var e = Assert.ThrowsAny<ArgumentException>(() => { PayloadRules.Validate(payload); });
        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void ATermThatIsAlreadyOverIsNamed()
    {
        var past = Plan(new TermRequest(Months: 1, NotBefore: new DateTimeOffset(2025, 1, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains("already expired", LicensePlanner.AlreadyOver(past, Now));
        Assert.Null(LicensePlanner.AlreadyOver(Plan(new TermRequest(Months: 1)), Now));
        Assert.Null(LicensePlanner.AlreadyOver(Plan(new TermRequest(), "Free"), Now));
    }

    [Fact]
    public void AStopgapIsDueOnlyInTheLast30DaysOfATermOrAfterIt()
    {
        LicenseRecord Ending(DateTimeOffset end) => LicenseRecord.FromPayload(
            Plan(new TermRequest(ExpiresAt: end, NotBefore: end.AddMonths(-12))), "ILK1.x", "thumbprint");

        Assert.Contains("more days", StopgapPolicy.TooEarly(Ending(Now.AddMonths(12)), Now));
        Assert.NotNull(StopgapPolicy.TooEarly(Ending(Now.AddDays(31)), Now));
        Assert.Null(StopgapPolicy.TooEarly(Ending(Now.AddDays(30)), Now));
        Assert.Null(StopgapPolicy.TooEarly(Ending(Now.AddDays(-3)), Now));
        Assert.Null(StopgapPolicy.TooEarly(null, Now));
    }

    [Fact]
    public void FeaturesReadAsTextInReportsAndExports()
    {
        var record = LicenseRecord.FromPayload(Plan(new TermRequest(), "Enterprise"), "ILK1.x", "thumbprint");
        Assert.Equal("FeedReplication", record.Features.ToString());
        Assert.Equal("Enterprise (Paid: FeedReplication)", Catalogue.Resolve("ProGet", "Enterprise").Edition.ToString());
    }
}
