using InedoLicense.Catalogue;

namespace InedoLicense.Store;

/// <summary>
/// The product catalogue (one JSON definition per product in the products table) and the named settings of the
/// SQLite store; every change is audited in the same transaction.
/// </summary>
internal sealed class SqliteCatalogueSettings(LicenseStore store) : ICatalogueSettings
{
    /// <summary>
    /// The catalogue as stored. A store whose catalogue is empty (a new one) is first seeded with
    /// <see cref="ProductCatalogue.Default"/>, audited like any other change.
    /// </summary>
    public ProductCatalogue LoadCatalogue()
    {
        var products = ReadProducts();
        if (products.Count > 0) return new ProductCatalogue(products);

        using var transaction = store.BeginWrite();
        products = ReadProducts(); // another process may have seeded it while we waited for the lock
        if (products.Count == 0)
        {
            products = ProductCatalogue.Default.Products.ToList();
            WriteProducts(products, AuditActor.CurrentUser(), "source=shipped default catalogue");
        }
        transaction.Commit();
        return new ProductCatalogue(products);
    }

    /// <summary>The stored catalogue, or the shipped default while the store has none; never writes (for previews, readers and tab completion).</summary>
    public ProductCatalogue PeekCatalogue()
    {
        var products = ReadProducts();
        return products.Count > 0 ? new ProductCatalogue(products) : ProductCatalogue.Default;
    }

    /// <summary>
    /// Adds or replaces products (matched by name, any case), all or none, with one audit entry
    /// each. Throws <see cref="ArgumentException"/> for an invalid definition before writing anything.
    /// </summary>
    public IReadOnlyList<ProductDefinition> SetProducts(IEnumerable<ProductDefinition> products, AuditActor actor, string? note = null)
    {
        var valid = products.Select(ProductRules.Validate).ToList();
        var twice = valid.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"The product {twice.Key} is given twice.", "Name");
        if (valid.Count == 0) return valid;

        using var transaction = store.BeginWrite();
        if (Convert.ToInt64(store.Scalar("SELECT COUNT(*) FROM products")) == 0)
        {
            // Seed first, so that setting one product into a new store does not hide the defaults for good.
            var defaults = ProductCatalogue.Default.Products.Where(d => !valid.Any(v => string.Equals(v.Name, d.Name, StringComparison.OrdinalIgnoreCase)));
            WriteProducts(defaults.ToList(), actor, "source=shipped default catalogue");
        }
        WriteProducts(valid, actor, note);
        transaction.Commit();
        return valid;
    }

    // name is COLLATE NOCASE in SQLite's schema.
    private List<ProductDefinition> ReadProducts() => SqlReads.ReadProducts(store, "name");

    // Inside the caller's write transaction.
    private void WriteProducts(IReadOnlyList<ProductDefinition> products, AuditActor actor, string? note)
    {
        using var upsert = store.Command(
            "INSERT INTO products(name, definition) VALUES ($name, $definition) "
            + "ON CONFLICT(name) DO UPDATE SET name = excluded.name, definition = excluded.definition");
        var name = upsert.Parameters.AddWithValue("$name", "");
        var definition = upsert.Parameters.AddWithValue("$definition", "");
        using var audit = new AuditWriter(store);
        foreach (var product in products)
        {
            var json = CatalogueJson.SerializeCompact(product);
            name.Value = product.Name;
            definition.Value = json;
            upsert.ExecuteNonQuery();
            audit.Append(DateTimeOffset.UtcNow, actor, AuditActions.SetProduct, product.Name, note is null ? json : $"{json}; {note}");
        }
    }

    public string? GetSetting(string name) => store.Scalar("SELECT value FROM settings WHERE name = $p0", name) as string;

    public void SetSetting(string name, string value, AuditActor actor)
    {
        if (name.StartsWith(AuditAnchor.ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Settings named '{AuditAnchor.ReservedPrefix}*' are kept by the store itself.", nameof(name));
        using var transaction = store.BeginWrite();
        using (var upsert = store.Command("INSERT INTO settings(name, value) VALUES ($name, $value) ON CONFLICT(name) DO UPDATE SET value = excluded.value"))
        {
            upsert.Parameters.AddWithValue("$name", name);
            upsert.Parameters.AddWithValue("$value", value);
            upsert.ExecuteNonQuery();
        }
        using (var audit = new AuditWriter(store))
            audit.Append(DateTimeOffset.UtcNow, actor, AuditActions.ChangeSetting, name, value);
        transaction.Commit();
    }
}
