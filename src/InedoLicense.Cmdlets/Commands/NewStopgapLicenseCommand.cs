using System.Management.Automation;
using InedoLicense.Catalogue;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Issues a 30-day Trial-edition stopgap key (standard paid features, "trial" banner) to a customer
/// whose paid licence lapsed, one per customer and product per lapsed term. It never changes the
/// lapsed licence's term. Takes CSV rows from the pipeline: one key per row, an error per bad row.
/// </summary>
[Cmdlet(VerbsCommon.New, "StopgapLicense", SupportsShouldProcess = true)]
[OutputType(typeof(LicenseRecord))]
public sealed class NewStopgapLicenseCommand : SigningCmdlet
{
    private ProductCatalogue? _catalogue;
    private StopgapPolicy? _policy;
    private readonly RowColumnCheck _columns = new("New-StopgapLicense", "Product", "Customer", "LapsedLicense", "Serial", "Reason");
    private BulkProgress? _progress;
    private long _inputCount;

    /// <summary>The product of the lapsed licence. Required, here or in each piped row.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string? Product { get; set; }

    /// <summary>The customer whose licence lapsed. Required, here or in each piped row.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Customer { get; set; }

    /// <summary>The serial of the lapsed paid licence. Default: the customer's latest paid licence of the product.</summary>
    [Parameter]
    [Alias("Serial")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SerialCompleter))]
    public string? LapsedLicense { get; set; }

    /// <summary>Why the customer needs it; signed into the key as its Purpose. Default: Other.</summary>
    [Parameter]
    public StopgapReason? Reason { get; set; }

    /// <summary>
    /// Issues a stopgap even when the term already has one, or when the paid term still has more than 30 days
    /// to run; the audit log records the override.
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// Requests from the pipeline: rows (Import-Csv, [pscustomobject]) with the columns Product, Customer,
    /// LapsedLicense (or Serial) and Reason, or the lapsed licences themselves (Get-License).
    /// Parameters given with it apply to every row; a row may not give a different value for one of them.
    /// </summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    private ProductCatalogue Catalogue => _catalogue ??= PeekCatalogue();
    private StopgapPolicy Policy => _policy ??= new StopgapPolicy(ExistingStore, Catalogue);
    private BulkProgress Progress => _progress ??= new BulkProgress(this, 1, "New-StopgapLicense", "stopgap requests");
    protected override string[] RowColumns => ["Product", "Customer", "LapsedLicense", "Serial"];

    protected override void ProcessRecord()
    {
        if (ReadRequest() is not { } request) return;
        Progress.Advance(current: request.ToString());
        StopgapPlan? plan;
        try
        {
            plan = Policy.Plan(KeyIssuer.NewPayload(LicenseKind.Stopgap), request, FindLicenseOrError, DateTimeOffset.UtcNow, Force);
        }
        catch (CatalogueLookupException e)
        {
            WriteItemError(CatalogueAccess.Error(e));
            return;
        }
        catch (StopgapRefusedException e)
        {
            WriteItemError(IssuingErrors.Stopgap(e));
            return;
        }
        if (plan is null) return; // the named lapsed licence was not found: said already
        var note = $"reason={request.Reason}" + (plan.EarlyBy is null ? ""
            : $"; forced: -Force issued a stopgap more than {StopgapPolicy.Window.TotalDays:N0} days before {plan.Lapsed!.Serial} expires");
        if (!ShouldProcess($"{plan.Product} for {plan.Customer} ({IssuingErrors.StopgapTerm(plan.Lapsed)})", "Issue 30-day stopgap key")) return;
        // The store holds the rule when the key is committed (another process may be issuing the same stopgap
        // right now); -Force lets the key past it, and the store records the override ("forced=" in the audit log).
        if (Issue(plan.Payload, note, plan.Lapsed?.Serial, Force ? IssuanceRule.OneStopgapPerTerm : null, request))
            Policy.Remember(plan.Customer, plan.Product, plan.Lapsed?.Serial, plan.Payload.Serial, plan.Payload.ExpiresAt);
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        _progress?.Complete();
    }

    // The parameters alone, or a row (or a piped licence) merged with them; null after writing an error for a row that cannot be used.
    private StopgapRequest? ReadRequest()
    {
        CurrentRow = null;
        if (InputObject is null) return new StopgapRequest(Product ?? "", Customer ?? "", LapsedLicense, Reason ?? StopgapReason.Other);
        return ReadRow(InputObject, ++_inputCount, _columns, row =>
        {
            var lapsedColumn = row.Text("LapsedLicense") is null ? "Serial" : "LapsedLicense";
            if (row.Text("LapsedLicense") is { } named && row.Text("Serial") is { } serial && !string.Equals(named, serial, StringComparison.OrdinalIgnoreCase))
                throw new RowValueException("Serial", serial, PipelineRow.Message(Strings.RowGivesLapsedLicenseAndSerial, named, serial));
            return new StopgapRequest(RowMerge.Text(row, "Product", Product) ?? "", RowMerge.Text(row, "Customer", Customer) ?? "",
                RowMerge.Text(row, lapsedColumn, LapsedLicense), RowMerge.Value(row.Enum<StopgapReason>("Reason"), Reason, "Reason") ?? StopgapReason.Other);
        });
    }
}
