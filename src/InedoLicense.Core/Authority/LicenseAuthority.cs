using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
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
    /// <summary>An empty file, locked while an issuer is added (one at a time per authority, across processes).</summary>
    public string LockPath => System.IO.Path.Combine(Path, ".lock");

    public X509Certificate2 RootCertificate => X509CertificateLoader.LoadCertificateFromFile(RootCertificatePath);

    public static bool Exists(string path) => File.Exists(System.IO.Path.Combine(path, "root.crt"));

    public static LicenseAuthority Open(string path)
    {
        if (!Exists(path))
            throw new AuthorityNotFoundException(path);
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
            OwnerOnlyFiles.WriteNew(authority.LockPath, []);
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

    /// <summary>How long <see cref="AddIssuer"/> waits for another process adding an issuer to the same authority.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Adds an issuer signed by the root and rewrites trust.pem, as one step per issuer: under an exclusive
    /// lock on the authority folder (other processes adding issuers wait), and undone as a whole when any
    /// part fails, <paramref name="record"/> (the audit entry) included, so a failure leaves no issuer behind.
    /// </summary>
    /// <param name="rootKeyPath">The root's PKCS#12 file when it is kept elsewhere (offline media); default: root.pfx of the authority.</param>
    /// <exception cref="ArgumentException">The name is not usable.</exception>
    /// <exception cref="IssuerAlreadyExistsException">The authority has an issuer of that name.</exception>
    /// <exception cref="RootKeyUnavailableException">The root key is not there, or the file is not the authority's root.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The root's password is missing or wrong.</exception>
    public IssuerInfo AddIssuer(string name, IEnumerable<IssuerRole> roles, string? rootPassword, string? issuerPassword, DateTimeOffset now,
        Action<IssuerInfo>? record = null, string? rootKeyPath = null)
    {
        if (name.Length == 0 || name.Length > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || name.StartsWith('.'))
            throw new ArgumentException($"'{name}' is not a usable issuer name: use letters, digits, '-', '_' or '.' (at most 64).", nameof(name));
        using var exclusive = AuthorityLock.Acquire(LockPath, LockTimeout);
        var keyPath = IssuerKeyPath(name);
        var certificatePath = System.IO.Path.Combine(IssuersPath, name + ".crt");
        if (File.Exists(certificatePath) || File.Exists(keyPath))
            throw new IssuerAlreadyExistsException(name);
        using var root = LoadRoot(rootKeyPath ?? RootKeyPath, rootPassword);
        var algorithm = root.GetECDsaPublicKey() is not null ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.Rsa3072;
        var bundleBefore = File.Exists(TrustBundlePath) ? File.ReadAllBytes(TrustBundlePath) : null;
        try
        {
            var info = WriteIssuer(root, name, name, roles.ToArray(), algorithm, issuerPassword, now);
            WriteTrustBundle();
            record?.Invoke(info);
            return info;
        }
        catch
        {
            // Only files this call created: under the lock no one else creates these names.
            File.Delete(keyPath);
            File.Delete(certificatePath);
            if (bundleBefore is not null) ReplaceFile(TrustBundlePath, bundleBefore);
            throw;
        }
    }

    // The root key that signs new issuers: it must be the certificate of root.crt, with its private key.
    private X509Certificate2 LoadRoot(string rootKeyPath, string? password)
    {
        if (!File.Exists(rootKeyPath))
            throw RootKeyUnavailableException.Missing(rootKeyPath);
        var root = LoadPkcs12(rootKeyPath, password);
        using var expected = RootCertificate;
        if (root.RawData.AsSpan().SequenceEqual(expected.RawData) && root.HasPrivateKey) return root;
        var subject = root.Subject;
        root.Dispose();
        throw RootKeyUnavailableException.NotTheRoot(rootKeyPath, subject, expected.Subject, RootCertificatePath);
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

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations that protect a PKCS#12 file written with a password: its private key and its
    /// MAC (the certificate is public and not encrypted). OWASP's current guidance for PBKDF2-HMAC-SHA256.
    /// </summary>
    public const int PasswordIterations = 600_000;

    // .NET refuses more than 300,000 iterations by default (against files built to burn CPU); ours use 600,000.
    private static readonly Pkcs12LoaderLimits LoaderLimits = new(Pkcs12LoaderLimits.Defaults)
    {
        MacIterationLimit = 2 * PasswordIterations,
        IndividualKdfIterationLimit = 2 * PasswordIterations,
        TotalKdfIterationLimit = 6 * PasswordIterations,
    };

    /// <summary>Loads a PKCS#12 file; a wrong or missing password is a <see cref="CertificateFileUnreadableException"/> saying so.</summary>
    public static X509Certificate2 LoadPkcs12(string path, string? password)
    {
        // Ephemeral keys never touch a key store; macOS does not support them.
        var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, flags, LoaderLimits);
        }
        catch (CryptographicException e)
        {
            throw new CertificateFileUnreadableException(path, password is not null, e);
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

    // Callers hold the authority lock (or own a staging folder no one else sees).
    private void WriteTrustBundle()
    {
        var pem = new StringBuilder(File.ReadAllText(RootCertificatePath));
        foreach (var issuer in Issuers) pem.Append(issuer.Certificate.ExportCertificatePem()).Append('\n');
        ReplaceFile(TrustBundlePath, Encoding.ASCII.GetBytes(pem.ToString()));
    }

    // Written beside the target under a name of its own and moved over it: a reader never sees half a file.
    private static void ReplaceFile(string path, byte[] bytes)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            OwnerOnlyFiles.WriteNew(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // With a password: the key shrouded and the whole file sealed with PBKDF2-HMAC-SHA256 at PasswordIterations
    // (an offline guess costs that much twice over). Without one, the file relies on its owner-only mode alone,
    // and iterations would only slow down every command that opens it.
    internal static byte[] ExportPkcs12(X509Certificate2 certificate, string? password)
    {
        if (password is null) return certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, null);
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, PasswordIterations);
        using var key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException($"Certificate {certificate.Thumbprint} has no ECDSA or RSA private key.", nameof(certificate));
        var localKeyId = new Pkcs9LocalKeyId(SHA256.HashData(certificate.RawData));
        var keys = new Pkcs12SafeContents();
        keys.AddShroudedKey(key, password, pbe).Attributes.Add(localKeyId);
        var certificates = new Pkcs12SafeContents();
        certificates.AddCertificate(certificate).Attributes.Add(localKeyId);
        var builder = new Pkcs12Builder();
        builder.AddSafeContentsUnencrypted(certificates);
        builder.AddSafeContentsUnencrypted(keys);
        builder.SealWithMac(password, HashAlgorithmName.SHA256, PasswordIterations);
        return builder.Encode();
    }
}
