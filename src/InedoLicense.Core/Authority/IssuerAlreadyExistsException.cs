namespace InedoLicense.Authority;

/// <summary>The authority already has an issuer of that name; nothing was changed.</summary>
public sealed class IssuerAlreadyExistsException(string name)
    : IOException($"The authority already has an issuer named '{name}'.")
{
    public string Name { get; } = name;
}
