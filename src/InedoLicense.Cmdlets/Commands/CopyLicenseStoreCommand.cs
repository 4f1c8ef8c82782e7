using System.Management.Automation;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Copies the store (-StorePath, default $env:INEDOLICENSE_STORE) into an empty one (-Destination): how a team moves
/// one admin's SQLite file to the shared PostgreSQL database. Every row as it is, the audit log with its hashes and
/// anchor, so that Test-LicenseStore passes on the copy; refused when the destination is not empty.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "LicenseStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StoreCopyResult))]
public sealed class CopyLicenseStoreCommand : StoreCmdlet
{
    /// <summary>The empty store to copy into: a PostgreSQL connection string or URI, or a SQLite file path.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    protected override void EndProcessing()
    {
        var destination = StoreEngine.IsPostgres(Destination) ? Destination.Trim() : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        var shown = StoreEngine.Display(destination);
        if (string.Equals(destination, ResolvedStorePath, StringComparison.Ordinal))
            ThrowTerminatingError(Errors.Record(ErrorIds.StoreNotEmpty, ErrorCategory.InvalidArgument, shown, Strings.CopyToItself, shown));
        var source = Store; // the source must exist: StoreNotFound otherwise
        if (!ShouldProcess(shown, $"Copy the licence store {StoreName} into it")) return;

        ILicenseStore target;
        try
        {
            target = StoreEngine.Open(destination, StoreOpenMode.OpenOrCreate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException
                                      or System.Data.Common.DbException or TimeoutException)
        {
            ThrowTerminatingError(Errors.Wrap(e is NotALicenseStoreException ? ErrorIds.NotALicenseStore : ErrorIds.StoreUnavailable,
                e is NotALicenseStoreException ? ErrorCategory.InvalidData : ErrorCategory.OpenError, shown, e, Strings.StoreCannotOpen, shown, Errors.Sentence(e.Message)));
            return;
        }
        using (target)
        {
            StoreCopyResult result;
            try
            {
                result = StoreCopy.Copy(source, target);
            }
            catch (StoreNotEmptyException e)
            {
                ThrowTerminatingError(Errors.Record(ErrorIds.StoreNotEmpty, ErrorCategory.ResourceExists, shown, e));
                return;
            }
            catch (System.Data.Common.DbException e)
            {
                ThrowTerminatingError(Errors.Wrap(ErrorIds.StoreUnavailable, ErrorCategory.WriteError, shown, e, Strings.StoreCannotOpen, shown, Errors.Sentence(e.Message)));
                return;
            }
            WriteVerbose($"Copied {result.Licenses:N0} licence(s), {result.AuditEntries:N0} audit entries, {result.Products:N0} product(s) and {result.Settings:N0} setting(s) into {shown}.");
            WriteObject(result);
        }
    }
}
