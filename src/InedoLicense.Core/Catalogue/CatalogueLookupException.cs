namespace InedoLicense.Catalogue;

/// <summary>A product or edition the catalogue does not list; the message lists the ones it does.</summary>
public sealed class CatalogueLookupException(CatalogueLookupFailure failure, string value, string message)
    : KeyNotFoundException(message)
{
    public CatalogueLookupFailure Failure { get; } = failure;
    /// <summary>The name that was asked for.</summary>
    public string Value { get; } = value;
}
