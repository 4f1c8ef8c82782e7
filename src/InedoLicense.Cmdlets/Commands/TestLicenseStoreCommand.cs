using System.Management.Automation;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Checks a store: SQLite's integrity_check, the audit hash chain from its first entry and its
/// anchor, and every licence row against its signed key and its audit entries. Names the first
/// broken audit entry.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "LicenseStore")]
[OutputType(typeof(StoreIntegrityReport))]
public sealed class TestLicenseStoreCommand : StoreCmdlet
{
    /// <summary>"id:HASH" from an earlier report's Checkpoint, kept outside the store: the log must still hold that entry with that hash.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Checkpoint { get; set; }

    protected override void EndProcessing()
    {
        var path = StoreName;
        if (!StoreEngine.IsPostgres(ResolvedStorePath) && !File.Exists(ResolvedStorePath))
            ThrowTerminatingError(Errors.Record(ErrorIds.StoreNotFound, ErrorCategory.ObjectNotFound, path,
                Strings.StoreNotFound, path));
        AuditAnchor? checkpoint = null;
        if (Checkpoint is not null && (checkpoint = AuditAnchor.Parse(Checkpoint)) is null)
            ThrowTerminatingError(Errors.Record(ErrorIds.InvalidCheckpoint, ErrorCategory.InvalidArgument, Checkpoint,
                Strings.InvalidCheckpoint, Checkpoint));
        WriteObject(Store.Integrity.CheckIntegrity(checkpoint));
    }
}
