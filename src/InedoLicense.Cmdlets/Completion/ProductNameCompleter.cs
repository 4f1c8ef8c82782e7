using InedoLicense.Catalogue;
using InedoLicense.Issuance;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Completion;

/// <summary>Completes -Product with the catalogue's products (the shipped catalogue when the store does not exist yet).</summary>
public sealed class ProductNameCompleter : StoreCompleter
{
    protected override IEnumerable<CompletionCandidate> Candidates(ILicenseStore? store, CompletionRequest request) =>
        (store?.Catalogue.PeekCatalogue() ?? ProductCatalogue.Default).Products.Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase)
            .Select(name => new CompletionCandidate(name, name));
}
