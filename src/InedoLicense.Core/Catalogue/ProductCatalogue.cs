using System.Reflection;

namespace InedoLicense.Catalogue;

/// <summary>
/// The products, editions and features keys may be issued for. Data, not code: the store holds
/// it (seeded from <see cref="Default"/>, the shipped default-catalogue.json) and vendors change it
/// with Set-LicenseProduct or Import-LicenseProduct.
/// </summary>
public sealed class ProductCatalogue
{
    private const string DefaultResource = "InedoLicense.Catalogue.default-catalogue.json";
    private static readonly Lazy<ProductCatalogue> LazyDefault = new(LoadDefault);

    public ProductCatalogue(IEnumerable<ProductDefinition> products) =>
        Products = products.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Sorted by name.</summary>
    public IReadOnlyList<ProductDefinition> Products { get; }

    /// <summary>The catalogue the module ships (default-catalogue.json, embedded in Core).</summary>
    public static ProductCatalogue Default => LazyDefault.Value;

    public ProductDefinition? Find(string? name) =>
        Products.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The product by name (any case); throws <see cref="CatalogueLookupException"/> listing the known ones.</summary>
    public ProductDefinition Resolve(string? name) =>
        Find(name) ?? throw new CatalogueLookupException(CatalogueLookupFailure.UnknownProduct, name ?? "",
            $"Unknown product '{name}'. Known products: {KnownProducts}.", Products.Select(p => p.Name).ToList());

    /// <summary>The product and edition by name (any case); throws <see cref="CatalogueLookupException"/> listing the known ones.</summary>
    public (ProductDefinition Product, EditionDefinition Edition) Resolve(string? productName, string? editionName)
    {
        var product = Resolve(productName);
        var edition = product.FindEdition(editionName) ?? throw new CatalogueLookupException(CatalogueLookupFailure.UnknownEdition,
            editionName ?? "", $"{product.Name} has no edition '{editionName}'. Its editions: {string.Join(", ", product.Editions.Select(e => e.Name))}.");
        return (product, edition);
    }

    /// <summary>The product's Trial edition; throws <see cref="CatalogueLookupException"/> when it has none.</summary>
    public (ProductDefinition Product, EditionDefinition Edition) ResolveTrial(string? productName)
    {
        var product = Resolve(productName);
        var trial = product.TrialEdition ?? throw new CatalogueLookupException(CatalogueLookupFailure.UnknownEdition, product.Name,
            $"{product.Name} has no Trial edition, so no stopgap key can be issued for it. Its editions: {string.Join(", ", product.Editions.Select(e => e.Name))}.");
        return (product, trial);
    }

    private string KnownProducts => Products.Count == 0 ? "(none)" : string.Join(", ", Products.Select(p => p.Name));

    /// <summary>Parses a catalogue file (see docs/Import-LicenseProduct.md) and validates every product.</summary>
    public static ProductCatalogue Parse(string json) => new(CatalogueJson.ParseFile(json).Select(ProductRules.Validate));

    private static ProductCatalogue LoadDefault()
    {
        using var stream = typeof(ProductCatalogue).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The resource {DefaultResource} is missing from {typeof(ProductCatalogue).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
