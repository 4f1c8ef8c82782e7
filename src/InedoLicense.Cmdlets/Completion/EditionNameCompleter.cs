using InedoLicense.Catalogue;
using InedoLicense.Issuance;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Completion;

/// <summary>
/// Completes -Edition with the editions of -Product in catalogue order (free, trial, then paid ones as the catalogue
/// lists them); nothing for a product the catalogue does not have; every product's editions when none is given yet.
/// </summary>
public sealed class EditionNameCompleter : StoreCompleter
{
    protected override IEnumerable<CompletionCandidate> Candidates(ILicenseStore? store, CompletionRequest request)
    {
        var catalogue = store?.Catalogue.PeekCatalogue() ?? ProductCatalogue.Default;
        var product = request.Bound("Product") ?? request.Bound("Name");
        IEnumerable<ProductDefinition> products = product is null ? catalogue.Products
            : catalogue.Find(product) is { } one ? [one]
            : [];
        return products.SelectMany(p => p.Editions).Select(e => e.Name).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => new CompletionCandidate(name, name));
    }
}
