using System.Management.Automation;
using InedoLicense.Catalogue;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Adds or changes a product of the catalogue, effective for the next command (no rebuild):
/// the whole product (-Edition, or product objects piped from Get-LicenseProduct), or one
/// edition's features (-EditionName -Feature).
/// </summary>
[Cmdlet(VerbsCommon.Set, "LicenseProduct", SupportsShouldProcess = true, DefaultParameterSetName = ProductSet)]
[OutputType(typeof(ProductDefinition))]
public sealed class SetLicenseProductCommand : StoreCmdlet
{
    private const string ProductSet = "Product";
    private const string FeatureSet = "Feature";
    private ProductCatalogue? _catalogue;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Every edition of the product (replaces the ones stored). Hashtables work: @{ Name = 'Free'; Tier = 'Free'; Features = 'Servers=1' }.</summary>
    [Parameter(ParameterSetName = ProductSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Editions")]
    [ValidateNotNullOrEmpty]
    public EditionDefinition[]? Edition { get; set; }

    /// <summary>The paid edition whose features Trial (stopgap) keys carry.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EditionNameCompleter))]
    public string? StandardPaidEdition { get; set; }

    /// <summary>The term, in months, of paid keys issued without -Months or -ExpiresAt.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, ProductRules.MaxTermMonths)]
    public int? DefaultTermMonths { get; set; }

    /// <summary>The one edition to add or change (with -Feature).</summary>
    [Parameter(Mandatory = true, ParameterSetName = FeatureSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EditionNameCompleter))]
    public string? EditionName { get; set; }

    /// <summary>The edition's features ("Name" or "Name=Value"); replaces its list. @() for none.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FeatureSet)]
    [AllowEmptyCollection]
    public string[] Feature { get; set; } = [];

    /// <summary>The edition's tier. Default: unchanged, or Paid for a new edition.</summary>
    [Parameter(ParameterSetName = FeatureSet)]
    public EditionTier? Tier { get; set; }

    /// <summary>Outputs the product as stored.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        _catalogue ??= ExistingStore.PeekCatalogue(this);
        var existing = _catalogue.Find(Name);
        var product = ParameterSetName == FeatureSet
            ? existing is null ? null : ProductEdits.WithEdition(existing, EditionName!, Feature, Tier, StandardPaidEdition, DefaultTermMonths)
            : ProductEdits.WithEditions(existing, Name, Edition, StandardPaidEdition, DefaultTermMonths);
        if (product is null)
        {
            // A new product needs its editions (-Edition); -EditionName changes an edition of one that exists.
            WriteError(Errors.Record(ErrorIds.UnknownProduct, ErrorCategory.ObjectNotFound, Name,
                ParameterSetName == FeatureSet ? Strings.UnknownProductToChange : Strings.UnknownProduct, Name));
            return;
        }

        var action = existing is null ? "Add product" : "Change product";
        if (!ShouldProcess(Name, $"{action} (editions: {string.Join(", ", product.Editions.Select(e => $"{e.Name} [{e.Tier}]"))})")) return;
        try
        {
            var stored = WritableStore.Catalogue.SetProducts([product], AuditActor.CurrentUser(), "via Set-LicenseProduct").Single();
            _catalogue = ProductEdits.Replace(_catalogue, stored);
            if (PassThru) WriteObject(stored);
        }
        catch (ArgumentException e)
        {
            WriteError(Errors.Record(ErrorIds.InvalidProductDefinition, ErrorCategory.InvalidArgument, product, e));
        }
        catch (System.Data.Common.DbException e)
        {
            WriteError(Errors.Wrap(ErrorIds.StoreUnavailable, ErrorCategory.WriteError, StoreName, e,
                Strings.ProductNotSaved, Name, e.Message));
        }
    }
}
