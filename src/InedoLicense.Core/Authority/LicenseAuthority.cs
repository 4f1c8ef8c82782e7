using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using InedoLicense.Signing;

namespace InedoLicense.Authority;

/// <summary>
/// An authority folder: the root (root.pfx, root.crt), issuer certificates (issuers/NAME.pfx and
/// .crt), and trust.pem, the bundle verifiers need. Private keys stay in owner-only PKCS#12 files.
/// </summary>
public sealed class LicenseAuthority
{
    /// <summary>The issuer names New-LicenseAuthority creates; each is the default signer of its role.</summary>
    public static string DefaultIssuerName(IssuerRole role) => role == IssuerRole.SuperAdmin ? "superadmin" : "issuer";

    private LicenseAuthority(string path) => Path = path;

    public string Path { get; }
    public string RootKeyPath => System.IO.Path.Combine(Path, "root.pfx");
    public string RootCertificatePath => System.IO.Path.Combine(Path, "root.crt");
    public string IssuersPath => System.IO.Path.Combine(Path, "issuers");
    public string TrustBundlePath => System.IO.Path.Combine(Path, "trust.pem");

    public X509Certificate2 RootCertificate => X509CertificateLoader.LoadCertificateFromFile(RootCertificatePath);

    public static bool Exists(string path) => File.Exists(System.IO.Path.Combine(path, "root.crt"));

    public static LicenseAuthority Open(string path)
    {
        if (!Exists(path))
            throw new DirectoryNotFoundException($"There is no licence authority at {path}. Create one with New-LicenseAuthority.");
        return new LicenseAuthority(path);
    }

    /// <summary>Creates root, Issuer and SuperAdmin certificates. Built in a temporary folder and moved in place, so a failure leaves nothing half-made.</summary>
    public static LicenseAuthority Create(string path, string name, KeyAlgorithm algorithm, string? password, DateTimeOffset now)
    {
        if (Exists(path) || (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any()))
            throw new IOException($"{path} already holds files; a licence authority needs a new folder.");
        var parent = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        OwnerOnlyFiles.CreateFolder(parent);
        var staging = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var authority = new LicenseAuthority(staging);
            OwnerOnlyFiles.CreateFolder(staging);
            OwnerOnlyFiles.CreateFolder(authority.IssuersPath);
            using var root = CertificateFactory.CreateRoot(name, algorithm, now);
            OwnerOnlyFiles.WriteNew(authority.RootKeyPath, ExportPkcs12(root, password));
            OwnerOnlyFiles.WriteNew(authority.RootCertificatePath, Encoding.ASCII.GetBytes(root.ExportCertificatePem() + "\n"));
            foreach (var role in Enum.GetValues<IssuerRole>())
                authority.WriteIssuer(root, DefaultIssuerName(role), $"{name} {role}", [role], algorithm, password, now);
            authority.WriteTrustBundle();
            if (Directory.Exists(path)) Directory.Delete(path);
            Directory.Move(staging, path);
            return new LicenseAuthority(path);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    public IReadOnlyList<IssuerInfo> Issuers =>
        Directory.EnumerateFiles(IssuersPath, "*.crt").Order(StringComparer.Ordinal).Select(ReadIssuer).ToList();

    public IssuerInfo AddIssuer(string name, IEnumerable<IssuerRole> roles, string? rootPassword, string? issuerPassword, DateTimeOffset now)
    {
        if (name.Length == 0 || name.Length > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || name.StartsWith('.'))
            throw new ArgumentException($"'{name}' is not a usable issuer name: use letters, digits, '-', '_' or '.' (at most 64).", nameof(name));
        if (File.Exists(System.IO.Path.Combine(IssuersPath, name + ".crt")))
            throw new IOException($"The authority already has an issuer named '{name}'.");
        using var root = LoadPkcs12(RootKeyPath, rootPassword);
        var algorithm = root.GetECDsaPublicKey() is not null ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.Rsa3072;
        var info = WriteIssuer(root, name, name, roles.ToArray(), algorithm, issuerPassword, now);
        WriteTrustBundle();
        return info;
    }

    public string IssuerKeyPath(string name) => System.IO.Path.Combine(IssuersPath, name + ".pfx");

    /// <summary>The signer of the role's default issuer (issuers/issuer.pfx or issuers/superadmin.pfx).</summary>
    public LicenseSigner OpenDefaultSigner(IssuerRole role, string? password) =>
        OpenSigner(IssuerKeyPath(DefaultIssuerName(role)), password);

    public static LicenseSigner OpenSigner(string pkcs12Path, string? password)
    {
        var certificate = LoadPkcs12(pkcs12Path, password);
        return new LicenseSigner(certificate);
    }

    /// <summary>Loads a PKCS#12 file; a wrong or missing password is a <see cref="CryptographicException"/> saying so.</summary>
    public static X509Certificate2 LoadPkcs12(string path, string? password)
    {
        // Ephemeral keys never touch a key store; macOS does not support them.
        var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, flags);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException(
                $"Cannot open {path}: {(password is null ? "it may need a password (-CertificatePassword)" : "the password may be wrong")}. {e.Message}", e);
        }
    }

    private IssuerInfo WriteIssuer(X509Certificate2 root, string fileName, string subject, IssuerRole[] roles, KeyAlgorithm algorithm, string? password, DateTimeOffset now)
    {
        using var issuer = CertificateFactory.CreateIssuer(root, subject, roles, algorithm, now);
        OwnerOnlyFiles.WriteNew(IssuerKeyPath(fileName), ExportPkcs12(issuer, password));
        var certificatePath = System.IO.Path.Combine(IssuersPath, fileName + ".crt");
        OwnerOnlyFiles.WriteNew(certificatePath, Encoding.ASCII.GetBytes(issuer.ExportCertificatePem() + "\n"));
        return ReadIssuer(certificatePath);
    }

    private IssuerInfo ReadIssuer(string certificatePath)
    {
        var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
        var name = System.IO.Path.GetFileNameWithoutExtension(certificatePath);
        return new IssuerInfo(name, IssuerRoles.Of(certificate), IssuerKeyPath(name), certificate);
    }

    private void WriteTrustBundle()
    {
        var pem = new StringBuilder(File.ReadAllText(RootCertificatePath));
        foreach (var issuer in Issuers) pem.Append(issuer.Certificate.ExportCertificatePem()).Append('\n');
        var temporary = TrustBundlePath + ".new";
        File.Delete(temporary);
        OwnerOnlyFiles.WriteNew(temporary, Encoding.ASCII.GetBytes(pem.ToString()));
        File.Move(temporary, TrustBundlePath, overwrite: true);
    }

    private static byte[] ExportPkcs12(X509Certificate2 certificate, string? password) =>
        certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
}
