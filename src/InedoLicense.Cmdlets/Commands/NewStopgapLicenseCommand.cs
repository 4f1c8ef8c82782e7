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
    private BulkProgress? _progress;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string Product { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Customer { get; set; } = "";

    /// <summary>The serial of the lapsed paid licence. Default: the customer's latest paid licence of the product.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Serial")]
    [AllowNull]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(SerialCompleter))]
    public string? LapsedLicense { get; set; }

    /// <summary>Why the customer needs it; signed into the key as its Purpose. Default: Other.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [EmptyAsNullTransformation]
    public StopgapReason? Reason { get; set; }

    /// <summary>Issues a stopgap even when the term already has one; the audit log records the override.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private ProductCatalogue Catalogue => _catalogue ??= PeekCatalogue();
    private StopgapPolicy Policy => _policy ??= new StopgapPolicy(ExistingStore, Catalogue);
    private BulkProgress Progress => _progress ??= new BulkProgress(this, 1, "New-StopgapLicense", "stopgap requests");

    protected override void ProcessRecord()
    {
        var request = new StopgapRequest(Product, Customer, LapsedLicense, Reason ?? StopgapReason.Other);
        Progress.Advance(current: request.ToString());
        var customer = Customer.Trim();
        if (customer.Length == 0)
        {
            WriteError(Errors.Record(ErrorIds.InvalidLicenseField, ErrorCategory.InvalidArgument, request,
                Strings.InvalidLicenseField2, request));
            return;
        }

        LicensePayload payload;
        try
        {
            payload = LicensePlanner.Stopgap(KeyIssuer.NewPayload(LicenseKind.Stopgap), Catalogue, Product.Trim(), customer, request.Reason);
        }
        catch (CatalogueLookupException e)
        {
            WriteError(CatalogueAccess.Error(e));
            return;
        }
        if (!TryFindLapsedTerm(request, payload.Product!, customer, out var lapsed)) return;

        if (!Force && Policy.Existing(customer, payload.Product!, lapsed?.Serial) is { } existing)
        {
            WriteError(Errors.Record(ErrorIds.StopgapAlreadyIssued, ErrorCategory.ResourceExists, request,
                Strings.StopgapAlreadyIssued,
                customer, existing.Serial, payload.Product, DescribeTerm(lapsed), existing.ExpiresAt?.UtcDateTime));
            return;
        }

        if (!ShouldProcess($"{payload.Product} for {customer} ({DescribeTerm(lapsed)})", "Issue 30-day stopgap key")) return;
        // The store holds the rule when the key is committed (another process may be issuing the same stopgap
        // right now); -Force lets the key past it, and the store records the override ("forced=" in the audit log).
        if (Issue(payload, $"reason={request.Reason}", lapsed?.Serial, Force ? IssuanceRule.OneStopgapPerTerm : null, request))
            Policy.Remember(customer, payload.Product!, lapsed?.Serial, payload.Serial, payload.ExpiresAt);
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        _progress?.Complete();
    }

    // The paid licence whose term the stopgap bridges: -LapsedLicense (checked) or the latest one. False after writing an error.
    private bool TryFindLapsedTerm(StopgapRequest request, string product, string customer, out LicenseRecord? lapsed)
    {
        lapsed = Policy.LapsedTerm(customer, product);
        if (string.IsNullOrWhiteSpace(LapsedLicense)) return true;

        if (FindLicenseOrError(LapsedLicense) is not { } named) return false;
        var problem = StopgapPolicy.LapsedLicenseProblem(named, product, customer, lapsed, Policy.IsPaidLicense);
        if (problem is null) return true;
        WriteError(Errors.Record(ErrorIds.InvalidLapsedLicense, ErrorCategory.InvalidArgument, request,
            Strings.InvalidLapsedLicense, problem));
        return false;
    }

    private static string DescribeTerm(LicenseRecord? lapsed) =>
        lapsed is null ? "no paid licence on record" : $"term of licence {lapsed.Serial}, which expires {lapsed.ExpiresAt:yyyy-MM-dd}";

}
