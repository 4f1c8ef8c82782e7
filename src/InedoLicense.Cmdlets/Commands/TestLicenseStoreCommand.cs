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
        var path = ResolvedStorePath;
        if (!File.Exists(path))
            ThrowTerminatingError(Errors.Record(ErrorIds.StoreNotFound, ErrorCategory.ObjectNotFound, path,
                "There is no licence store at {0}. Pass -StorePath, or set $env:INEDOLICENSE_STORE.", path));
        AuditAnchor? checkpoint = null;
        if (Checkpoint is not null && (checkpoint = AuditAnchor.Parse(Checkpoint)) is null)
            ThrowTerminatingError(Errors.Record(ErrorIds.InvalidCheckpoint, ErrorCategory.InvalidArgument, Checkpoint,
                "'{0}' is not a checkpoint: use the Checkpoint of an earlier Test-LicenseStore report, \"id:\" and 64 hex digits.", Checkpoint));
        WriteObject(Store.CheckIntegrity(checkpoint));
    }
}
