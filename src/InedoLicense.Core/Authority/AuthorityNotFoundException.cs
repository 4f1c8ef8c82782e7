namespace InedoLicense.Authority;

/// <summary>There is no licence authority in the folder (no root.crt).</summary>
public sealed class AuthorityNotFoundException(string path) : DirectoryNotFoundException($"There is no licence authority at {path}.")
{
    public string Path { get; } = path;
}
