using System.Management.Automation;
using InedoLicense.Catalogue;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Issuance;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Issues a free, trial or paid product licence key from the catalogue, or renews one
/// (-RenewalOf, or a licence piped in): a renewal starts at the old licence's expiry, never now.
/// </summary>
[Cmdlet(VerbsCommon.New, "License", SupportsShouldProcess = true, DefaultParameterSetName = MonthsSet)]
[OutputType(typeof(LicenseRecord))]
public sealed class NewLicenseCommand : SigningCmdlet
{
    private const string MonthsSet = "Months";
    private const string ExpiresAtSet = "ExpiresAt";
    private RenewalPolicy? _renewals;
    private ProductCatalogue? _catalogue;
    private BulkProgress? _progress;

    /// <summary>Required for a new licence; a renewal keeps the old licence's.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string? Product { get; set; }

    /// <summary>Required for a new licence; a renewal keeps the old licence's unless given.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Customer { get; set; }

    /// <summary>Required for a new licence; a renewal keeps the old licence's unless given (an upgrade, say).</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EditionNameCompleter))]
    public string? Edition { get; set; }

    /// <summary>When the term starts (the contract's date). Default: now. Not for renewals, which start at the old expiry.</summary>
    [Parameter]
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>The term in whole calendar months (UTC). Default: paid editions the product's DefaultTermMonths, renewals the old term's months, free keys perpetual, trial keys 30 days.</summary>
    [Parameter(ParameterSetName = MonthsSet, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, Terms.LicenseTerm.MaxMonths)]
    public int? Months { get; set; }

    /// <summary>An explicit end instead of -Months.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ExpiresAtSet)]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Renews this licence: its serial, or the licence itself piped from Get-License (or a CSV row's RenewalOf column).</summary>
    [Parameter(ValueFromPipeline = true)]
    [LicenseSerialTransformation]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SerialCompleter))]
    public string? RenewalOf { get; set; }

    private ProductCatalogue Catalogue => _catalogue ??= PeekCatalogue();
    private RenewalPolicy Renewals => _renewals ??= new RenewalPolicy(ExistingStore?.Licenses);
    private BulkProgress Progress => _progress ??= new BulkProgress(this, 3, "New-License", "licence requests");

    protected override void ProcessRecord()
    {
        Progress.Advance(current: RenewalOf is null ? $"{Product} {Edition} for {Customer}" : $"renewal of {RenewalOf}");
        var term = new TermRequest(Months, ExpiresAt, NotBefore);
        LicensePayload payload;
        try
        {
            if (RenewalOf is null)
            {
                if (MissingForNewLicense() is { } missing)
                {
                    WriteError(Errors.Record(ErrorIds.InvalidLicenseField, ErrorCategory.InvalidArgument, missing,
                        Strings.InvalidLicenseField, missing));
                    return;
                }
                payload = LicensePlanner.NewLicense(KeyIssuer.NewPayload(LicenseKind.License), Catalogue, Product!, Customer!.Trim(), Edition!, term);
                if (!ShouldProcess($"{payload.Product} {payload.Edition} for {payload.Customer}", $"Issue licence key ({DescribeTerm(payload)})")) return;
            }
            else
            {
                if (FindLicenseToRenew() is not { } old) return;
                payload = LicensePlanner.Renewal(KeyIssuer.NewPayload(LicenseKind.License), Catalogue, old, Product, Customer?.Trim(), Edition, term);
                if (!ShouldProcess($"{old.Serial} ({payload.Product} {payload.Edition} for {payload.Customer})", $"Renew licence ({DescribeTerm(payload)})")) return;
            }
        }
        catch (CatalogueLookupException e)
        {
            WriteError(CatalogueAccess.Error(e));
            return;
        }
        catch (InvalidRenewalException e)
        {
            WriteError(Errors.Record(ErrorIds.InvalidRenewal, ErrorCategory.InvalidOperation, e.Serial, e));
            return;
        }
        if (Issue(payload) && payload.RenewalOf is { } renewed) Renewals.Remember(renewed);
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        _progress?.Complete();
    }

    private string? MissingForNewLicense()
    {
        var missing = new[] { ("Product", Product), ("Customer", Customer?.Trim()), ("Edition", Edition) }
            .Where(p => string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1).ToArray();
        return missing.Length == 0 ? null : string.Join(", ", missing);
    }

    // The licence to renew, unless it is unknown or already renewed (then an error is written).
    private LicenseRecord? FindLicenseToRenew()
    {
        if (FindLicenseOrError(RenewalOf) is not { } old) return null;
        var serial = old.Serial;
        var renewal = Renewals.Existing(serial) is { } existing ? existing.Serial ?? "(issued by this command)" : null;
        if (renewal is not null)
        {
            WriteError(Errors.Record(ErrorIds.LicenseAlreadyRenewed, ErrorCategory.ResourceExists, serial,
                Strings.LicenseAlreadyRenewed, serial, renewal));
            return null;
        }
        return old;
    }

    private static string DescribeTerm(LicensePayload payload) =>
        payload.ExpiresAt is { } end ? $"{payload.NotBefore:yyyy-MM-dd HH:mm} to {end:yyyy-MM-dd HH:mm} UTC" : "perpetual";
}
