using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;

namespace InedoLicense.Core.Tests;

/// <summary>
/// Issue 2: a key is standard CMS, so `openssl cms -verify` accepts its DER and prints the payload, and
/// refuses it after one changed byte. What openssl needs to be given:
/// - with the issuer certificate embedded (-IncludeCertificates): only -CAfile with the trust bundle, or
///   even the root alone;
/// - with no embedded certificate (the default): openssl only looks for the signer among the CMS's
///   certificates and -certfile, never in -CAfile, so it also needs `-certfile issuer.crt` (the trust
///   bundle works there too, as it holds the issuers).
/// </summary>
public sealed class OpenSslInteropTests(EcdsaAuthorityFixture ecdsa, RsaAuthorityFixture rsa)
    : IClassFixture<EcdsaAuthorityFixture>, IClassFixture<RsaAuthorityFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    [OpenSslFact]
    public void EcdsaKeyWithoutCertificatesVerifiesGivenTheIssuerAsCertfile() => VerifiesWithCertfile(ecdsa);

    [OpenSslFact]
    public void RsaKeyWithoutCertificatesVerifiesGivenTheIssuerAsCertfile() => VerifiesWithCertfile(rsa);

    [OpenSslFact]
    public void EcdsaKeyWithCertificatesVerifiesWithTheTrustBundleAlone() => VerifiesWithEmbeddedSigner(ecdsa);

    [OpenSslFact]
    public void RsaKeyWithCertificatesVerifiesWithTheTrustBundleAlone() => VerifiesWithEmbeddedSigner(rsa);

    [OpenSslFact]
    public void WithoutEmbeddedOrGivenSignerOpensslCannotFindTheSigner()
    {
        var der = ecdsa.Issuer.Sign(SamplePayloads.License(ecdsa.Now));
        var result = Verify(der, "-CAfile", Write("trust.pem", ecdsa));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("signer certificate not found", result.Errors);
    }

    [OpenSslFact]
    public void EcdsaKeyWithAChangedByteFails() => FailsOnceChanged(ecdsa);

    [OpenSslFact]
    public void RsaKeyWithAChangedByteFails() => FailsOnceChanged(rsa);

    [OpenSslFact]
    public void AKeyFromAnotherAuthorityFails()
    {
        var (root, issuer) = Certificates.CreateAuthority(ecdsa.Now);
        using var stranger = new LicenseSigner(issuer);
        var der = stranger.Sign(SamplePayloads.License(ecdsa.Now), includeCertificates: true);

        var result = Verify(der, "-CAfile", Write("trust.pem", ecdsa));

        Assert.NotEqual(0, result.ExitCode);
        root.Dispose();
        issuer.Dispose();
    }

    private void VerifiesWithCertfile(AuthorityFixture authority)
    {
        var payload = SamplePayloads.License(authority.Now);
        var der = authority.Issuer.Sign(payload);
        var trust = Write("trust.pem", authority);

        AssertPrintsPayload(Verify(der, "-CAfile", trust, "-certfile", Write("issuer.crt", authority)), payload);
        AssertPrintsPayload(Verify(der, "-CAfile", trust, "-certfile", trust), payload);
    }

    private void VerifiesWithEmbeddedSigner(AuthorityFixture authority)
    {
        var payload = SamplePayloads.TemporaryOrganization(authority.Now);
        var der = authority.SuperAdmin.Sign(payload, includeCertificates: true);

        AssertPrintsPayload(Verify(der, "-CAfile", Write("trust.pem", authority)), payload);
        AssertPrintsPayload(Verify(der, "-CAfile", Write("root.crt", authority)), payload);
    }

    private void FailsOnceChanged(AuthorityFixture authority)
    {
        var der = authority.Issuer.Sign(SamplePayloads.License(authority.Now));
        string[] trust = ["-CAfile", Write("trust.pem", authority), "-certfile", Write("issuer.crt", authority)];
        Assert.Equal(0, Verify(der, trust).ExitCode); // the unchanged key passes with the same arguments

        var changedSignature = Verify(KeyBytes.ChangeSignature(der), trust);
        var changedContent = Verify(KeyBytes.ChangeContentText(der, "Contoso"), trust);

        Assert.NotEqual(0, changedSignature.ExitCode);
        Assert.Contains("verif", changedSignature.Errors, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(0, changedContent.ExitCode);
        Assert.Contains("verif", changedContent.Errors, StringComparison.OrdinalIgnoreCase);
    }

    private OpenSsl.Result Verify(byte[] der, params string[] trust)
    {
        var keyPath = Path.Combine(_folder.Path, $"key-{Guid.NewGuid():N}.der");
        File.WriteAllBytes(keyPath, der);
        return OpenSsl.Run(_folder.Path, ["cms", "-verify", "-inform", "DER", "-in", keyPath, .. trust, "-purpose", "any", "-binary"]);
    }

    private static void AssertPrintsPayload(OpenSsl.Result result, LicensePayload payload)
    {
        Assert.True(result.ExitCode == 0, $"openssl exited with {result.ExitCode}: {result.Errors}");
        Assert.Equal(PayloadCodec.Encode(payload), result.Output);
    }

    /// <summary>Copies one of the authority's public files (trust.pem, root.crt, issuer.crt) into the temp folder.</summary>
    private string Write(string name, AuthorityFixture authority)
    {
        var source = name switch
        {
            "trust.pem" => authority.Authority.TrustBundlePath,
            "root.crt" => authority.Authority.RootCertificatePath,
            "issuer.crt" => Path.Combine(authority.Authority.IssuersPath, "issuer.crt"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var target = Path.Combine(_folder.Path, $"{authority.Algorithm}-{name}");
        File.Copy(source, target, overwrite: true);
        return target;
    }

    public void Dispose() => _folder.Dispose();
}
