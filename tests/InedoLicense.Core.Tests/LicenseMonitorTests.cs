using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;
using Microsoft.Extensions.Time.Testing;

namespace InedoLicense.Core.Tests;

/// <summary>LicenseMonitor on a fake clock: told when a key expires or is revoked, without polling.</summary>
public sealed class LicenseMonitorTests(EcdsaAuthorityFixture authority) : IClassFixture<EcdsaAuthorityFixture>
{
    private static readonly TimeSpan Skew = LicenseVerifier.DefaultClockSkew;
    private DateTimeOffset Now => authority.Now;

    [Fact]
    public void ATemporaryKeyExpiresOnTheFakeClockAndTheMonitorSaysSoOnce()
    {
        var clock = new FakeTimeProvider(Now);
        var key = KeyText.Encode(authority.SuperAdmin.Sign(SamplePayloads.TemporaryOrganization(Now)));  // 8 hours
        using var monitor = new LicenseMonitor(authority.Verifier, key, time: clock);
        var changes = new List<LicenseChangedEventArgs>();
        monitor.Changed += (_, change) => changes.Add(change);

        Assert.True(monitor.IsValid);
        Assert.True(monitor.Current.DataConfigurationSavingDisabled);
        Assert.True(monitor.Current.NoFeedLoginDetails);
        clock.Advance(TimeSpan.FromHours(8) + Skew - TimeSpan.FromSeconds(1));
        Assert.Empty(changes);
        clock.Advance(TimeSpan.FromSeconds(1));

        var change = Assert.Single(changes);
        Assert.Equal(LicenseStatus.Valid, change.Previous.Status);
        Assert.Equal(LicenseStatus.Expired, change.Current.Status);
        Assert.False(monitor.IsValid);
        Assert.Null(monitor.NextCheck);
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Single(changes);
    }

    [Fact]
    public void ItSleepsAtMostTheLongestWaitAndOnlyChecksWhenSomethingCanChange()
    {
        var clock = new FakeTimeProvider(Now);
        var key = KeyText.Encode(authority.Issuer.Sign(SamplePayloads.License(Now) with { ExpiresAt = Now.AddDays(3) }));
        using var monitor = new LicenseMonitor(authority.Verifier, key, time: clock);

        Assert.Equal(Now + LicenseMonitor.DefaultLongestWait, monitor.NextCheck);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(Now.AddHours(2), monitor.NextCheck);

        using var perpetual = new LicenseMonitor(authority.Verifier,
            KeyText.Encode(authority.Issuer.Sign(SamplePayloads.License(Now) with { ExpiresAt = null })), time: clock);
        Assert.Null(perpetual.NextCheck);
    }

    [Fact]
    public void AKeyThatStartsLaterBecomesValidOnTime()
    {
        var clock = new FakeTimeProvider(Now);
        var start = Now.AddMinutes(30);
        var key = KeyText.Encode(authority.Issuer.Sign(SamplePayloads.License(Now) with { NotBefore = start }));
        using var monitor = new LicenseMonitor(authority.Verifier, key, time: clock);
        var statuses = new List<LicenseStatus>();
        monitor.Changed += (_, change) => statuses.Add(change.Current.Status);

        Assert.Equal(LicenseStatus.NotYetValid, monitor.Current.Status);
        clock.Advance(start - Skew - Now);

        Assert.Equal([LicenseStatus.Valid], statuses);
    }

    [Fact]
    public void ANewerRevocationListRevokesAtOnceAndAnOlderOneIsRefused()
    {
        var clock = new FakeTimeProvider(Now);
        var payload = SamplePayloads.TemporaryOrganization(Now);
        using var monitor = new LicenseMonitor(authority.Verifier, KeyText.Encode(authority.SuperAdmin.Sign(payload)), time: clock);
        var changes = new List<LicenseChangedEventArgs>();
        monitor.Changed += (_, change) => changes.Add(change);
        var empty = List([], Now);
        var revoking = List([new RevokedKey(payload.Serial, Now, "partner left")], Now.AddMinutes(1));

        Assert.True(monitor.UseRevocationList(empty));
        Assert.Empty(changes);
        Assert.True(monitor.UseRevocationList(revoking));
        Assert.Equal(LicenseStatus.Revoked, Assert.Single(changes).Current.Status);
        Assert.False(monitor.UseRevocationList(empty));   // older: would un-revoke
        Assert.Equal(LicenseStatus.Revoked, monitor.Current.Status);
        Assert.Same(revoking, monitor.RevocationList);
    }

    [Fact]
    public void AfterDisposeTheTimerNoLongerFires()
    {
        var clock = new FakeTimeProvider(Now);
        var monitor = new LicenseMonitor(authority.Verifier, KeyText.Encode(authority.SuperAdmin.Sign(SamplePayloads.TemporaryOrganization(Now))), time: clock);
        var changed = 0;
        monitor.Changed += (_, _) => changed++;
        monitor.Dispose();

        clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, changed);
        Assert.Throws<ObjectDisposedException>(() => monitor.Refresh());
    }

    [Fact]
    public void FeaturesReadAsPlainValues()
    {
        var result = authority.Verifier.Verify(authority.Issuer.Sign(SamplePayloads.License(Now)), authority.At(Now));

        Assert.True(result.HasFeature("FeedReplication"));
        Assert.True(result.HasFeature("feedreplication"));
        Assert.True(result.HasFeature("Servers"));
        Assert.False(result.HasFeature("Clustering"));
        Assert.Equal("10", result.FeatureValue("Servers"));
        Assert.Null(result.FeatureValue("FeedReplication"));
    }

    private RevocationList List(RevokedKey[] entries, DateTimeOffset issuedAt) =>
        Verification.RevocationList.Verify(RevocationListSigner.Sign(authority.Issuer, entries, issuedAt, issuedAt.AddDays(7)), authority.Trust, Now);
}
