using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

public sealed class TemporaryOrgListingTests
{
    private static string Serial(PSObject o) => (string)o.Properties["Serial"].Value;

    [Fact]
    public void ActiveKeysNewestFirstThenOnlyTheLatestExpiredKey()
    {
        using var session = new ModuleSession();
        // Issue order (within the same second or two): expired-soon (1h), active-1 (1d), expired-later (4h), active-2 (3d), active-3 (7d).
        var issued = session.Run("""
            'ORG-1,1h', 'ORG-1,1d', 'ORG-1,4h', 'OTHER,1d', 'ORG-1,3d', 'ORG-1,7d' | ForEach-Object {
                $organization, $ttl = $_ -split ','
                New-TemporaryOrgLicense -OrganizationId $organization -Ttl $ttl -IssuedTo "dev-$ttl" -StorePath $StorePath
            }
            """).Where(k => (string)k.Properties["OrganizationId"].Value == "ORG-1").Select(Serial).ToList();
        var (expiredSoon, active1, expiredLater, active2, active3) = (issued[0], issued[1], issued[2], issued[3], issued[4]);

        // Five hours on, the 1h and 4h keys have expired: three active, two expired.
        var listing = session.Run("Get-TemporaryOrgLicense -OrganizationId ORG-1 -At ([DateTimeOffset]::UtcNow.AddHours(5)) -StorePath $StorePath");
        Assert.Equal([active3, active2, active1, expiredLater], listing.Select(Serial));
        Assert.DoesNotContain(expiredSoon, listing.Select(Serial));
        Assert.Equal(["Active", "Active", "Active", "Expired"], listing.Select(o => o.Properties["Status"].Value.ToString()));
        var remaining = listing.Select(o => (TimeSpan)o.Properties["Remaining"].Value).ToList();
        Assert.InRange(remaining[2], TimeSpan.FromHours(18.9), TimeSpan.FromHours(19));
        Assert.InRange(remaining[3], TimeSpan.FromHours(-1.1), TimeSpan.FromHours(-1));
        Assert.Equal(["dev-7d", "dev-3d", "dev-1d", "dev-4h"], listing.Select(o => (string)o.Properties["IssuedTo"].Value));

        // Now, all five are active, newest first.
        var now = session.Run("Get-TemporaryOrgLicense ORG-1 -StorePath $StorePath");
        Assert.Equal([active3, active2, expiredLater, active1, expiredSoon], now.Select(Serial));
        Assert.All(now, o => Assert.True((TimeSpan)o.Properties["Remaining"].Value > TimeSpan.Zero));
    }

    [Fact]
    public void RevokedKeysAreNotListedAndTheListingPipesIntoTestLicenseKey()
    {
        using var session = new ModuleSession();
        var keys = session.Run("1..2 | ForEach-Object { New-TemporaryOrgLicense -OrganizationId ORG-1 -Ttl 1h -StorePath $StorePath }");
        session.Run("Revoke-License -Serial $args[0] -Confirm:$false -StorePath $StorePath", Serial(keys[0]));
        var listing = session.Run("Get-TemporaryOrgLicense -OrganizationId ORG-1 -StorePath $StorePath");
        Assert.Equal([Serial(keys[1])], listing.Select(Serial));
        var verified = session.Run("Get-TemporaryOrgLicense -OrganizationId ORG-1 -StorePath $StorePath | Test-LicenseKey -StorePath $StorePath").Single();
        Assert.Equal("Valid", verified.Properties["Status"].Value.ToString());
        Assert.Empty(session.Run("Get-TemporaryOrgLicense -OrganizationId NOBODY -StorePath $StorePath"));
    }
}
