using InedoLicense.Catalogue;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests;

public sealed class LicensePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static ProductCatalogue Catalogue => ProductCatalogue.Default;

    private static LicensePayload Skeleton(LicenseKind kind = LicenseKind.License) =>
        new() { Serial = LicenseSerial.NewSerial(), Kind = kind, IssuedAt = Now, NotBefore = Now };

    private static LicenseRecord Record(LicensePayload payload) => LicenseRecord.FromPayload(payload, "ILK1.x", "thumbprint");

    [Fact]
    public void APaidKeyWithoutATermGetsTheProductsDefaultTerm()
    {
        var payload = LicensePlanner.NewLicense(Skeleton(), Catalogue, "proget", "Contoso", "enterprise", new TermRequest());
        Assert.Equal(("ProGet", "Enterprise"), (payload.Product, payload.Edition));
        Assert.Equal(Now, payload.NotBefore);
        Assert.Equal(Now.AddYears(1), payload.ExpiresAt);
        Assert.Equal(["FeedReplication"], payload.Features);
        Assert.Null(payload.Banner);
    }

    [Fact]
    public void AFreeKeyIsPerpetualUnlessGivenATerm()
    {
        Assert.Null(LicensePlanner.NewLicense(Skeleton(), Catalogue, "Otter", "Contoso", "Free", new TermRequest()).ExpiresAt);
        Assert.Equal(Now.AddMonths(3), LicensePlanner.NewLicense(Skeleton(), Catalogue, "Otter", "Contoso", "Free", new TermRequest(Months: 3)).ExpiresAt);
    }

    [Fact]
    public void ATrialKeyLasts30DaysWithTheBannerAndThePaidFeatures()
    {
        var payload = LicensePlanner.NewLicense(Skeleton(), Catalogue, "BuildMaster", "Contoso", "Trial", new TermRequest());
        Assert.Equal(Now.AddDays(30), payload.ExpiresAt);
        Assert.Equal("trial", payload.Banner);
        Assert.Equal(["Servers=Unlimited"], payload.Features);
    }

    [Fact]
    public void NotBeforeStartsTheTermAtTheContractsDate()
    {
        var payload = LicensePlanner.NewLicense(Skeleton(), Catalogue, "ProGet", "Contoso", "Basic",
            new TermRequest(Months: 1, NotBefore: new DateTimeOffset(2024, 1, 31, 8, 0, 0, 500, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2024, 1, 31, 8, 0, 0, TimeSpan.Zero), payload.NotBefore); // whole seconds
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 8, 0, 0, TimeSpan.Zero), payload.ExpiresAt);
    }

    [Fact]
    public void ARenewalStartsAtTheOldExpiryAndKeepsTheOldTermsLength()
    {
        var old = Record(LicensePlanner.NewLicense(Skeleton(), Catalogue, "ProGet", "Contoso", "Basic",
            new TermRequest(Months: 6, NotBefore: Now.AddMonths(-7))));
        Assert.True(old.ExpiresAt < Now); // lapsed a month ago

        var renewal = LicensePlanner.Renewal(Skeleton(), Catalogue, old, null, null, null, new TermRequest());
        Assert.Equal(old.ExpiresAt, renewal.NotBefore);
        Assert.Equal(old.ExpiresAt!.Value.AddMonths(6), renewal.ExpiresAt);
        Assert.Equal((old.Serial, "ProGet", "Contoso", "Basic"), (renewal.RenewalOf, renewal.Product, renewal.Customer, renewal.Edition));
    }

    [Fact]
    public void ARenewalOfALicenceStillRunningStartsInTheFuture()
    {
        var old = Record(LicensePlanner.NewLicense(Skeleton(), Catalogue, "ProGet", "Contoso", "Basic", new TermRequest(Months: 12)));
        var renewal = LicensePlanner.Renewal(Skeleton(), Catalogue, old, null, null, "Enterprise", new TermRequest(Months: 24));
        Assert.Equal(Now.AddMonths(12), renewal.NotBefore);
        Assert.Equal(Now.AddMonths(36), renewal.ExpiresAt);
        Assert.Equal(["FeedReplication"], renewal.Features);
    }

    [Theory]
    [InlineData("stopgap")]
    [InlineData("perpetual")]
    [InlineData("product")]
    [InlineData("free edition")]
    [InlineData("already over")]
    [InlineData("NotBefore")]
    public void ImpossibleRenewalsAreRefusedWithAReason(string reason)
    {
        var paid = Record(LicensePlanner.NewLicense(Skeleton(), Catalogue, "ProGet", "Contoso", "Basic", new TermRequest(Months: 12)));
        var (old, product, edition, term) = reason switch
        {
            "stopgap" => (Record(LicensePlanner.Stopgap(Skeleton(LicenseKind.Stopgap), Catalogue, "ProGet", "Contoso", StopgapReason.Other)), null, null, new TermRequest()),
            "perpetual" => (Record(LicensePlanner.NewLicense(Skeleton(), Catalogue, "ProGet", "Contoso", "Free", new TermRequest())), null, null, new TermRequest()),
            "product" => (paid, "Otter", null, new TermRequest()),
            "free edition" => (paid, null, "Free", new TermRequest()),
            "already over" => (paid with { Payload = paid.Payload with { NotBefore = Now.AddYears(-3), ExpiresAt = Now.AddYears(-2) } }, null, null, new TermRequest()),
            _ => (paid, (string?)null, (string?)null, new TermRequest(NotBefore: Now)),
        };
        var e = Assert.Throws<InvalidRenewalException>(() => LicensePlanner.Renewal(Skeleton(), Catalogue, old, product, null, edition, term));
        Assert.Equal(old.Serial, e.Serial);
        Assert.Contains(reason == "free edition" ? "Free edition" : reason, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AStopgapIsATrialKeyFor30DaysThatSaysWhy()
    {
        var payload = LicensePlanner.Stopgap(Skeleton(LicenseKind.Stopgap), Catalogue, "otter", "Contoso", StopgapReason.RenewalContactLeft);
        Assert.Equal((LicenseKind.Stopgap, "Otter", "Trial", "trial"), (payload.Kind, payload.Product, payload.Edition, payload.Banner));
        Assert.Equal(Now.AddDays(30), payload.ExpiresAt);
        Assert.Equal(["Servers=Unlimited"], payload.Features);
        Assert.Equal("RenewalContactLeft", payload.Purpose);
        PayloadRules.Validate(payload);
    }
}
