using System.Management.Automation;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Issues the registration key of one agent, bound to its organisation and its machine's MAC ID.
/// Takes OrganizationId and MacId from the pipeline by property name, so a CSV of agents issues in bulk.
/// </summary>
[Cmdlet(VerbsCommon.New, "AgentLicense", SupportsShouldProcess = true)]
[OutputType(typeof(LicenseRecord))]
public sealed class NewAgentLicenseCommand : SigningCmdlet
{
    private BulkProgress? _progress;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationIdCompleter))]
    public string OrganizationId { get; set; } = "";

    /// <summary>The agent machine's MAC ID (Get-MacId on that machine), in any common spelling.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string MacId { get; set; } = "";

    /// <summary>When the registration stops working. Without it the key does not expire.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public DateTimeOffset? ExpiresAt { get; set; }

    private BulkProgress Progress => _progress ??= new BulkProgress(this, 2, "New-AgentLicense", "agent requests");

    protected override void ProcessRecord()
    {
        Progress.Advance(current: $"{MacId} of {OrganizationId}");
        if (!MacAddress.TryNormalize(MacId, out var mac, out var macError))
        {
            WriteError(Errors.Record(ErrorIds.InvalidMacId, ErrorCategory.InvalidArgument, MacId, macError));
            return;
        }
        if (!ShouldProcess($"agent {mac} of organisation {OrganizationId}", "Issue agent registration key")) return;
        var payload = KeyIssuer.NewPayload(LicenseKind.Agent) with
        {
            OrganizationId = OrganizationId,
            MacId = mac,
            ExpiresAt = ExpiresAt is { } end ? Terms.LicenseTerm.ToWholeSeconds(end) : null,
        };
        Issue(payload);
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        _progress?.Complete();
    }
}
