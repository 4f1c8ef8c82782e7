using System.Management.Automation;
using InedoLicense.Catalogue;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// Adds or replaces the products of a catalogue file (the format of the shipped default,
/// { "products": [ ... ] }); products the file does not name stay as they are. A file is
/// imported whole or not at all.
/// </summary>
[Cmdlet(VerbsData.Import, "LicenseProduct", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(ProductDefinition))]
public sealed class ImportLicenseProductCommand : StoreCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Catalogue files taken as written, without wildcards (a piped file binds here by its PSPath).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Outputs the imported products as stored.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var file in FilePaths.Resolve(this, literal ? LiteralPath : Path, ErrorIds.CatalogueFileNotFound, literal)) Import(file);
    }

    private void Import(string file)
    {
        ProductCatalogue catalogue;
        try
        {
            catalogue = ProductCatalogue.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(Errors.Record(ErrorIds.CatalogueFileNotFound, ErrorCategory.ReadError, file, e));
            return;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            WriteError(Errors.Wrap(ErrorIds.InvalidCatalogueFile, ErrorCategory.InvalidData, file, e,
                Strings.InvalidCatalogueFile, file, e.Message));
            return;
        }
        var names = string.Join(", ", catalogue.Products.Select(p => p.Name));
        if (!ShouldProcess(file, $"Import products {names}")) return;
        try
        {
            var stored = WritableStore.Catalogue.SetProducts(catalogue.Products, AuditActor.CurrentUser(), "source=Import-LicenseProduct " + file);
            if (PassThru) WriteObject(stored, enumerateCollection: true);
        }
        catch (ArgumentException e)
        {
            WriteError(Errors.Wrap(ErrorIds.InvalidCatalogueFile, ErrorCategory.InvalidData, file, e,
                Strings.InvalidCatalogueFile, file, e.Message));
        }
        catch (System.Data.Common.DbException e)
        {
            WriteError(Errors.Wrap(ErrorIds.StoreUnavailable, ErrorCategory.WriteError, StoreName, e,
                Strings.ProductsNotSaved, file, e.Message));
        }
    }
}
