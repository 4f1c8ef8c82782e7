using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests;

public sealed class TemporaryOrgLicenseOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static LicenseRecord Key(string serial, double issuedHoursAgo, double ttlHours, string organization = "ORG-1", bool revoked = false) =>
        LicenseRecord.FromPayload(new LicensePayload
        {
            Serial = serial,
            Kind = LicenseKind.TemporaryOrganization,
            OrganizationId = organization,
            IssuedAt = Now.AddHours(-issuedHoursAgo),
            NotBefore = Now.AddHours(-issuedHoursAgo),
            ExpiresAt = Now.AddHours(-issuedHoursAgo + ttlHours),
        }, "ILK1." + serial, "AB") with { RevokedAt = revoked ? Now.AddHours(-1) : null };

    private static IReadOnlyList<TemporaryOrgLicense> Order(params LicenseRecord[] newestFirst) =>
        TemporaryOrgLicense.PortalOrder(newestFirst, Now);

    [Fact]
    public void ActiveKeysNewestFirstThenOnlyTheKeyThatExpiredLast()
    {
        // Issued (hours ago) and TTL: A1 10h/24h, E1 9h/1h (expired 8h ago), A2 6h/24h, E2 5h/4h (expired 1h ago), A3 1h/4h, E3 20h/8h.
        var listing = Order(Key("A3", 1, 4), Key("E2", 5, 4), Key("A2", 6, 24), Key("E1", 9, 1), Key("A1", 10, 24), Key("E3", 20, 8));
        Assert.Equal(["A3", "A2", "A1", "E2"], listing.Select(l => l.Serial));
        Assert.Equal([RecordState.Active, RecordState.Active, RecordState.Active, RecordState.Expired], listing.Select(l => l.Status));
        Assert.Equal(TimeSpan.FromHours(3), listing[0].Remaining);
        Assert.Equal(TimeSpan.FromHours(-1), listing[3].Remaining);
    }

    [Fact]
    public void TheLatestExpiredKeyIsTheOneThatExpiredLastNotTheOneIssuedLast()
    {
        // E-new was issued later but lived 1h; E-old lived 169h and expired an hour after it.
        var listing = Order(Key("E-new", 3, 1), Key("E-old", 170, 169));
        Assert.Equal(["E-old"], listing.Select(l => l.Serial));
    }

    [Fact]
    public void KeysIssuedInTheSameSecondKeepTheCallersIssueOrder()
    {
        var listing = Order(Key("C", 1, 4), Key("B", 1, 4), Key("A", 1, 4));
        Assert.Equal(["C", "B", "A"], listing.Select(l => l.Serial));
    }

    [Fact]
    public void RevokedKeysAndKeysNotYetIssuedAreLeftOut()
    {
        var listing = Order(Key("future", -1, 4), Key("revoked", 1, 4, revoked: true), Key("active", 2, 4));
        Assert.Equal(["active"], listing.Select(l => l.Serial));
    }

    [Fact]
    public void EachOrganisationGetsItsOwnBlock()
    {
        var listing = Order(Key("B-active", 1, 4, "ORG-B"), Key("A-active", 2, 4, "ORG-A"), Key("B-expired", 5, 1, "ORG-B"),
            Key("A-expired", 6, 1, "ORG-A"), Key("A-older-expired", 9, 1, "ORG-A"));
        Assert.Equal(["A-active", "A-expired", "B-active", "B-expired"], listing.Select(l => l.Serial));
    }

    [Fact]
    public void OtherKindsAreIgnored()
    {
        var key = Key("agent", 1, 4);
        var agent = key with { Payload = key.Payload with { Kind = LicenseKind.Agent } };
        Assert.Empty(Order(agent));
    }
}
