using InedoLicense.Catalogue;
using NpgsqlTypes;

namespace InedoLicense.Store;

/// <summary>The product catalogue and the named settings of the PostgreSQL store; every change is audited in the same transaction.</summary>
internal sealed class PostgresCatalogueSettings(PostgresStore store) : ICatalogueSettings
{
    private static readonly NpgsqlDbType[] TwoTexts = [NpgsqlDbType.Text, NpgsqlDbType.Text];

    public ProductCatalogue LoadCatalogue()
    {
        var products = ReadProducts();
        if (products.Count > 0) return new ProductCatalogue(products);

        using var write = new PostgresWrite(store);
        products = ReadProducts(); // another admin may have seeded it while we waited for the lock
        if (products.Count == 0)
        {
            products = ProductCatalogue.Default.Products.ToList();
            WriteProducts(write, products, AuditActor.CurrentUser(), "source=shipped default catalogue");
        }
        write.Commit();
        return new ProductCatalogue(products);
    }

    public ProductCatalogue PeekCatalogue()
    {
        var products = ReadProducts();
        return products.Count > 0 ? new ProductCatalogue(products) : ProductCatalogue.Default;
    }

    public IReadOnlyList<ProductDefinition> SetProducts(IEnumerable<ProductDefinition> products, AuditActor actor, string? note = null)
    {
        var valid = products.Select(ProductRules.Validate).ToList();
        var twice = valid.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"The product {twice.Key} is given twice.", "Name");
        if (valid.Count == 0) return valid;

        using var write = new PostgresWrite(store);
        if (Convert.ToInt64(store.Scalar("SELECT count(*) FROM products")) == 0)
        {
            var defaults = ProductCatalogue.Default.Products.Where(d => !valid.Any(v => string.Equals(v.Name, d.Name, StringComparison.OrdinalIgnoreCase)));
            WriteProducts(write, defaults.ToList(), actor, "source=shipped default catalogue");
        }
        WriteProducts(write, valid, actor, note);
        write.Commit();
        return valid;
    }

    private List<ProductDefinition> ReadProducts() => SqlReads.ReadProducts(store, "lower(name), name");

    private static void WriteProducts(PostgresWrite write, IReadOnlyList<ProductDefinition> products, AuditActor actor, string? note)
    {
        foreach (var product in products)
        {
            var json = CatalogueJson.SerializeCompact(product);
            write.Add("INSERT INTO products (name, definition) VALUES ($1, $2) "
                      + "ON CONFLICT ((lower(name))) DO UPDATE SET name = excluded.name, definition = excluded.definition",
                [product.Name, json], TwoTexts);
            write.Audit(DateTimeOffset.UtcNow, actor, AuditActions.SetProduct, product.Name, note is null ? json : $"{json}; {note}");
        }
    }

    public string? GetSetting(string name) => store.Scalar("SELECT value FROM settings WHERE name = @p0", name) as string;

    public void SetSetting(string name, string value, AuditActor actor)
    {
        if (name.StartsWith(AuditAnchor.ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Settings named '{AuditAnchor.ReservedPrefix}*' are kept by the store itself.", nameof(name));
        using var write = new PostgresWrite(store);
        write.Add("INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [name, value], TwoTexts);
        write.Audit(DateTimeOffset.UtcNow, actor, AuditActions.ChangeSetting, name, value);
        write.Commit();
    }
}
