using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

/// <summary>A correctly signed key checked against time, revocations and where it is used.</summary>
public sealed class LicenseVerifierPolicyTests(EcdsaAuthorityFixture authority) : IClassFixture<EcdsaAuthorityFixture>
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private DateTimeOffset Now => authority.Now;

    [Fact]
    public void TheDefaultClockSkewIsFiveMinutes() => Assert.Equal(Skew, authority.Verifier.ClockSkew);

    [Fact]
    public void AKeyBeforeItsNotBeforeIsNotYetValid()
    {
        var start = Now.AddDays(1);
        var result = Verify(SamplePayloads.License(Now) with { NotBefore = start }, Now);

        Assert.Equal(LicenseStatus.NotYetValid, result.Status);
        Assert.Equal(start, result.NotBefore);
    }

    [Fact]
    public void NotBeforeToleratesTheClockSkewAndNoMore()
    {
        var start = Now.AddDays(1);
        var payload = SamplePayloads.License(Now) with { NotBefore = start };

        Assert.Equal(LicenseStatus.Valid, Verify(payload, start - Skew).Status);
        Assert.Equal(LicenseStatus.NotYetValid, Verify(payload, start - Skew - TimeSpan.FromSeconds(1)).Status);
    }

    [Fact]
    public void AKeyPastItsExpiryIsExpiredWithNegativeRemaining()
    {
        var payload = SamplePayloads.License(Now) with { ExpiresAt = Now.AddDays(10) };

        var result = Verify(payload, Now.AddDays(11));

        Assert.Equal(LicenseStatus.Expired, result.Status);
        Assert.Equal(TimeSpan.FromDays(-1), result.Remaining);
    }

    [Fact]
    public void WithoutClockSkewAKeyIsExpiredAtExactlyExpiresAt()
    {
        var expires = Now.AddDays(10);
        var payload = SamplePayloads.License(Now) with { ExpiresAt = expires };
        var strict = new LicenseVerifier(authority.Trust) { ClockSkew = TimeSpan.Zero };
        var der = authority.Issuer.Sign(payload);

        Assert.Equal(LicenseStatus.Valid, strict.Verify(der, authority.At(expires.AddSeconds(-1))).Status);
        Assert.Equal(LicenseStatus.Expired, strict.Verify(der, authority.At(expires)).Status);
    }

    [Fact]
    public void ExpiryToleratesTheClockSkewAndNoMore()
    {
        var expires = Now.AddDays(10);
        var payload = SamplePayloads.License(Now) with { ExpiresAt = expires };

        Assert.Equal(LicenseStatus.Valid, Verify(payload, expires).Status);
        Assert.Equal(LicenseStatus.Valid, Verify(payload, expires + Skew - TimeSpan.FromSeconds(1)).Status);
        Assert.Equal(LicenseStatus.Expired, Verify(payload, expires + Skew).Status);
    }

    [Fact]
    public void APerpetualKeyNeverExpiresWhileItsIssuerIsValid()
    {
        var result = Verify(SamplePayloads.License(Now) with { ExpiresAt = null }, Now.AddYears(9));

        Assert.Equal(LicenseStatus.Valid, result.Status);
        Assert.Null(result.Remaining);
        Assert.Contains("perpetual", result.Message);
    }

    [Fact]
    public void ARevokedSerialIsRevokedWithWhenAndWhy()
    {
        var payload = SamplePayloads.License(Now);
        var revokedAt = Now.AddHours(1);
        var revocations = new RevocationSet(new Dictionary<string, (DateTimeOffset, string?)>
        {
            [payload.Serial] = (revokedAt, "refunded"),
            [LicenseSerial.NewSerial()] = (revokedAt, null),
        });

        var result = Verify(payload, Now.AddHours(2), new VerificationContext { Revocations = revocations });

        Assert.Equal(LicenseStatus.Revoked, result.Status);
        Assert.Equal(revokedAt, result.RevokedAt);
        Assert.Contains("refunded", result.Message);
    }

    [Fact]
    public void AnotherSerialInTheRevocationListLeavesTheKeyValid()
    {
        var revocations = new RevocationSet(new Dictionary<string, (DateTimeOffset, string?)> { [LicenseSerial.NewSerial()] = (Now, null) });
        var result = Verify(SamplePayloads.License(Now), Now, new VerificationContext { Revocations = revocations });

        Assert.Equal(LicenseStatus.Valid, result.Status);
        Assert.Null(result.RevokedAt);
    }

    [Theory]
    [InlineData("ProGet", LicenseStatus.Valid)]
    [InlineData("proget", LicenseStatus.Valid)]
    [InlineData("BuildMaster", LicenseStatus.ProductMismatch)]
    [InlineData("ProGet2", LicenseStatus.ProductMismatch)]
    public void TheProductMustMatchWhenAsked(string product, LicenseStatus expected) =>
        Assert.Equal(expected, Verify(SamplePayloads.License(Now), Now, new VerificationContext { Product = product }).Status);

    [Fact]
    public void AKeyForNoProductDoesNotMatchAProduct()
    {
        var result = Verify(SamplePayloads.Agent(Now), Now, new VerificationContext { Product = "ProGet" });
        Assert.Equal(LicenseStatus.ProductMismatch, result.Status);
    }

    [Theory]
    [InlineData(SamplePayloads.Organization, LicenseStatus.Valid)]
    [InlineData("org-7F3A9C", LicenseStatus.Valid)]
    [InlineData("ORG-000000", LicenseStatus.OrganizationMismatch)]
    public void TheOrganizationMustMatchWhenAsked(string organization, LicenseStatus expected)
    {
        var context = new VerificationContext { OrganizationId = organization };
        Assert.Equal(expected, Verify(SamplePayloads.Agent(Now), Now, context).Status);
        Assert.Equal(expected, Verify(SamplePayloads.TemporaryOrganization(Now), Now, context, authority.SuperAdmin).Status);
    }

    [Fact]
    public void AnOrganizationAskedOfAKeyWithoutOneIsNotChecked() =>
        Assert.Equal(LicenseStatus.Valid,
            Verify(SamplePayloads.License(Now), Now, new VerificationContext { OrganizationId = "ORG-000000" }).Status);

    [Theory]
    [InlineData(SamplePayloads.MacId, LicenseStatus.Valid)]
    [InlineData("00-1a-2b-3c-4d-5e", LicenseStatus.Valid)]
    [InlineData("00-1A-2B-3C-4D-5F", LicenseStatus.MachineMismatch)]
    public void TheMachineMustMatchWhenAsked(string macId, LicenseStatus expected) =>
        Assert.Equal(expected, Verify(SamplePayloads.Agent(Now), Now, new VerificationContext { MacId = macId }).Status);

    [Fact]
    public void TheMismatchNamesBothMachines()
    {
        var result = Verify(SamplePayloads.Agent(Now), Now, new VerificationContext { MacId = "02-00-00-00-00-01" });

        Assert.Equal(LicenseStatus.MachineMismatch, result.Status);
        Assert.Contains(SamplePayloads.MacId, result.Message);
        Assert.Contains("02-00-00-00-00-01", result.Message);
    }

    [Fact]
    public void ByDefaultAnAgentKeyVerifiesTheSameOnEveryMachine()
    {
        var asked = 0;
        var context = new VerificationContext { ThisMachineSource = () => { asked++; return Machine("02-00-00-00-00-01"); } };

        Assert.Equal(LicenseStatus.Valid, Verify(SamplePayloads.Agent(Now), Now, context).Status);
        Assert.Equal(0, asked);
    }

    [Fact]
    public void CompareWithThisMachineChecksAnAgentKeyAgainstThisMachinesMacIdLookedUpOnce()
    {
        var asked = 0;
        var other = new VerificationContext { CompareWithThisMachine = true, ThisMachineSource = () => { asked++; return Machine("02-00-00-00-00-01"); } };
        var mismatch = Verify(SamplePayloads.Agent(Now), Now, other);
        Assert.Equal(LicenseStatus.MachineMismatch, mismatch.Status);
        Assert.Contains("this machine's MAC ID 02-00-00-00-00-01 (eth9)", mismatch.Message);

        var mine = new VerificationContext { CompareWithThisMachine = true, ThisMachineSource = () => { asked++; return Machine(SamplePayloads.MacId); } };
        var valid = Verify(SamplePayloads.Agent(Now), Now, mine);
        Assert.Equal(LicenseStatus.Valid, valid.Status);
        Assert.Contains($"this machine's MAC ID {SamplePayloads.MacId}", valid.Message);

        // One lookup per context, however many keys; none for keys that are not bound to a machine.
        var counted = 0;
        var shared = new VerificationContext { CompareWithThisMachine = true, ThisMachineSource = () => { counted++; return Machine(SamplePayloads.MacId); } } with { At = Now };
        var key = KeyText.Encode(authority.Issuer.Sign(SamplePayloads.License(Now)));
        authority.Verifier.Verify(key, shared);
        Assert.Equal(0, counted);
        var agentKey = KeyText.Encode(authority.Issuer.Sign(SamplePayloads.Agent(Now)));
        for (var i = 0; i < 3; i++) authority.Verifier.Verify(agentKey, shared);
        Assert.Equal(1, counted);
    }

    [Fact]
    public void CompareWithThisMachineWhenNoAdapterQualifiesIsAMismatch()
    {
        var context = new VerificationContext { CompareWithThisMachine = true, ThisMachineSource = () => null };
        var result = Verify(SamplePayloads.Agent(Now), Now, context);
        Assert.Equal(LicenseStatus.MachineMismatch, result.Status);
        Assert.Contains("no adapter of this machine qualifies", result.Message);
    }

    private static Machine.MacIdChoice Machine(string address) => new()
    {
        InterfaceName = "eth9", InterfaceType = System.Net.NetworkInformation.NetworkInterfaceType.Ethernet, Address = address,
        Status = System.Net.NetworkInformation.OperationalStatus.Up, IsPhysical = true, IsLocallyAdministered = false,
        IsEligible = true, IsSelected = true, Reason = "test",
    };

    [Fact]
    public void ATemporaryOrganizationKeyCarriesItsRestrictions()
    {
        var result = Verify(SamplePayloads.TemporaryOrganization(Now), Now, signer: authority.SuperAdmin);

        Assert.Equal(LicenseStatus.Valid, result.Status);
        Assert.True(result.DataConfigurationSavingDisabled);
        Assert.True(result.NoFeedLoginDetails);
        Assert.Equal("dev@partner.example", result.Audience);
    }

    [Fact]
    public void WithoutAMomentTheKeyIsEvaluatedNow()
    {
        var before = DateTimeOffset.UtcNow;
        var result = authority.Verifier.Verify(KeyText.Encode(authority.Issuer.Sign(SamplePayloads.License(Now))));

        Assert.Equal(LicenseStatus.Valid, result.Status);
        Assert.InRange(result.EvaluatedAt, before, DateTimeOffset.UtcNow);
    }

    private LicenseVerification Verify(LicensePayload payload, DateTimeOffset at, VerificationContext? context = null,
        Signing.LicenseSigner? signer = null)
    {
        var key = KeyText.Encode((signer ?? authority.Issuer).Sign(payload));
        return authority.Verifier.Verify(key, (context ?? new VerificationContext()) with { At = at });
    }
}
