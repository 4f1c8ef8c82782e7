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
    private readonly RowColumnCheck _columns = new("New-License", "Product", "Customer", "Edition", "Months", "ExpiresAt", "NotBefore", "RenewalOf");
    private BulkProgress? _progress;
    private long _inputCount;

    /// <summary>Required for a new licence; a renewal keeps the old licence's.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string? Product { get; set; }

    /// <summary>Required for a new licence; a renewal keeps the old licence's unless given.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Customer { get; set; }

    /// <summary>Required for a new licence; a renewal keeps the old licence's unless given (an upgrade, say).</summary>
    [Parameter(Position = 2)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EditionNameCompleter))]
    public string? Edition { get; set; }

    /// <summary>When the term starts (the contract's date). Default: now. Not for renewals, which start at the old expiry.</summary>
    [Parameter]
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>The term in whole calendar months (UTC). Default: paid editions the product's DefaultTermMonths, renewals the old term's months, free keys perpetual, trial keys 30 days.</summary>
    [Parameter(ParameterSetName = MonthsSet)]
    [ValidateRange(1, Terms.LicenseTerm.MaxMonths)]
    public int? Months { get; set; }

    /// <summary>An explicit end instead of -Months.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ExpiresAtSet)]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Renews this licence: its serial, or the licence itself (from Get-License or Test-LicenseKey).</summary>
    [Parameter]
    [LicenseSerialTransformation]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SerialCompleter))]
    public string? RenewalOf { get; set; }

    /// <summary>
    /// What to issue, from the pipeline: a row (Import-Csv, [pscustomobject]) with the columns Product, Customer,
    /// Edition, Months, ExpiresAt, NotBefore or RenewalOf; a licence (Get-License, Test-LicenseKey) or a serial to renew.
    /// Parameters given with it apply to every row; a row may not give a different value for one of them.
    /// </summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    private ProductCatalogue Catalogue => _catalogue ??= PeekCatalogue();
    private RenewalPolicy Renewals => _renewals ??= new RenewalPolicy(ExistingStore);
    private BulkProgress Progress => _progress ??= new BulkProgress(this, 3, "New-License", "licence requests");
    protected override string[] RowColumns => ["Product", "Customer", "Edition", "RenewalOf"];

    protected override void ProcessRecord()
    {
        if (ReadRequest() is not { } request) return;
        Progress.Advance(current: request.ToString());
        if (request.RenewalOf is null && request.Missing() is { } missing)
        {
            WriteItemError(Errors.Record(ErrorIds.InvalidLicenseField, ErrorCategory.InvalidArgument, missing, Strings.InvalidLicenseField, missing));
            return;
        }
        LicenseRecord? old = null;
        if (request.RenewalOf is not null && (old = FindLicenseToRenew(request.RenewalOf)) is null) return;
        LicensePayload payload;
        try
        {
            payload = request.Plan(KeyIssuer.NewPayload(LicenseKind.License), Catalogue, old);
        }
        catch (CatalogueLookupException e)
        {
            WriteItemError(CatalogueAccess.Error(e));
            return;
        }
        catch (InvalidRenewalException e)
        {
            WriteItemError(IssuingErrors.Renewal(e));
            return;
        }
        catch (ArgumentException e)
        {
            WriteItemError(Errors.InvalidField(e, e.ParamName));
            return;
        }
        var term = payload.ExpiresAt is { } end ? $"{payload.NotBefore:yyyy-MM-dd HH:mm} to {end:yyyy-MM-dd HH:mm} UTC" : "perpetual";
        var subject = $"{payload.Product} {payload.Edition} for {payload.Customer}";
        if (!(old is null ? ShouldProcess(subject, $"Issue licence key ({term})") : ShouldProcess($"{old.Serial} ({subject})", $"Renew licence ({term})"))) return;
        if (old is null && LicensePlanner.AlreadyOver(payload, DateTimeOffset.UtcNow) is { } doubt)
            WriteWarning(CurrentRow is { } row ? $"{row.Describe(RowColumns)}: {doubt}" : doubt);
        if (Issue(payload) && payload.RenewalOf is { } renewed) Renewals.Remember(renewed);
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        _progress?.Complete();
    }

    // The request of this item: the parameters alone, or a piped licence or serial to renew, or a row merged with them.
    // Null after writing an error for a row that cannot be used.
    private LicenseRequest? ReadRequest()
    {
        var fromParameters = new LicenseRequest(Product, Customer, Edition, Months, ExpiresAt, NotBefore, RenewalOf);
        CurrentRow = null;
        if (InputObject is null) return fromParameters;
        _inputCount++;
        if (InputObject.BaseObject is var piped && (piped as string ?? LicenseSerialTransformationAttribute.SerialOf(piped)) is { } serial)
        {
            if (RenewalOf is null || RenewalOf == serial) return fromParameters with { RenewalOf = serial };
            WriteItemError(Errors.Record(ErrorIds.InvalidLicenseField, ErrorCategory.InvalidArgument, InputObject, Strings.RenewalGivenTwice, serial, RenewalOf));
            return null;
        }
        return ReadRow(InputObject, _inputCount, _columns, row =>
        {
            var request = new LicenseRequest(RowMerge.Text(row, "Product", Product), RowMerge.Text(row, "Customer", Customer), RowMerge.Text(row, "Edition", Edition),
                RowMerge.Value(row.Int("Months", 1, Terms.LicenseTerm.MaxMonths, "months"), Months, "Months"),
                RowMerge.Value(row.Date("ExpiresAt"), ExpiresAt, "ExpiresAt"), RowMerge.Value(row.Date("NotBefore"), NotBefore, "NotBefore"),
                RowMerge.Text(row, "RenewalOf", RenewalOf));
            if (request.Months is not null && request.ExpiresAt is not null)
                throw new RowValueException("ExpiresAt", null, PipelineRow.Message(Strings.RowGivesMonthsAndExpiresAt, request.Months, request.ExpiresAt));
            return request;
        });
    }

    // The licence to renew, unless it is unknown or already renewed (then an error is written).
    private LicenseRecord? FindLicenseToRenew(string serialText)
    {
        if (FindLicenseOrError(serialText) is not { } old) return null;
        if (Renewals.Existing(old.Serial) is not { } existing) return old;
        WriteItemError(Errors.Record(ErrorIds.LicenseAlreadyRenewed, ErrorCategory.ResourceExists, old.Serial,
            Strings.LicenseAlreadyRenewed, old.Serial, existing.Serial ?? "(issued by this command)"));
        return null;
    }
}
