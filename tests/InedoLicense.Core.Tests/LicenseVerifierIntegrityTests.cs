using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

/// <summary>Can the key be read, was it signed by a trusted issuer, and may that issuer sign its kind.</summary>
public sealed class LicenseVerifierIntegrityTests(EcdsaAuthorityFixture authority) : IClassFixture<EcdsaAuthorityFixture>
{
    private DateTimeOffset Now => authority.Now;
    private VerificationContext AtNow => authority.At(Now);

    [Fact]
    public void AnUntouchedKeyIsValidAndCarriesItsFields()
    {
        var payload = SamplePayloads.License(Now);
        var result = authority.Verifier.Verify(KeyText.Encode(authority.Issuer.Sign(payload)), AtNow);

        Assert.Equal(LicenseStatus.Valid, result.Status);
        Assert.True(result.IsValid);
        Assert.Equal(payload.Serial, result.Serial);
        Assert.Equal(LicenseKind.License, result.Kind);
        Assert.Equal("Contoso Ltd", result.Customer);
        Assert.Equal(payload.Features, result.Features);
        Assert.Equal(payload.ExpiresAt, result.ExpiresAt);
        Assert.Equal(payload.ExpiresAt - Now, result.Remaining);
        Assert.Equal(authority.Issuer.Thumbprint, result.IssuerThumbprint);
        Assert.Equal(Now, result.EvaluatedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("ILK1.")]
    [InlineData("ILK1.AAAA")]
    [InlineData("ILK1.not*base64")]
    [InlineData("-----BEGIN INEDO LICENSE KEY-----\nMIIB")]
    public void GarbageIsMalformed(string text) =>
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify(text, AtNow).Status);

    [Fact]
    public void RandomBytesAreMalformed()
    {
        var random = RandomNumberGenerator.GetBytes(240);
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify(KeyText.Encode(random), AtNow).Status);
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify(random, AtNow).Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void ATruncatedKeyIsMalformed(int bytesCut)
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now));
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify(KeyText.Encode(der.AsSpan(0, der.Length - bytesCut)), AtNow).Status);
    }

    [Fact]
    public void ATruncatedKeyTextIsMalformed()
    {
        var text = KeyText.Encode(authority.Issuer.Sign(SamplePayloads.License(Now)));
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify(text[..(text.Length / 2)], AtNow).Status);
    }

    [Fact]
    public void BytesAfterTheKeyAreMalformed()
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now));
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify([.. der, 0x00], AtNow).Status);
    }

    [Theory]
    [InlineData("ContentInfo tag")]
    [InlineData("ContentInfo length")]
    [InlineData("signedData OID")]
    [InlineData("SignedData version")]
    [InlineData("digest algorithm OID")]
    [InlineData("id-data OID")]
    [InlineData("SignerInfo version")]
    [InlineData("key identifier tag")]
    public void AFlippedBitInTheStructureIsMalformed(string part)
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now));
        var result = authority.Verifier.Verify(KeyBytes.Xor(der, StructureOffset(der, part), 0x01), AtNow);
        Assert.Equal(LicenseStatus.Malformed, result.Status);
    }

    [Fact]
    public void ACorrectlySignedContentThatIsNotAPayloadIsMalformed()
    {
        var der = SignRaw([0x30, 0x03, 0x02, 0x01, 0x01]); // SEQUENCE { version 1 } and nothing else
        Assert.Equal(LicenseStatus.Malformed, authority.Verifier.Verify(der, AtNow).Status);
    }

    [Fact]
    public void AVersion2PayloadSignedCorrectlyIsUnsupportedVersion()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(2);
            writer.WriteOctetString(Convert.FromHexString(LicenseSerial.NewSerial()));
            writer.WriteEnumeratedValue(LicenseKind.License);
            writer.WriteInteger(Now.ToUnixTimeSeconds());
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "a field version 1 does not know", new Asn1Tag(TagClass.ContextSpecific, 20));
        }
        var der = SignRaw(writer.Encode());

        var result = authority.Verifier.Verify(KeyText.Encode(der), AtNow);

        Assert.Equal(LicenseStatus.UnsupportedVersion, result.Status);
        Assert.Contains("version 2", result.Message);
        // Changed after signing, the same key is a bad signature: the version is only believed once signed.
        Assert.Equal(LicenseStatus.BadSignature, authority.Verifier.Verify(KeyBytes.ChangeSignature(der), AtNow).Status);
    }

    [Fact]
    public void AChangedContentByteIsBadSignature()
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now));
        var changed = KeyBytes.ChangeContentText(der, "Contoso");
        PayloadCodec.Decode(SignedDataCodec.Read(changed).Content); // still a readable payload: only the signature can catch it

        var result = authority.Verifier.Verify(changed, AtNow);

        Assert.Equal(LicenseStatus.BadSignature, result.Status);
        Assert.Null(result.Customer); // nothing of an unsigned payload is reported
    }

    [Fact]
    public void AChangedSignatureByteIsBadSignature()
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now));
        Assert.Equal(LicenseStatus.BadSignature, authority.Verifier.Verify(KeyBytes.ChangeSignature(der), AtNow).Status);
    }

    [Fact]
    public void ASignatureByAnotherKeyUnderTheIssuersKeyIdIsBadSignature()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var content = PayloadCodec.Encode(SamplePayloads.License(Now));
        var signature = other.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var der = SignedDataCodec.Write(content, authority.IssuerKeyId, Oids.EcdsaWithSha256, signature);

        Assert.Equal(LicenseStatus.BadSignature, authority.Verifier.Verify(der, AtNow).Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AKeyFromAnotherAuthorityIsUntrustedIssuer(bool includeCertificates)
    {
        var (root, issuer) = Certificates.CreateAuthority(Now);
        using (root)
        using (var stranger = new LicenseSigner(issuer, [root]))
        {
            var der = stranger.Sign(SamplePayloads.License(Now), includeCertificates);
            Assert.Equal(LicenseStatus.UntrustedIssuer, authority.Verifier.Verify(der, AtNow).Status);
        }
    }

    [Fact]
    public void ASelfSignedIssuerEmbeddedInTheKeyIsUntrustedIssuer()
    {
        using var selfMade = Certificates.CreateSelfSignedIssuer(Now);
        using var signer = new LicenseSigner(selfMade);
        var der = signer.Sign(SamplePayloads.License(Now), includeCertificates: true);

        var result = authority.Verifier.Verify(der, AtNow);

        Assert.Equal(LicenseStatus.UntrustedIssuer, result.Status);
        Assert.Contains("not trusted", result.Message);
    }

    // The chain is judged at the key's IssuedAt (docs/key-format.md §4.4): a key issued while its issuer was valid
    // keeps verifying after the issuer certificate expires; its own window decides.
    [Fact]
    public void APerpetualKeyOutlivesItsIssuerCertificate()
    {
        // An authority made 11 years ago: its issuers lived 10 years and expired a year ago.
        var then = Now.AddYears(-11);
        var (root, issuer) = Certificates.CreateAuthority(then);
        using var trust = new TrustBundle([Certificates.PublicOnly(root), Certificates.PublicOnly(issuer)]);
        using var signer = new LicenseSigner(issuer);
        var der = signer.Sign(SamplePayloads.License(then) with { ExpiresAt = null });
        var verifier = new LicenseVerifier(trust);

        Assert.Equal(LicenseStatus.Valid, verifier.Verify(der, new VerificationContext { At = then.AddYears(5) }).Status);
        Assert.Equal(LicenseStatus.Valid, verifier.Verify(der, new VerificationContext { At = Now }).Status);
        root.Dispose();
    }

    [Fact]
    public void AKeyIssuedAfterItsIssuerCertificateExpiredIsUntrustedIssuer()
    {
        var then = Now.AddYears(-11);
        var (root, issuer) = Certificates.CreateAuthority(then);
        using var trust = new TrustBundle([Certificates.PublicOnly(root), Certificates.PublicOnly(issuer)]);
        using var signer = new LicenseSigner(issuer);
        var der = signer.Sign(SamplePayloads.License(Now) with { ExpiresAt = null });

        var result = new LicenseVerifier(trust).Verify(der, new VerificationContext { At = Now });

        Assert.Equal(LicenseStatus.UntrustedIssuer, result.Status);
        Assert.Contains("outside the issuer certificate chain's validity", result.Message);
        root.Dispose();
    }

    [Fact]
    public void AKeyBackdatedBeforeItsIssuerCertificateIsUntrustedIssuer()
    {
        var validFrom = new DateTimeOffset(authority.Issuer.Certificate.NotBefore.ToUniversalTime());
        var der = authority.Issuer.Sign(SamplePayloads.License(validFrom.AddSeconds(-1)) with { ExpiresAt = null });

        Assert.Equal(LicenseStatus.UntrustedIssuer, authority.Verifier.Verify(der, AtNow).Status);
        Assert.Equal(LicenseStatus.Valid,
            authority.Verifier.Verify(authority.Issuer.Sign(SamplePayloads.License(validFrom) with { ExpiresAt = null }), AtNow).Status);
    }

    [Fact]
    public void EvaluatedAfterTheIssuersNotAfterAKeyIssuedWithinItsValidityStillVerifies()
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now) with { ExpiresAt = null });
        var notAfter = new DateTimeOffset(authority.Issuer.Certificate.NotAfter.ToUniversalTime());

        Assert.Equal(LicenseStatus.Valid, authority.Verifier.Verify(der, authority.At(notAfter.AddDays(-1))).Status);
        Assert.Equal(LicenseStatus.Valid, authority.Verifier.Verify(der, authority.At(notAfter.AddDays(1))).Status);
    }

    [Fact]
    public void EvaluatedBeforeTheAuthorityExistedAKeyIsNotYetValid()
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(Now) with { ExpiresAt = Now.AddDays(10) });

        var result = authority.Verifier.Verify(der, authority.At(Now.AddYears(-3)));

        Assert.Equal(LicenseStatus.NotYetValid, result.Status);
    }

    [Fact]
    public void ATemporaryOrganizationKeySignedByTheOrdinaryIssuerIsIssuerNotAuthorizedForKind()
    {
        // LicenseSigner.Sign does not check roles, so the Core API can forge what the cmdlets refuse to issue.
        var forged = authority.Issuer.Sign(SamplePayloads.TemporaryOrganization(Now));

        var result = authority.Verifier.Verify(forged, AtNow);

        Assert.Equal(LicenseStatus.IssuerNotAuthorizedForKind, result.Status);
        Assert.Contains(nameof(LicenseKind.TemporaryOrganization), result.Message);
        Assert.Equal(LicenseStatus.Valid,
            authority.Verifier.Verify(authority.SuperAdmin.Sign(SamplePayloads.TemporaryOrganization(Now)), AtNow).Status);
    }

    [Theory]
    [InlineData(LicenseKind.License)]
    [InlineData(LicenseKind.Stopgap)]
    [InlineData(LicenseKind.Agent)]
    public void AnOrdinaryKeySignedBySuperAdminIsIssuerNotAuthorizedForKind(LicenseKind kind) =>
        Assert.Equal(LicenseStatus.IssuerNotAuthorizedForKind,
            authority.Verifier.Verify(authority.SuperAdmin.Sign(SamplePayloads.For(kind, Now)), AtNow).Status);

    [Theory]
    [InlineData(LicenseKind.License)]
    [InlineData(LicenseKind.TemporaryOrganization)]
    public void AKeyWithEmbeddedCertificatesVerifiesWithABundleHoldingOnlyTheRoot(LicenseKind kind)
    {
        var signer = kind == LicenseKind.TemporaryOrganization ? authority.SuperAdmin : authority.Issuer;
        using var rootOnly = new TrustBundle([authority.Root]);
        var verifier = new LicenseVerifier(rootOnly);

        var embedded = signer.Sign(SamplePayloads.For(kind, Now), includeCertificates: true);
        var bare = signer.Sign(SamplePayloads.For(kind, Now));

        Assert.Equal(LicenseStatus.Valid, verifier.Verify(embedded, AtNow).Status);
        Assert.Equal(LicenseStatus.Valid, verifier.Verify(embedded, AtNow).Status); // again, from the cache
        Assert.Equal(LicenseStatus.UntrustedIssuer, verifier.Verify(bare, AtNow).Status);
    }

    /// <summary>Where a part of the CMS structure is in a key's DER (found by content, as lengths vary).</summary>
    private static int StructureOffset(byte[] der, string part)
    {
        // The offset of the last byte of the skip+1-th occurrence of a DER fragment.
        int After(string hex, int skip = 0)
        {
            var pattern = Convert.FromHexString(hex);
            var start = 0;
            for (var found = 0; ; found++)
            {
                var index = der.AsSpan(start).IndexOf(pattern);
                Assert.True(index >= 0, $"{hex} occurs fewer than {skip + 1} times in the key");
                if (found == skip) return start + index + pattern.Length - 1;
                start += index + pattern.Length;
            }
        }
        return part switch
        {
            "ContentInfo tag" => 0,
            "ContentInfo length" => 1,
            "signedData OID" => After("06092A864886F70D010702"),
            "SignedData version" => After("020103"), // 3 -> 2
            "digest algorithm OID" => After("0609608648016503040201"),
            "id-data OID" => After("06092A864886F70D010701"),
            "SignerInfo version" => After("020103", skip: 1),
            "key identifier tag" => After("020103", skip: 1) + 1,
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
    }

    /// <summary>Signs arbitrary content with the fixture's issuer key, in the key profile.</summary>
    private byte[] SignRaw(byte[] content)
    {
        using var key = authority.Issuer.Certificate.GetECDsaPrivateKey()!;
        var signature = key.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return SignedDataCodec.Write(content, authority.IssuerKeyId, Oids.EcdsaWithSha256, signature);
    }
}
