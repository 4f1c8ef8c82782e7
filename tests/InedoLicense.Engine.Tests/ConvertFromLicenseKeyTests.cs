using System.Buffers.Text;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace InedoLicense.Engine.Tests;

public sealed class ConvertFromLicenseKeyTests
{
    [Fact]
    public void DecodesFieldsSignerAndCms()
    {
        using var session = new ModuleSession();
        var expires = DateTimeOffset.UtcNow.AddDays(90);
        var key = session.IssueKey("Contoso Ltd", "BuildMaster", $"-ExpiresAt '{expires:O}'");
        var text = key.Text("Key")!;

        var decoded = session.Run("ConvertFrom-LicenseKey -Key $args[0]", text).Single();

        Assert.Equal(key.Text("Serial"), decoded.Text("Serial"));
        Assert.Equal("License", decoded.Text("Kind"));
        Assert.Equal("Contoso Ltd", decoded.Text("Customer"));
        Assert.Equal("BuildMaster", decoded.Text("Product"));
        Assert.Equal("Basic", decoded.Text("Edition"));
        Assert.Equal(key.Value("ExpiresAt"), decoded.Value("ExpiresAt"));
        Assert.Equal(1, decoded.Value("Version"));
        Assert.Equal("ECDSA-SHA256", decoded.Text("SignatureAlgorithm"));
        Assert.Equal(0, decoded.Value("EmbeddedCertificateCount"));
        Assert.Equal(text.Length, decoded.Value("TextLength"));

        using var issuer = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(session.AuthorityPath, "issuers", "issuer.crt"));
        var issuerKeyId = issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier;
        Assert.Equal(issuerKeyId, decoded.Text("SignerKeyId"), ignoreCase: true);

        var cms = Assert.IsType<byte[]>(decoded.Value("Cms"));
        var der = Base64Url.DecodeFromChars(text.AsSpan("ILK1.".Length));
        Assert.Equal(der.Length, cms.Length);
        Assert.Equal(der, cms);
        Assert.Equal(0x30, cms[0]); // a DER SEQUENCE: the ContentInfo
    }

    [Fact]
    public void TakesKeysFromThePipelineAndFromRecords()
    {
        using var session = new ModuleSession();
        var first = session.IssueKey("First");
        var second = session.IssueKey("Second");
        var fromStrings = session.Run("$args[0].Key, $args[1].Key | ConvertFrom-LicenseKey", first, second);
        var fromRecords = session.Run("Get-License -StorePath $StorePath | ConvertFrom-LicenseKey");
        Assert.Equal(["First", "Second"], fromStrings.Texts("Customer"));
        Assert.Equal(["First", "Second"], fromRecords.Texts("Customer").Order());
    }

    [Fact]
    public void MalformedKeysAreNonTerminatingErrorsAndThePipelineGoesOn()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var (output, errors) = session.Invoke("'ILK1.garbage', $args[0].Key, 'not a key', '' | ConvertFrom-LicenseKey", key);

        Assert.Equal([key.Text("Serial")], output.Texts("Serial"));
        Assert.Equal(3, errors.Count);
        ErrorAssert.Is(errors[0], "MalformedLicenseKey", ErrorCategory.InvalidData, "ILK1.garbage");
        ErrorAssert.Is(errors[1], "MalformedLicenseKey", ErrorCategory.InvalidData, "not a key");
        ErrorAssert.Is(errors[2], "MalformedLicenseKey", ErrorCategory.InvalidData, "");
    }
}
