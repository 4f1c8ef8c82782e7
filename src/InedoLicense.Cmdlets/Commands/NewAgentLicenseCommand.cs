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
    private readonly RowColumnCheck _columns = new("New-AgentLicense", "OrganizationId", "MacId", "ExpiresAt");
    private BulkProgress? _progress;
    private long _inputCount;

    /// <summary>The agent's organisation. Required, here or in each piped row.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationIdCompleter))]
    public string? OrganizationId { get; set; }

    /// <summary>The agent machine's MAC ID (Get-MacId on that machine), in any common spelling. Required, here or in each piped row.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? MacId { get; set; }

    /// <summary>When the registration stops working. Without it the key does not expire.</summary>
    [Parameter]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// Agents from the pipeline: rows (Import-Csv, [pscustomobject]) with the columns OrganizationId, MacId and ExpiresAt.
    /// Parameters given with it apply to every row; a row may not give a different value for one of them.
    /// </summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    private BulkProgress Progress => _progress ??= new BulkProgress(this, 2, "New-AgentLicense", "agent requests");
    protected override string[] RowColumns => ["OrganizationId", "MacId"];

    protected override void ProcessRecord()
    {
        if (ReadRequest() is not { } request) return;
        var (organization, macId, expiresAt) = request;
        Progress.Advance(current: $"{macId} of {organization}");
        if (organization is null || macId is null)
        {
            var missing = string.Join(", ", new[] { ("OrganizationId", organization), ("MacId", macId) }.Where(p => p.Item2 is null).Select(p => p.Item1));
            WriteItemError(Errors.Record(ErrorIds.InvalidLicenseField, ErrorCategory.InvalidArgument, missing,
                Strings.AgentNeedsOrganizationAndMac, missing));
            return;
        }
        if (!MacAddress.TryNormalize(macId, out var mac, out var macError))
        {
            WriteItemError(Errors.Record(ErrorIds.InvalidMacId, ErrorCategory.InvalidArgument, macId, macError));
            return;
        }
        if (!ShouldProcess($"agent {mac} of organisation {organization}", "Issue agent registration key")) return;
        Issue(LicensePlanner.Agent(KeyIssuer.NewPayload(LicenseKind.Agent), organization, mac, expiresAt));
    }

    // The parameters alone, or a row merged with them; null after writing an error for a row that cannot be used.
    private (string? OrganizationId, string? MacId, DateTimeOffset? ExpiresAt)? ReadRequest()
    {
        CurrentRow = null;
        if (InputObject is null) return (OrganizationId, MacId, ExpiresAt);
        var row = CurrentRow = PipelineRow.Read(InputObject, ++_inputCount);
        _columns.WarnOfUnused(this, row);
        try
        {
            return (RowMerge.Text(row, "OrganizationId", OrganizationId), RowMerge.Text(row, "MacId", MacId),
                RowMerge.Value(row.Date("ExpiresAt"), ExpiresAt, "ExpiresAt"));
        }
        catch (RowValueException e)
        {
            WriteItemError(Errors.InvalidField(e, InputObject));
            return null;
        }
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        _progress?.Complete();
    }
}
