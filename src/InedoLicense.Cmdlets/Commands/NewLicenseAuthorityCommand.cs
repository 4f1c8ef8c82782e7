using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using InedoLicense.Authority;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>Creates a root CA and one issuer certificate per role, their PKCS#12 files and the trust bundle.</summary>
[Cmdlet(VerbsCommon.New, "LicenseAuthority", SupportsShouldProcess = true, DefaultParameterSetName = PasswordSet)]
[OutputType(typeof(LicenseAuthority))]
public sealed class NewLicenseAuthorityCommand : StoreCmdlet
{
    private const string PasswordSet = "Password";
    private const string NoPasswordSet = "NoPassword";

    /// <summary>A new, empty folder. Default: "authority" beside the store.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The vendor name in the certificates' subjects.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 64)]
    public string Name { get; set; } = "InedoLicense";

    [Parameter]
    public KeyAlgorithm Algorithm { get; set; } = KeyAlgorithm.EcdsaP256;

    /// <summary>Protects the PKCS#12 files (PBKDF2-HMAC-SHA256, 600,000 iterations). Without it the command warns: they would rely on owner-only file modes alone.</summary>
    [Parameter(ParameterSetName = PasswordSet)]
    public SecureString? Password { get; set; }

    /// <summary>Creates the PKCS#12 files without a password on purpose (a test or throw-away authority): no warning.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NoPasswordSet)]
    public SwitchParameter NoPassword { get; set; }

    protected override void EndProcessing()
    {
        var path = Path is null ? DefaultAuthorityPath : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (LicenseAuthority.Exists(path))
            ThrowTerminatingError(Errors.Record(ErrorIds.AuthorityAlreadyExists, ErrorCategory.ResourceExists, path,
                Strings.AuthorityAlreadyExists, path));
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            ThrowTerminatingError(Errors.Record(ErrorIds.AuthorityFolderNotEmpty, ErrorCategory.ResourceExists, path,
                Strings.AuthorityFolderNotEmpty, path));
        if (!ShouldProcess(path, $"Create a {Algorithm} licence authority")) return;
        if (Password is null && !NoPassword)
            WriteWarning(
                "The authority's private keys (root.pfx and the issuers' files) will have no password: anyone who can read them, a backup or a copied disk "
                + "included, can sign keys. Pass -Password to protect them, or -NoPassword to create them so on purpose; keep root.pfx offline (docs/design/security.md).");
        var store = WritableStore; // opened first: an authority whose creation cannot be audited is not created

        LicenseAuthority authority;
        try
        {
            authority = LicenseAuthority.Create(path, Name, Algorithm, Password.ToPlainText(), DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            ThrowTerminatingError(Errors.Wrap(ErrorIds.AuthorityCreationFailed, ErrorCategory.WriteError, path, e,
                Strings.AuthorityCreationFailed, path, e.Message));
            return;
        }
        store.AuditLog.Audit(AuditActor.CurrentUser(), AuditActions.CreateAuthority, path,
            $"algorithm={Algorithm}; root={authority.RootCertificate.Thumbprint}");
        WriteObject(authority);
    }
}
