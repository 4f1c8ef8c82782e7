using System.Text.Json;
using System.Text.Json.Serialization;

namespace InedoLicense.Catalogue;

/// <summary>
/// The JSON form of products: a catalogue file is { "products": [ ... ] }; the store keeps one
/// product per row. Unknown properties are refused, so a typo in a file is an error, not a silent default.
/// </summary>
public static class CatalogueJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private static readonly JsonSerializerOptions CompactOptions = new(Options) { WriteIndented = false };

    public static string Serialize(ProductDefinition product) => JsonSerializer.Serialize(product, Options);

    /// <summary>One line: how the store and the audit log keep a product.</summary>
    public static string SerializeCompact(ProductDefinition product) => JsonSerializer.Serialize(product, CompactOptions);

    public static string SerializeFile(IEnumerable<ProductDefinition> products) =>
        JsonSerializer.Serialize(new CatalogueFile { Products = products.ToArray() }, Options);

    public static ProductDefinition Deserialize(string json) =>
        Read<ProductDefinition>(json) ?? throw new FormatException("A product definition is empty (null).");

    /// <summary>Throws <see cref="FormatException"/> with the line and property when the text is not a catalogue.</summary>
    public static IReadOnlyList<ProductDefinition> ParseFile(string json)
    {
        var file = Read<CatalogueFile>(json);
        if (file?.Products is not { } products)
            throw new FormatException("A catalogue file is an object with a \"products\" array: { \"products\": [ { \"name\": \"ProGet\", \"editions\": [...] } ] }.");
        if (products.Any(p => p is null)) throw new FormatException("The \"products\" array holds a null entry.");
        return products;
    }

    private static T? Read<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}{(string.IsNullOrEmpty(e.Path) ? "" : ", " + e.Path)})" : "";
            throw new FormatException($"Not a valid catalogue{where}: {e.Message}", e);
        }
    }

    private sealed class CatalogueFile
    {
        public ProductDefinition[]? Products { get; init; }
    }
}
