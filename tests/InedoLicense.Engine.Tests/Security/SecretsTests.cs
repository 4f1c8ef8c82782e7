using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace InedoLicense.Engine.Tests.Security;

/// <summary>No password and no private key ever reaches the store, its audit log or a revocation list.</summary>
public sealed class SecretsTests : IDisposable
{
    private const string Password = "Tr0ub4dor&3-correct-horse";
    private readonly ModuleSession _session = new(createAuthority: false);

    [Fact]
    public void StoreHoldsNoPasswordAndNoPrivateKey()
    {
        var password = new NetworkCredential("", Password).SecurePassword;
        var list = Path.Combine(_session.Folder, "revoked.pem");
        _session.Run("""
            $password = $args[0]
            $null = New-LicenseAuthority -StorePath $StorePath -Password $password
            $keys = 1..20 | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = "Customer $_"; Edition = 'Basic' } } |
                New-License -StorePath $StorePath -CertificatePassword $password
            $null = New-LicenseIssuer -Name second -Role Issuer, SuperAdmin -RootPassword $password -Password $password -StorePath $StorePath
            $keys[0] | Revoke-License -Confirm:$false -StorePath $StorePath
            $null = Export-LicenseRevocationList -Path $args[1] -StorePath $StorePath -CertificatePassword $password -IncludeCertificates
            """, password, list);

        // Every file the module wrote outside the authority folder: the store (with any -wal/-shm) and the list.
        var written = Directory.GetFiles(_session.Folder).ToList();
        Assert.Contains(_session.StorePath, written);
        Assert.Contains(list, written);
        var contents = written.ToDictionary(f => f, File.ReadAllBytes);

        var secrets = new Dictionary<string, byte[]>
        {
            ["password (UTF-8)"] = Encoding.UTF8.GetBytes(Password),
            ["password (UTF-16)"] = Encoding.Unicode.GetBytes(Password),
        };
        foreach (var name in new[] { "root.pfx", "issuers/issuer.pfx", "issuers/superadmin.pfx", "issuers/second.pfx" })
        {
            // Password-protected files use 600,000 PBKDF2 iterations, past .NET's default loader limit of 300,000.
            var limits = new Pkcs12LoaderLimits(Pkcs12LoaderLimits.Defaults) { MacIterationLimit = 1_000_000, IndividualKdfIterationLimit = 1_000_000, TotalKdfIterationLimit = 3_000_000 };
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_session.AuthorityPath, name), Password, X509KeyStorageFlags.Exportable, limits);
            using var key = certificate.GetECDsaPrivateKey()!;
            secrets[name + " PKCS#8"] = key.ExportPkcs8PrivateKey();
            secrets[name + " private scalar"] = key.ExportParameters(includePrivateParameters: true).D!;
        }

        // The scan finds what is there: a serial the store does hold.
        var serial = Encoding.UTF8.GetBytes((string)_session.Run("Get-License -StorePath $StorePath").First().Properties["Serial"].Value);
        Assert.True(contents[_session.StorePath].AsSpan().IndexOf(serial) >= 0, "the scan does not see the store's own content");

        var leaks = (from file in contents from secret in secrets
                     where file.Value.AsSpan().IndexOf(secret.Value) >= 0
                     select $"{secret.Key} in {file.Key}").ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    public void Dispose() => _session.Dispose();
}
