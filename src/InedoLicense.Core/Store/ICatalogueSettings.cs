using InedoLicense.Catalogue;

namespace InedoLicense.Store;

/// <summary>The product catalogue and the named settings (a part of <see cref="ILicenseStore"/>).</summary>
public interface ICatalogueSettings
{
    /// <summary>The catalogue as stored; an empty one (a new store) is first seeded with the shipped default, audited.</summary>
    ProductCatalogue LoadCatalogue();

    /// <summary>The stored catalogue, or the shipped default while the store has none; never writes.</summary>
    ProductCatalogue PeekCatalogue();

    /// <summary>Adds or replaces products (by name, any case), all or none, with one audit entry each.</summary>
    IReadOnlyList<ProductDefinition> SetProducts(IEnumerable<ProductDefinition> products, AuditActor actor, string? note = null);

    string? GetSetting(string name);

    /// <summary>Sets a setting and audits it, in one transaction.</summary>
    void SetSetting(string name, string value, AuditActor actor);
}
