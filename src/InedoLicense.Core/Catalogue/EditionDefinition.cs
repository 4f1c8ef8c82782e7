namespace InedoLicense.Catalogue;

/// <summary>What an edition is for: free keys may be perpetual, paid keys have a term, a trial key lasts 30 days.</summary>
public enum EditionTier
{
    Free,
    /// <summary>Carries the product's standard paid features and the "trial" banner (stopgap keys use it).</summary>
    Trial,
    Paid,
}

/// <summary>One edition of a product and the features its keys carry.</summary>
public sealed record EditionDefinition
{
    public string Name { get; init; } = "";
    public EditionTier Tier { get; init; }
    /// <summary>"Name" or "Name=Value" entries. Empty for a Trial edition: it carries the standard paid edition's.</summary>
    public string[] Features { get; init; } = [];

    /// <summary>"Enterprise (Paid: FeedReplication)": what a list or a CSV export of a product shows for an edition.</summary>
    public override string ToString() =>
        Tier == EditionTier.Trial ? $"{Name} (Trial: the standard paid edition's features)"
        : Features.Length == 0 ? $"{Name} ({Tier})" : $"{Name} ({Tier}: {string.Join(", ", Features)})";
}
