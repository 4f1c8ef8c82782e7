using System.Text.Json.Serialization;

namespace InedoLicense.Catalogue;

/// <summary>A product of the catalogue: its editions, which paid edition a trial mirrors, and the default paid term.</summary>
public sealed record ProductDefinition
{
    public const int DefaultMonths = 12;

    public string Name { get; init; } = "";
    public EditionDefinition[] Editions { get; init; } = [];
    /// <summary>The paid edition whose features a Trial (and so a stopgap) key carries.</summary>
    public string? StandardPaidEdition { get; init; }
    /// <summary>The term of a paid key issued without -Months or -ExpiresAt.</summary>
    public int DefaultTermMonths { get; init; } = DefaultMonths;

    /// <summary>The edition with this name (any case), or null.</summary>
    public EditionDefinition? FindEdition(string? name) =>
        Editions.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The edition stopgap keys use, or null when the product offers no trial.</summary>
    [JsonIgnore]
    public EditionDefinition? TrialEdition => Editions.FirstOrDefault(e => e.Tier == EditionTier.Trial);

    /// <summary>The features a key of this edition carries: a Trial edition's are the standard paid edition's.</summary>
    public IReadOnlyList<string> FeaturesOf(EditionDefinition edition) =>
        edition.Tier == EditionTier.Trial ? FindEdition(StandardPaidEdition)?.Features ?? [] : edition.Features;

    /// <summary>True unless the catalogue says the edition is Free or Trial; an edition no longer listed counts as paid.</summary>
    public bool IsPaid(string? editionName) => FindEdition(editionName)?.Tier is not (EditionTier.Free or EditionTier.Trial);

    public override string ToString() => Name;
}
