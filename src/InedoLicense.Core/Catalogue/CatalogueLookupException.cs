namespace InedoLicense.Catalogue;

/// <summary>A product or edition the catalogue does not list; the message lists the ones it does.</summary>
public sealed class CatalogueLookupException(CatalogueLookupFailure failure, string value, string message, IReadOnlyList<string>? known = null)
    : KeyNotFoundException(message)
{
    /// <summary>The names the catalogue does list: its products, or the product's editions.</summary>
    public IReadOnlyList<string> Known { get; } = known ?? [];
    public CatalogueLookupFailure Failure { get; } = failure;
    /// <summary>The name that was asked for.</summary>
    public string Value { get; } = value;
}
