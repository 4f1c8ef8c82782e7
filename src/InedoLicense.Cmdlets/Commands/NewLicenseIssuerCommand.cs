using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using InedoLicense.Authority;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>Adds an issuer certificate for a role (one per admin, say) and refreshes the trust bundle.</summary>
[Cmdlet(VerbsCommon.New, "LicenseIssuer", SupportsShouldProcess = true)]
[OutputType(typeof(IssuerInfo))]
public sealed class NewLicenseIssuerCommand : StoreCmdlet
{
    /// <summary>The issuer's name: its files are issuers/NAME.pfx and issuers/NAME.crt.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public IssuerRole[] Role { get; set; } = [];

    /// <summary>The authority folder. Default: "authority" beside the store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuthorityPath { get; set; }

    /// <summary>The password of the authority's root.pfx, if it has one.</summary>
    [Parameter]
    public SecureString? RootPassword { get; set; }

    /// <summary>The root's PKCS#12 file, when it is kept offline rather than as root.pfx in the authority folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RootKeyPath { get; set; }

    /// <summary>Protects the new issuer's PKCS#12 file.</summary>
    [Parameter]
    public SecureString? Password { get; set; }

    protected override void ProcessRecord()
    {
        var path = AuthorityPath is null ? DefaultAuthorityPath : SessionState.Path.GetUnresolvedProviderPathFromPSPath(AuthorityPath);
        if (!LicenseAuthority.Exists(path))
        {
            WriteError(Errors.Record(ErrorIds.AuthorityNotFound, ErrorCategory.ObjectNotFound, path,
                Strings.AuthorityNotFound, path));
            return;
        }
        if (!ShouldProcess(path, $"Add issuer '{Name}' with role {string.Join(", ", Role)}")) return;
        var store = WritableStore; // opened first: an issuer whose creation cannot be audited is not created
        var rootKey = RootKeyPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(RootKeyPath);
        try
        {
            // The audit entry is written while the authority is locked: if it fails, the issuer is undone.
            var issuer = LicenseAuthority.Open(path).AddIssuer(Name, Role, RootPassword.ToPlainText(), Password.ToPlainText(), DateTimeOffset.UtcNow,
                added => store.AuditLog.Audit(AuditActor.CurrentUser(), AuditActions.AddIssuer, added.Thumbprint, $"name={Name}; roles={string.Join(",", Role)}"),
                rootKey);
            WriteObject(issuer);
        }
        catch (ArgumentException e)
        {
            WriteError(Errors.Record(ErrorIds.InvalidIssuerName, ErrorCategory.InvalidArgument, Name, e));
        }
        catch (IssuerAlreadyExistsException e)
        {
            WriteError(Errors.Record(ErrorIds.IssuerAlreadyExists, ErrorCategory.ResourceExists, Name, e));
        }
        catch (RootKeyUnavailableException e)
        {
            WriteError(e.Problem == RootKeyProblem.Missing
                ? Errors.Wrap(ErrorIds.RootKeyUnavailable, ErrorCategory.ResourceUnavailable, e.Path, e, Strings.RootKeyUnavailable, e.Path)
                : Errors.Wrap(ErrorIds.RootKeyUnavailable, ErrorCategory.ResourceUnavailable, e.Path, e, Strings.RootKeyIsNotTheRoot,
                    e.Path, e.Subject, e.RootSubject, e.RootCertificatePath));
        }
        catch (CertificateFileUnreadableException e)
        {
            WriteError(Errors.Wrap(ErrorIds.SigningCertificateUnavailable, ErrorCategory.AuthenticationError, path, e,
                e.PasswordGiven ? Strings.RootKeyWrongPassword : Strings.RootKeyNeedsPassword, e.Path, e.Problem));
        }
        catch (CryptographicException e)
        {
            WriteError(Errors.Record(ErrorIds.SigningCertificateUnavailable, ErrorCategory.AuthenticationError, path, e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            WriteError(Errors.Wrap(ErrorIds.IssuerNotCreated, ErrorCategory.WriteError, Name, e,
                Strings.IssuerNotCreated, Name, e.Message));
        }
    }
}
