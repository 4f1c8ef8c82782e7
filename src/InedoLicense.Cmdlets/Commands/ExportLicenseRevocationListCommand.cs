using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Issuance;
using InedoLicense.Signing;
using InedoLicense.Store;
using InedoLicense.Verification;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Writes every revocation in the store as a CMS-signed list for verifiers that never see the
/// store (Test-LicenseKey -RevocationList). Signed by an Issuer certificate; valid until -NextUpdate.
/// </summary>
[Cmdlet(VerbsData.Export, "LicenseRevocationList", SupportsShouldProcess = true)]
[OutputType(typeof(RevocationListFile))]
public sealed class ExportLicenseRevocationListCommand : SigningCmdlet
{
    /// <summary>How long a list is good for when -NextUpdate is not given.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    /// <summary>The file to write (PEM text); an existing file is replaced.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>When verifiers must stop using the list: a moment, or a TimeSpan from now. Default: 7 days from now.</summary>
    [Parameter]
    [FromNowTransformation]
    public DateTimeOffset? NextUpdate { get; set; }

    protected override void ProcessRecord()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        var issuedAt = KeyIssuer.Now();
        var nextUpdate = Terms.LicenseTerm.ToWholeSeconds(NextUpdate ?? issuedAt + DefaultLifetime);
        if (nextUpdate <= issuedAt)
            ThrowTerminatingError(Errors.Record(ErrorIds.InvalidNextUpdate, ErrorCategory.InvalidArgument, NextUpdate,
                Strings.InvalidNextUpdate,
                nextUpdate.UtcDateTime));
        if (!ShouldProcess(path, "Export a signed licence revocation list")) return;

        var signer = SignerFor(Verification.RevocationList.SignerRole);
        var entries = Store.Revocations.LoadRevocations().Entries.ToList();
        byte[] signed;
        try { signed = RevocationListSigner.Sign(signer, entries, issuedAt, nextUpdate, IncludeCertificates); }
        catch (IssuerNotAuthorizedException e)
        {
            ThrowTerminatingError(Errors.Wrap(ErrorIds.IssuerNotAuthorizedForRevocationList, ErrorCategory.SecurityError, signer.Certificate, e,
                Strings.IssuerNotAuthorizedForRevocationList, e.Thumbprint, signer.Certificate.Subject, e.RequiredRole));
            throw; // unreachable
        }
        var text = Verification.RevocationList.ToText(signed);
        var bytes = Encoding.ASCII.GetBytes(text);
        WriteReplacing(path, bytes);
        Store.AuditLog.Audit(AuditActor.CurrentUser(signer.Thumbprint), AuditActions.ExportRevocationList, path,
            $"entries={entries.Count}; issuedAt={issuedAt:O}; nextUpdate={nextUpdate:O}; sha256={Convert.ToHexString(SHA256.HashData(bytes))}");
        WriteObject(new RevocationListFile(path, issuedAt, nextUpdate, entries.Count, signer.Certificate.Subject, signer.Thumbprint));
    }

    // Written beside the target and moved over it, so a verifier never reads half a list.
    private void WriteReplacing(string path, byte[] bytes)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            ThrowTerminatingError(Errors.Wrap(ErrorIds.RevocationListNotWritten, ErrorCategory.WriteError, path, e,
                Strings.RevocationListNotWritten, path, e.Message));
        }
    }
}
