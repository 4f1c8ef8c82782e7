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
    // Below this many keys a progress bar would only flicker.
    private const int ProgressThreshold = 10;
    private readonly ProgressRecord _progress = new(2, "New-AgentLicense", "Issuing agent registration keys");
    private int _signed;
    private long _lastProgress;

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

    protected override void ProcessRecord()
    {
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
            ExpiresAt = ExpiresAt is { } end ? DateTimeOffset.FromUnixTimeSeconds(end.ToUnixTimeSeconds()) : null,
        };
        Issue(payload);
        ReportProgress();
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (_signed < ProgressThreshold) return;
        _progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(_progress);
    }

    private void ReportProgress()
    {
        _signed++;
        if (_signed < ProgressThreshold || Environment.TickCount64 - _lastProgress < 250) return;
        _lastProgress = Environment.TickCount64;
        _progress.StatusDescription = $"{_signed:N0} keys signed";
        WriteProgress(_progress);
    }
}
