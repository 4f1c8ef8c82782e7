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

/// <summary>Completes -Edition with the editions of -Product (or of every product when none is given yet).</summary>
public sealed class EditionNameCompleter : StoreCompleter
{
    protected override IEnumerable<CompletionCandidate> Candidates(ILicenseStore? store, CompletionRequest request)
    {
        var catalogue = store?.Catalogue.PeekCatalogue() ?? ProductCatalogue.Default;
        var products = catalogue.Find(request.Bound("Product") ?? request.Bound("Name")) is { } one ? [one] : catalogue.Products;
        return products.SelectMany(p => p.Editions).Select(e => e.Name).Order(StringComparer.OrdinalIgnoreCase)
            .Select(name => new CompletionCandidate(name, name));
    }
}

/// <summary>Completes -Ttl with the store's allowed TTLs, shortest first (the default policy when the store does not exist yet).</summary>
public sealed class TtlCompleter : StoreCompleter
{
    protected override IEnumerable<CompletionCandidate> Candidates(ILicenseStore? store, CompletionRequest request) =>
        (store is null ? TtlPolicy.Default : TtlPolicy.Load(store)).Allowed.Select(t => new CompletionCandidate(t.Ttl, t.Describe()));
}
