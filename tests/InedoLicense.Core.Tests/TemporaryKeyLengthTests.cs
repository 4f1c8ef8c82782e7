using InedoLicense.Authority;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;

namespace InedoLicense.Core.Tests;

public sealed class TemporaryKeyLengthTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("inedolicense-keylength-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static LicensePayload Temporary(string organization, string? issuedTo, string? purpose)
    {
        var payload = KeyIssuer.NewPayload(LicenseKind.TemporaryOrganization);
        return payload with
        {
            OrganizationId = organization,
            Audience = issuedTo,
            Purpose = purpose,
            ExpiresAt = payload.IssuedAt.AddDays(7),
            Restrictions = LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails,
        };
    }

    [Theory]
    [Trait("Tier", "Slow")] // RSA 3072 keys are generated for each case
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.Rsa3072)]
    public void WorstCaseIsNeverBelowARealKeyAndAtMostTwoCharactersAbove(KeyAlgorithm algorithm)
    {
        var authority = LicenseAuthority.Create(Path.Combine(_folder, algorithm.ToString()), "Test", algorithm, null, DateTimeOffset.UtcNow);
        using var signer = authority.OpenDefaultSigner(IssuerRole.SuperAdmin, null);
        var payload = Temporary("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "jane.doe@partner.example", "Ticket 4711");
        foreach (var includeCertificates in new[] { false, true })
        {
            var worstCase = KeyLength.WorstCase(payload, signer.Certificate, includeCertificates);
            var longest = Enumerable.Range(0, 64).Max(_ => KeyText.Encode(signer.Sign(payload, includeCertificates)).Length);
            Assert.InRange(longest, worstCase - 3, worstCase);
        }
    }

    [Fact]
    public void ATypicalTemporaryKeyFitsUnder400Characters()
    {
        var authority = LicenseAuthority.Create(Path.Combine(_folder, "ecdsa"), "Test", KeyAlgorithm.EcdsaP256, null, DateTimeOffset.UtcNow);
        using var signer = authority.OpenDefaultSigner(IssuerRole.SuperAdmin, null);
        var typical = Temporary("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "jane.doe@partner.example", "Ticket 4711");
        Assert.True(KeyLength.WorstCase(typical, signer.Certificate, false) <= KeyLength.TemporaryOrganizationMaximum);
        // Three 64-character fields do not fit: the issuing cmdlet refuses such a key instead of issuing it.
        var longest = Temporary(new string('o', 64), new string('i', 64), new string('p', 64));
        Assert.True(KeyLength.WorstCase(longest, signer.Certificate, false) > KeyLength.TemporaryOrganizationMaximum);
    }
}
