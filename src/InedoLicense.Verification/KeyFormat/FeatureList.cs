using System.Collections.ObjectModel;

namespace InedoLicense.KeyFormat;

/// <summary>
/// A key's features. Its text is the features joined by "; ", so a report or a CSV export shows
/// them, not a type name.
/// </summary>
public sealed class FeatureList(IList<string> features) : ReadOnlyCollection<string>(features)
{
    public static new readonly FeatureList Empty = new([]);

    /// <summary>The features as a list whose text is readable (no copy when it already is one).</summary>
    public static FeatureList Of(IEnumerable<string>? features) => features switch
    {
        null => Empty,
        FeatureList list => list,
        IReadOnlyCollection<string> { Count: 0 } => Empty,
        _ => new FeatureList(features.ToArray()),
    };

    public override string ToString() => string.Join("; ", this);

    /// <summary>Two lists are equal when they hold the same features in the same order (records compare them so).</summary>
    public override bool Equals(object? obj) => obj is FeatureList other && this.SequenceEqual(other, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var feature in this) hash.Add(feature, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
