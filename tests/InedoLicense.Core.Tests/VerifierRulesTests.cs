using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

/// <summary>The verifier's rules that issue 13 settled (docs/key-format.md §4.4, §4.5, §5): each as the spec states it.</summary>
public sealed class VerifierRulesTests(EcdsaAuthorityFixture authority) : IClassFixture<EcdsaAuthorityFixture>
{
    private DateTimeOffset Now => authority.Now;

    // Defect 1: at + ClockSkew overflowed and ended the whole command.
    [Theory]
    [InlineData("9999-12-31T23:55:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:02:00Z")]
    public void AnyMomentCanBeEvaluated(string moment)
    {
        var at = DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture);
        var expiring = authority.Issuer.Sign(SamplePayloads.License(Now));
        var perpetual = authority.Issuer.Sign(SamplePayloads.License(Now) with { ExpiresAt = null });
        var late = at.Year == 9999;

        Assert.Equal(late ? LicenseStatus.Expired : LicenseStatus.NotYetValid, authority.Verifier.Verify(expiring, authority.At(at)).Status);
        Assert.Equal(late ? LicenseStatus.Valid : LicenseStatus.NotYetValid, authority.Verifier.Verify(perpetual, authority.At(at)).Status);
    }

    [Fact]
    public void TheExtremesOfDateTimeOffsetCanBeEvaluated()
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now));
        Assert.Equal(LicenseStatus.Expired, authority.Verifier.Verify(der, authority.At(DateTimeOffset.MaxValue)).Status);
        Assert.Equal(LicenseStatus.NotYetValid, authority.Verifier.Verify(der, authority.At(DateTimeOffset.MinValue)).Status);
    }

    [Fact]
    public void ANegativeClockSkewIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LicenseVerifier(authority.Trust) { ClockSkew = TimeSpan.FromMinutes(-1) });

    // Defect 2: an issuer key that is neither ECDSA nor RSA threw CryptographicException out of the verifier.
    [Fact]
    public void AnEd25519IssuerIsUntrustedIssuerNamingItsKey()
    {
        using var root = CustomIssuers.Root("Ed25519", Now.AddDays(-1), Now.AddYears(10));
        using var ed25519 = CustomIssuers.Ed25519Issuer(root, Now.AddDays(-1), Now.AddYears(1));
        using var trust = CustomIssuers.Bundle(root);
        var der = CustomIssuers.KeyClaimingSigner(ed25519, SamplePayloads.License(Now));

        var result = new LicenseVerifier(trust).Verify(der, authority.At(Now));

        Assert.Equal(LicenseStatus.UntrustedIssuer, result.Status);
        Assert.Contains("Ed25519", result.Message);
    }

    [Fact]
    public void AFailureNobodyForesawIsThatKeysStatus()
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now));
        var context = new VerificationContext { At = Now, Revocations = new ThrowingRevocations() };

        var result = authority.Verifier.Verify(der, context);

        Assert.Equal(LicenseStatus.VerificationFailed, result.Status);
        Assert.Contains("IOException", result.Message);
        Assert.False(result.IsValid);
    }

    // Defect 3 and the moment a chain is judged: the key's IssuedAt, against the chain's window, without skew.
    [Fact]
    public void NoClockSkewAppliesToTheIssuerChain()
    {
        var validFrom = new DateTimeOffset(authority.Issuer.Certificate.NotBefore.ToUniversalTime());
        var justBefore = authority.Issuer.Sign(SamplePayloads.License(validFrom.AddSeconds(-1)) with { ExpiresAt = null });

        Assert.Equal(LicenseStatus.UntrustedIssuer, authority.Verifier.Verify(justBefore, authority.At(Now)).Status);
    }

    // Several bundle certificates with one key identifier (an issuer renewed with the same key pair): each is tried.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryCertificateWithTheSignersKeyIdentifierIsTried(bool expiredFirst)
    {
        using var root = CustomIssuers.Root("Renewing", Now.AddYears(-12), Now.AddYears(10));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var old = CustomIssuers.Issuer(root, "Renewing Issuer", key, Now.AddYears(-12), Now.AddYears(-2));
        using var renewed = CustomIssuers.Issuer(root, "Renewing Issuer", key, Now.AddYears(-2), Now.AddYears(8));
        Assert.Equal(Certificates.SubjectKeyId(old), Certificates.SubjectKeyId(renewed));
        using var trust = expiredFirst ? CustomIssuers.Bundle(root, old, renewed) : CustomIssuers.Bundle(root, renewed, old);
        using var signer = new LicenseSigner(renewed);
        var verifier = new LicenseVerifier(trust);

        var recent = verifier.Verify(signer.Sign(SamplePayloads.License(Now)), authority.At(Now));
        var ancient = verifier.Verify(signer.Sign(SamplePayloads.License(Now.AddYears(-5))), authority.At(Now.AddYears(-5)));

        Assert.Equal(LicenseStatus.Valid, recent.Status);
        Assert.Equal(renewed.Thumbprint, recent.IssuerThumbprint);
        Assert.Equal(LicenseStatus.Valid, ancient.Status);
        Assert.Equal(old.Thumbprint, ancient.IssuerThumbprint);
    }

    [Fact]
    public void ACandidateWithTheRoleWinsOverOneWithout()
    {
        using var root = CustomIssuers.Root("Roles", Now.AddDays(-1), Now.AddYears(10));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ordinary = CustomIssuers.Issuer(root, "Roles Issuer", key, Now.AddDays(-1), Now.AddYears(5), [IssuerRole.Issuer]);
        using var superAdmin = CustomIssuers.Issuer(root, "Roles SuperAdmin", key, Now.AddDays(-1), Now.AddYears(5), [IssuerRole.SuperAdmin]);
        using var trust = CustomIssuers.Bundle(root, ordinary, superAdmin);
        using var signer = new LicenseSigner(ordinary);

        var result = new LicenseVerifier(trust).Verify(signer.Sign(SamplePayloads.TemporaryOrganization(Now)), authority.At(Now));

        Assert.Equal(LicenseStatus.Valid, result.Status);
        Assert.Equal(superAdmin.Thumbprint, result.IssuerThumbprint);
    }

    // What a signer certificate must be (§4.5).
    public static TheoryData<string, string> UnfitSigners => new()
    {
        { "ca", "CA certificate" },
        { "no-digital-signature", "digitalSignature" },
        { "no-key-usage", "digitalSignature" },
        { "p384", "P-384" },
        { "rsa1024", "1024 bits" },
    };

    [Theory]
    [MemberData(nameof(UnfitSigners))]
    public void ASignerCertificateUnfitToSignIsUntrustedIssuer(string unfit, string named)
    {
        using var root = CustomIssuers.Root("Unfit", Now.AddDays(-1), Now.AddYears(10));
        using AsymmetricAlgorithm key = unfit switch
        {
            "p384" => ECDsa.Create(ECCurve.NamedCurves.nistP384),
            "rsa1024" => RSA.Create(1024),
            _ => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        };
        using var issuer = CustomIssuers.Issuer(root, "Unfit Issuer", key, Now.AddDays(-1), Now.AddYears(5),
            certificateAuthority: unfit == "ca",
            usage: unfit switch { "no-digital-signature" => X509KeyUsageFlags.NonRepudiation, "no-key-usage" => null, _ => X509KeyUsageFlags.DigitalSignature });
        using var trust = CustomIssuers.Bundle(root, issuer);
        using var signer = new LicenseSigner(issuer);

        var result = new LicenseVerifier(trust).Verify(signer.Sign(SamplePayloads.License(Now)), authority.At(Now));

        Assert.Equal(LicenseStatus.UntrustedIssuer, result.Status);
        Assert.Contains(named, result.Message);
    }

    [Fact]
    public void AnRsa2048IssuerIsAccepted()
    {
        using var root = CustomIssuers.Root("Rsa2048", Now.AddDays(-1), Now.AddYears(10));
        using var key = RSA.Create(2048);
        using var issuer = CustomIssuers.Issuer(root, "Rsa2048 Issuer", key, Now.AddDays(-1), Now.AddYears(5));
        using var trust = CustomIssuers.Bundle(root, issuer);
        using var signer = new LicenseSigner(issuer);

        Assert.Equal(LicenseStatus.Valid, new LicenseVerifier(trust).Verify(signer.Sign(SamplePayloads.License(Now)), authority.At(Now)).Status);
    }

    // Per-kind required fields, re-checked when reading (§3.2): signed correctly, still Malformed.
    public static TheoryData<LicenseKind, string> MissingFields => new()
    {
        { LicenseKind.License, "product" },
        { LicenseKind.License, "customer" },
        { LicenseKind.Stopgap, "edition" },
        { LicenseKind.Stopgap, "expiry" },
        { LicenseKind.Agent, "MAC ID" },
        { LicenseKind.Agent, "organisation ID" },
        { LicenseKind.TemporaryOrganization, "organisation ID" },
        { LicenseKind.TemporaryOrganization, "expiry" },
    };

    [Theory]
    [MemberData(nameof(MissingFields))]
    public void AKeyWithoutAFieldItsKindRequiresIsMalformed(LicenseKind kind, string field)
    {
        var payload = SamplePayloads.For(kind, Now);
        payload = field switch
        {
            "product" => payload with { Product = null },
            "customer" => payload with { Customer = "" },
            "edition" => payload with { Edition = null },
            "expiry" => payload with { ExpiresAt = null },
            "MAC ID" => payload with { MacId = null },
            _ => payload with { OrganizationId = null },
        };
        var signer = kind == LicenseKind.TemporaryOrganization ? authority.SuperAdmin : authority.Issuer;

        var result = authority.Verifier.Verify(signer.Sign(payload), authority.At(Now));

        Assert.Equal(LicenseStatus.Malformed, result.Status);
        Assert.Contains(field, result.Message);
    }

    [Fact]
    public void AKeyThatExpiresBeforeItStartsIsMalformed()
    {
        var payload = SamplePayloads.License(Now) with { ExpiresAt = Now };
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify(authority.Issuer.Sign(payload), authority.At(Now)).Status);
    }

    // "Ordinal, case-insensitive" is ASCII-only (§5).
    [Theory]
    [InlineData("PROGET", LicenseStatus.Valid)]
    [InlineData("proget", LicenseStatus.Valid)]
    [InlineData("ProGeT", LicenseStatus.Valid)]
    [InlineData("ProGet\u0131", LicenseStatus.ProductMismatch)]
    public void TheExpectedProductMatchesIgnoringAsciiCaseOnly(string product, LicenseStatus expected) =>
        Assert.Equal(expected, authority.Verifier.Verify(authority.Issuer.Sign(SamplePayloads.License(Now)),
            new VerificationContext { At = Now, Product = product }).Status);

    [Theory]
    [InlineData("Risk", "risk", true)]
    [InlineData("ı", "i", false)]        // dotless i is not i
    [InlineData("ı", "I", false)]
    [InlineData("ſ", "s", false)]        // long s is not s
    [InlineData("\u212A", "k", false)]   // KELVIN SIGN is not k
    [InlineData("É", "é", false)]        // no case folding beyond ASCII
    [InlineData("a", "ab", false)]
    public void TextMatchIgnoresAsciiCaseAndNothingElse(string a, string b, bool equal) => Assert.Equal(equal, TextMatch.Equal(a, b));

    // Revocations are not tied to a moment (§5 step 11).
    [Fact]
    public void AKeyIsRevokedEvenBeforeItsRevocationTime()
    {
        var payload = SamplePayloads.License(Now);
        var revocations = new RevocationSet(new Dictionary<string, (DateTimeOffset, string?)> { [payload.Serial] = (Now.AddDays(3), "refund") });

        var result = authority.Verifier.Verify(authority.Issuer.Sign(payload), new VerificationContext { At = Now.AddDays(1), Revocations = revocations });

        Assert.Equal(LicenseStatus.Revoked, result.Status);
    }

    // §3.3: the outer DER comes first, then the version.
    [Fact]
    public void AVersion2PayloadFollowedByTrailingBytesIsMalformedAndWithoutThemUnsupportedVersion()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(2);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "whatever version 2 holds");
        }
        var v2 = writer.Encode();

        Assert.Equal(LicenseStatus.UnsupportedVersion, authority.Verifier.Verify(authority.Issuer.SignContent(v2), authority.At(Now)).Status);
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify(authority.Issuer.SignContent([.. v2, 0x05, 0x00]), authority.At(Now)).Status);
    }

    private sealed class ThrowingRevocations : IRevocationList
    {
        public bool TryGetRevocation(string serial, out DateTimeOffset revokedAt, out string? reason) =>
            throw new IOException("the revocation database is not reachable");
    }
}
