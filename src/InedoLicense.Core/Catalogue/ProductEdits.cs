namespace InedoLicense.Catalogue;

/// <summary>
/// How a change merges into a product of the catalogue: the whole set of editions, or one edition's
/// features and tier; settings not given are kept. Validation is <see cref="ProductRules"/>'s, when stored.
/// </summary>
public static class ProductEdits
{
    /// <summary>
    /// The product with its editions replaced (kept when <paramref name="editions"/> is null) and the settings given
    /// changed; a new product when there is none. Null when there is neither a product nor editions to make one.
    /// </summary>
    public static ProductDefinition? WithEditions(ProductDefinition? existing, string name, EditionDefinition[]? editions,
        string? standardPaidEdition, int? defaultTermMonths)
    {
        if (existing is null && editions is null) return null;
        return (existing ?? new ProductDefinition()) with
        {
            Name = name,
            Editions = editions ?? existing!.Editions,
            StandardPaidEdition = standardPaidEdition ?? existing?.StandardPaidEdition,
            DefaultTermMonths = defaultTermMonths ?? existing?.DefaultTermMonths ?? ProductDefinition.DefaultMonths,
        };
    }

    /// <summary>
    /// The product with one edition added or changed: its features replaced, its tier kept unless given (Paid for a
    /// new edition), its name kept as stored; the settings given changed.
    /// </summary>
    public static ProductDefinition WithEdition(ProductDefinition existing, string editionName, string[] features, EditionTier? tier,
        string? standardPaidEdition, int? defaultTermMonths)
    {
        var current = existing.FindEdition(editionName);
        var changed = new EditionDefinition
        {
            Name = current?.Name ?? editionName,
            Tier = tier ?? current?.Tier ?? EditionTier.Paid,
            Features = features,
        };
        var editions = current is null
            ? existing.Editions.Append(changed)
            : existing.Editions.Select(e => ReferenceEquals(e, current) ? changed : e);
        return existing with
        {
            Editions = editions.ToArray(),
            StandardPaidEdition = standardPaidEdition ?? existing.StandardPaidEdition,
            DefaultTermMonths = defaultTermMonths ?? existing.DefaultTermMonths,
        };
    }

    /// <summary>The catalogue with <paramref name="stored"/> in place of the product of its name (any case).</summary>
    public static ProductCatalogue Replace(ProductCatalogue catalogue, ProductDefinition stored) =>
        new(catalogue.Products.Where(p => !p.Name.Equals(stored.Name, StringComparison.OrdinalIgnoreCase)).Append(stored));
}
