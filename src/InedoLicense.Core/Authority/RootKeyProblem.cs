namespace InedoLicense.Authority;

/// <summary>Why the root key cannot sign a new issuer (<see cref="RootKeyUnavailableException.Problem"/>).</summary>
public enum RootKeyProblem
{
    /// <summary>There is no file at the root key's path (it is kept offline).</summary>
    Missing,
    /// <summary>The file holds another certificate than the authority's root (an issuer's, say).</summary>
    NotTheRoot,
}
