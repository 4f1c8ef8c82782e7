using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using Xunit.Abstractions;

namespace InedoLicense.Core.Tests;

/// <summary>
/// Key lengths in characters (issue 2 asks the doc to state them; a temporary organisation key must stay
/// under 400). ECDSA signatures vary by a byte or two, so each figure is a range over several keys.
/// </summary>
public sealed class KeyLengthTests(EcdsaAuthorityFixture ecdsa, RsaAuthorityFixture rsa, ITestOutputHelper output)
    : IClassFixture<EcdsaAuthorityFixture>, IClassFixture<RsaAuthorityFixture>
{
    private const int Samples = 20;

    [Theory]
    [InlineData(LicenseKind.License)]
    [InlineData(LicenseKind.Stopgap)]
    [InlineData(LicenseKind.Agent)]
    [InlineData(LicenseKind.TemporaryOrganization)]
    public void KeyLengthsByKindAndForm(LicenseKind kind)
    {
        var bare = Lengths(ecdsa, kind, includeCertificates: false);
        var embedded = Lengths(ecdsa, kind, includeCertificates: true);
        var withRsa = Lengths(rsa, kind, includeCertificates: false);
        output.WriteLine($"{kind}: ECDSA {bare.Min}-{bare.Max}, ECDSA with certificates {embedded.Min}-{embedded.Max}, RSA {withRsa.Min}-{withRsa.Max} characters");

        Assert.True(bare.Max < embedded.Min, "embedding the issuer makes a key longer");
        Assert.True(bare.Max < withRsa.Min, "an RSA 3072 signature is longer than an ECDSA one");
        if (kind == LicenseKind.TemporaryOrganization) Assert.InRange(bare.Max, 1, 399);
    }

    private static (int Min, int Max) Lengths(AuthorityFixture authority, LicenseKind kind, bool includeCertificates)
    {
        var signer = kind == LicenseKind.TemporaryOrganization ? authority.SuperAdmin : authority.Issuer;
        var lengths = Enumerable.Range(0, Samples)
            .Select(_ => KeyText.Encode(signer.Sign(SamplePayloads.For(kind, authority.Now), includeCertificates)).Length)
            .ToList();
        return (lengths.Min(), lengths.Max());
    }
}
