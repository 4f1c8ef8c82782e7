using InedoLicense.Issuance;

namespace InedoLicense.Catalogue;

/// <summary>What a product definition must satisfy before it is stored; the message names the product and says what to fix.</summary>
public static class ProductRules
{
    public const int MaxTermMonths = 120;

    /// <summary>Returns the product (with null lists made empty); throws <see cref="ArgumentException"/> naming the field.</summary>
    public static ProductDefinition Validate(ProductDefinition product)
    {
        product = product with
        {
            Editions = (product.Editions ?? []).Select(e => e with { Features = e.Features ?? [] }).ToArray(),
        };
        CheckName(product.Name, "Name", "A product needs a name.");
        var name = product.Name;
        if (product.Editions.Length == 0)
            throw new ArgumentException($"Product {name} has no editions; give at least one (e.g. Free or Enterprise).", "Editions");
        if (product.Editions.Any(e => e is null))
            throw new ArgumentException($"Product {name} has an empty (null) edition.", "Editions");

        foreach (var edition in product.Editions)
        {
            CheckName(edition.Name, "Editions", $"Product {name} has an edition without a name.");
            if (!Enum.IsDefined(edition.Tier))
                throw new ArgumentException($"Edition {name} {edition.Name} has tier {(int)edition.Tier}; use Free, Trial or Paid.", "Editions");
            CheckFeatures(name, edition);
        }
        var duplicate = product.Editions.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Product {name} lists the edition '{duplicate.Key}' twice.", "Editions");
        if (product.Editions.Count(e => e.Tier == EditionTier.Trial) > 1)
            throw new ArgumentException($"Product {name} has more than one Trial edition; stopgap keys need exactly one to choose.", "Editions");

        if (product.StandardPaidEdition is { } standard)
        {
            if (product.FindEdition(standard) is not { Tier: EditionTier.Paid } paid)
                throw new ArgumentException($"StandardPaidEdition of {name} is '{standard}', which is not a Paid edition of it. Paid editions: {PaidEditions(product)}.", "StandardPaidEdition");
            product = product with { StandardPaidEdition = paid.Name };
        }
        else if (product.TrialEdition is not null)
        {
            throw new ArgumentException($"Product {name} has a Trial edition, so it needs a StandardPaidEdition: the paid edition whose features trial keys carry ({PaidEditions(product)}).", "StandardPaidEdition");
        }
        if (product.DefaultTermMonths is < 1 or > MaxTermMonths)
            throw new ArgumentException($"DefaultTermMonths of {name} is {product.DefaultTermMonths}; it must be 1 to {MaxTermMonths}.", "DefaultTermMonths");
        return product;
    }

    private static void CheckFeatures(string product, EditionDefinition edition)
    {
        if (edition.Tier == EditionTier.Trial && edition.Features.Length > 0)
            throw new ArgumentException(
                $"Edition {product} {edition.Name} is a Trial edition: it carries the features of the product's StandardPaidEdition, so list them there, not here.", "Editions");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var feature in edition.Features)
        {
            var text = feature ?? "";
            var featureName = text.Split('=', 2)[0].Trim();
            if (featureName.Length == 0 || text.Any(char.IsControl) || text.Length > PayloadRules.MaxTextLength)
                throw new ArgumentException(
                    $"Edition {product} {edition.Name} has the feature '{feature}'; a feature is \"Name\" or \"Name=Value\" on one line, at most {PayloadRules.MaxTextLength} characters.", "Editions");
            if (!names.Add(featureName))
                throw new ArgumentException($"Edition {product} {edition.Name} lists the feature {featureName} twice.", "Editions");
        }
    }

    private static void CheckName(string? value, string field, string missing)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException(missing, field);
        if (value.Length > PayloadRules.MaxTextLength || value.Any(char.IsControl) || value.Trim() != value)
            throw new ArgumentException($"'{value}' is not a usable name: no leading or trailing spaces, no control characters, at most {PayloadRules.MaxTextLength} characters.", field);
    }

    private static string PaidEditions(ProductDefinition product)
    {
        var paid = product.Editions.Where(e => e.Tier == EditionTier.Paid).Select(e => e.Name).ToArray();
        return paid.Length == 0 ? "none" : string.Join(", ", paid);
    }
}
