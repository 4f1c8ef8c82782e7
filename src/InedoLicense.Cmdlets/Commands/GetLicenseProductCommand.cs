using System.Management.Automation;
using InedoLicense.Catalogue;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>Lists the product catalogue: products, their editions and features. A new store starts with the shipped default.</summary>
[Cmdlet(VerbsCommon.Get, "LicenseProduct")]
[OutputType(typeof(ProductDefinition))]
public sealed class GetLicenseProductCommand : StoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [Alias("Product")]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var catalogue = CatalogueToList();
        if (Name is null)
        {
            WriteObject(catalogue.Products, enumerateCollection: true);
            return;
        }
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = catalogue.Products.Where(p => pattern.IsMatch(p.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                try { catalogue.Resolve(name); }
                catch (CatalogueLookupException e) { WriteError(CatalogueAccess.Error(e)); }
            }
            foreach (var product in matches.Where(p => written.Add(p.Name))) WriteObject(product);
        }
    }

    private ProductCatalogue? _catalogue;

    // Reading never writes: the store's catalogue, or the shipped default a new store (or one whose catalogue is still empty) starts with.
    private ProductCatalogue CatalogueToList()
    {
        if (_catalogue is not null) return _catalogue;
        var store = ExistingStore;
        if (store is null && StorePath is not null)
            WriteWarning($"There is no licence store at {StoreName}: these are the products of the shipped default catalogue, which a new store starts with.");
        return _catalogue = store.PeekCatalogue(this);
    }
}
