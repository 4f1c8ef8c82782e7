using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

/// <summary>Our hand-written SignedData against .NET's own CMS implementation, both ways.</summary>
public sealed class SignedCmsInteropTests(EcdsaAuthorityFixture ecdsa, RsaAuthorityFixture rsa)
    : IClassFixture<EcdsaAuthorityFixture>, IClassFixture<RsaAuthorityFixture>
{
    private const string IdData = "1.2.840.113549.1.7.1";

    public static TheoryData<KeyAlgorithm, bool> AlgorithmsAndEmbedding => new()
    {
        { KeyAlgorithm.EcdsaP256, false },
        { KeyAlgorithm.EcdsaP256, true },
        { KeyAlgorithm.Rsa3072, false },
        { KeyAlgorithm.Rsa3072, true },
    };

    public static TheoryData<KeyAlgorithm> Algorithms => [KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa3072];

    [Theory]
    [MemberData(nameof(AlgorithmsAndEmbedding))]
    public void SignedCmsAcceptsOurKeysAndSeesTheSignerAndThePayload(KeyAlgorithm algorithm, bool includeCertificates)
    {
        var authority = Fixture(algorithm);
        var payload = SamplePayloads.License(authority.Now);
        var der = authority.Issuer.Sign(payload, includeCertificates);

        var cms = new SignedCms();
        cms.Decode(der);
        cms.CheckSignature([authority.IssuerCertificate], verifySignatureOnly: true);

        Assert.Equal(IdData, cms.ContentInfo.ContentType.Value);
        Assert.Equal(PayloadCodec.Encode(payload), cms.ContentInfo.Content);
        Assert.False(cms.Detached);
        var signer = Assert.Single(cms.SignerInfos.Cast<SignerInfo>());
        Assert.Equal(SubjectIdentifierType.SubjectKeyIdentifier, signer.SignerIdentifier.Type);
        Assert.Equal(Convert.ToHexString(authority.IssuerKeyId), (string)signer.SignerIdentifier.Value!);
        Assert.Empty(signer.SignedAttributes);
        Assert.Equal("2.16.840.1.101.3.4.2.1", signer.DigestAlgorithm.Value); // SHA-256
        if (includeCertificates)
            Assert.Equal(authority.Issuer.Certificate.RawData, Assert.Single(cms.Certificates).RawData);
        else
            Assert.Empty(cms.Certificates);
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256, "ECDSA-SHA256")]
    [InlineData(KeyAlgorithm.Rsa3072, "RSA-SHA256")]
    public void EachAuthoritySignsWithItsOwnAlgorithm(KeyAlgorithm algorithm, string signatureAlgorithm)
    {
        var authority = Fixture(algorithm);
        var decoded = DecodedLicenseKey.Decode(KeyText.Encode(authority.Issuer.Sign(SamplePayloads.License(authority.Now))));

        Assert.Equal(signatureAlgorithm, decoded.SignatureAlgorithm);
        Assert.Equal(Convert.ToHexString(authority.IssuerKeyId), decoded.SignerKeyId);
        Assert.Equal(8, authority.IssuerKeyId.Length);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignedCmsFindsTheEmbeddedSignerWithoutBeingGivenIt(KeyAlgorithm algorithm)
    {
        var authority = Fixture(algorithm);
        var cms = new SignedCms();
        cms.Decode(authority.Issuer.Sign(SamplePayloads.License(authority.Now), includeCertificates: true));

        cms.CheckSignature(verifySignatureOnly: true);
        Assert.Equal(authority.Issuer.Certificate.Thumbprint, cms.SignerInfos[0].Certificate!.Thumbprint);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignedCmsRejectsAChangedContentAndAChangedSignature(KeyAlgorithm algorithm)
    {
        var authority = Fixture(algorithm);
        var der = authority.Issuer.Sign(SamplePayloads.License(authority.Now));

        foreach (var damaged in new[] { KeyBytes.ChangeContentText(der, "Contoso"), KeyBytes.ChangeSignature(der) })
        {
            var cms = new SignedCms();
            cms.Decode(damaged);
            Assert.ThrowsAny<CryptographicException>(() => cms.CheckSignature([authority.IssuerCertificate], verifySignatureOnly: true));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignedDataFromSignedCmsInOurProfileIsReadAndVerified(KeyAlgorithm algorithm)
    {
        var authority = Fixture(algorithm);
        var payload = SamplePayloads.License(authority.Now);
        var der = SignWithSignedCms(payload, authority.Issuer.Certificate, X509IncludeOption.None);

        var key = SignedDataCodec.Read(der);
        Assert.Equal(PayloadCodec.Encode(payload), key.Content.ToArray());
        Assert.Equal(authority.IssuerKeyId, key.SubjectKeyId);
        Assert.Empty(key.Certificates);

        var result = authority.Verifier.Verify(der, authority.At(authority.Now));
        Assert.Equal(LicenseStatus.Valid, result.Status);
        Assert.Equal(payload.Serial, result.Serial);
        Assert.Equal(authority.Issuer.Thumbprint, result.IssuerThumbprint);

        var fromText = authority.Verifier.Verify(KeyText.Encode(der), authority.At(authority.Now));
        Assert.Equal(LicenseStatus.Valid, fromText.Status);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignedDataFromSignedCmsWithTheSignerEmbeddedVerifiesWithOnlyTheRoot(KeyAlgorithm algorithm)
    {
        var authority = Fixture(algorithm);
        var der = SignWithSignedCms(SamplePayloads.License(authority.Now), authority.Issuer.Certificate, X509IncludeOption.EndCertOnly);
        using var rootOnly = new TrustBundle([authority.Root]);

        Assert.Single(SignedDataCodec.Read(der).Certificates);
        Assert.Equal(LicenseStatus.Valid, new LicenseVerifier(rootOnly).Verify(der, authority.At(authority.Now)).Status);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SignedDataFromSignedCmsIsRefusedOnceChanged(KeyAlgorithm algorithm)
    {
        var authority = Fixture(algorithm);
        var der = SignWithSignedCms(SamplePayloads.License(authority.Now), authority.Issuer.Certificate, X509IncludeOption.None);

        Assert.Equal(LicenseStatus.BadSignature, authority.Verifier.Verify(KeyBytes.ChangeContentText(der, "Contoso"), authority.At(authority.Now)).Status);
        Assert.Equal(LicenseStatus.BadSignature, authority.Verifier.Verify(KeyBytes.ChangeSignature(der), authority.At(authority.Now)).Status);
    }

    [Fact]
    public void SignedCmsWithSignedAttributesIsOutsideTheProfileAndMalformed()
    {
        var signer = new CmsSigner(SubjectIdentifierType.SubjectKeyIdentifier, ecdsa.Issuer.Certificate) { IncludeOption = X509IncludeOption.None };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        var cms = new SignedCms(new ContentInfo(PayloadCodec.Encode(SamplePayloads.License(ecdsa.Now))));
        cms.ComputeSignature(signer);

        Assert.Equal(LicenseStatus.Malformed, ecdsa.Verifier.Verify(cms.Encode(), ecdsa.At(ecdsa.Now)).Status);
    }

    /// <summary>The key profile through SignedCms: id-data content, SKI signer, SHA-256, no signed attributes.</summary>
    private static byte[] SignWithSignedCms(LicensePayload payload, X509Certificate2 issuerWithKey, X509IncludeOption include)
    {
        var cms = new SignedCms(new ContentInfo(new Oid(IdData), PayloadCodec.Encode(payload)), detached: false);
        cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.SubjectKeyIdentifier, issuerWithKey)
        {
            IncludeOption = include,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
        });
        Assert.Empty(cms.SignerInfos[0].SignedAttributes);
        return cms.Encode();
    }

    private AuthorityFixture Fixture(KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.EcdsaP256 ? ecdsa : rsa;
}
