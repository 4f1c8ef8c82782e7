using System.Formats.Asn1;
using System.Security.Cryptography.Pkcs;
using InedoLicense.Authority;
using InedoLicense.Core.Tests.Support;
using InedoLicense.Issuance;
using InedoLicense.Signing;

namespace InedoLicense.Core.Tests;

/// <summary>
/// Password-protected PKCS#12 files follow current guidance for password-based key files: the private key and the
/// MAC each cost an offline guesser PBKDF2-HMAC-SHA256 at 600,000 iterations (they were 2,000).
/// </summary>
public sealed class KeyFileProtectionTests : IDisposable
{
    private const string Pbes2 = "1.2.840.113549.1.5.13";
    private const string Pbkdf2 = "1.2.840.113549.1.5.12";
    private const string HmacSha256 = "1.2.840.113549.2.9";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EveryPasswordProtectedFileUsesPbkdf2Sha256AtSixHundredThousandIterations()
    {
        var now = KeyIssuer.Now();
        var authority = LicenseAuthority.Create(_folder.Combine("authority"), "Test Vendor", KeyAlgorithm.EcdsaP256, "root secret", now);
        var alice = authority.AddIssuer("alice", [IssuerRole.Issuer], "root secret", "alice secret", now);

        foreach (var file in new[] { authority.RootKeyPath, authority.IssuerKeyPath("issuer"), authority.IssuerKeyPath("superadmin"), alice.CertificatePath })
        {
            var (macIterations, keyIterations, prf) = Protection(File.ReadAllBytes(file));
            Assert.Equal((LicenseAuthority.PasswordIterations, LicenseAuthority.PasswordIterations, HmacSha256), (macIterations, keyIterations, prf));
        }
        Assert.Equal(600_000, LicenseAuthority.PasswordIterations);

        // The module opens them (past .NET's default limit of 300,000), with their private keys.
        using var signer = LicenseAuthority.OpenSigner(alice.CertificatePath, "alice secret");
        Assert.True(signer.Certificate.HasPrivateKey);
        Assert.NotEmpty(signer.Sign(SamplePayloads.License(now)));
        using var root = LicenseAuthority.LoadPkcs12(authority.RootKeyPath, "root secret");
        Assert.Equal(authority.RootCertificate.Thumbprint, root.Thumbprint);
    }

    [Fact]
    public void FilesWithoutAPasswordStayCheapToOpen()
    {
        var authority = LicenseAuthority.Create(_folder.Combine("authority"), "Test Vendor", KeyAlgorithm.EcdsaP256, null, KeyIssuer.Now());

        var (macIterations, keyIterations, _) = Protection(File.ReadAllBytes(authority.RootKeyPath));

        Assert.True(macIterations < 10_000 && keyIterations < 10_000, $"{macIterations} and {keyIterations} iterations protect nothing without a password");
    }

    // The MAC's iteration count, and the shrouded key's PBKDF2 iteration count and PRF.
    private static (int Mac, int Key, string Prf) Protection(byte[] pfx)
    {
        var outer = new AsnReader(pfx, AsnEncodingRules.BER).ReadSequence();
        outer.ReadInteger(); // version
        outer.ReadEncodedValue(); // authSafe
        var macData = outer.ReadSequence();
        macData.ReadEncodedValue(); // DigestInfo
        macData.ReadOctetString(); // salt
        var mac = macData.HasData ? (int)macData.ReadInteger() : 1;

        var info = Pkcs12Info.Decode(pfx, out _, skipCopy: true);
        // The key sits in a shrouded key bag of an unencrypted safe (an encrypted safe holds certificates only).
        var keyBag = info.AuthenticatedSafe.Where(safe => safe.ConfidentialityMode == Pkcs12ConfidentialityMode.None)
            .SelectMany(safe => safe.GetBags()).OfType<Pkcs12ShroudedKeyBag>().Single();
        var encrypted = new AsnReader(keyBag.EncryptedPkcs8PrivateKey, AsnEncodingRules.BER).ReadSequence();
        var algorithm = encrypted.ReadSequence();
        Assert.Equal(Pbes2, algorithm.ReadObjectIdentifier());
        var kdf = algorithm.ReadSequence().ReadSequence();
        Assert.Equal(Pbkdf2, kdf.ReadObjectIdentifier());
        var parameters = kdf.ReadSequence();
        parameters.ReadOctetString(); // salt
        var iterations = (int)parameters.ReadInteger();
        if (parameters.HasData && parameters.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) parameters.ReadInteger(); // keyLength
        var prf = parameters.HasData ? parameters.ReadSequence().ReadObjectIdentifier() : "1.2.840.113549.2.7"; // default hmacWithSHA1
        return (mac, iterations, prf);
    }
}
