using InedoLicense.Catalogue;
using InedoLicense.Verification;

namespace InedoLicense.Store;

/// <summary>Reads whose statements are the same on every SQL engine (SQLite and PostgreSQL), written once.</summary>
internal static class SqlReads
{
    /// <summary>Every revoked serial, loaded once so that bulk verification needs no query per key.</summary>
    public static RevocationSet LoadRevocations(ISqlStore store)
    {
        var entries = new Dictionary<string, (DateTimeOffset, string?)>(StringComparer.Ordinal);
        using var command = store.Command("SELECT serial, revoked_at, revocation_reason FROM licenses WHERE revoked_at IS NOT NULL");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            entries[reader.GetString(0)] = (DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1)), reader.IsDBNull(2) ? null : reader.GetString(2));
        return new RevocationSet(entries);
    }

    /// <summary>The stored product definitions, in <paramref name="order"/> (the engine's case-insensitive name order).</summary>
    public static List<ProductDefinition> ReadProducts(ISqlStore store, string order)
    {
        var products = new List<ProductDefinition>();
        using var command = store.Command($"SELECT name, definition FROM products ORDER BY {order}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            try
            {
                products.Add(CatalogueJson.Deserialize(reader.GetString(1)));
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"The store {store.Path} holds an unreadable definition of product {reader.GetString(0)}: {e.Message}", e);
            }
        }
        return products;
    }
}
