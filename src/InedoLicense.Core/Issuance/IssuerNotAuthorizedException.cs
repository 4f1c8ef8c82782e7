using InedoLicense.KeyFormat;
using InedoLicense.Signing;

namespace InedoLicense.Issuance;

/// <summary>
/// The signing certificate lacks the role that may sign what was asked: keys of <see cref="Kind"/>, or a
/// revocation list (<see cref="Kind"/> null). Thrown where signing happens (<see cref="KeyIssuer"/>,
/// <see cref="RevocationListSigner"/>), the one place the role is checked.
/// </summary>
public sealed class IssuerNotAuthorizedException(string thumbprint, IssuerRole requiredRole, LicenseKind? kind)
    : InvalidOperationException(kind is { } k
        ? $"Certificate {thumbprint} does not hold the {requiredRole} role, which {k} keys need."
        : $"Certificate {thumbprint} does not hold the {requiredRole} role, which signing a revocation list needs.")
{
    public IssuerNotAuthorizedException(string thumbprint, LicenseKind kind) : this(thumbprint, IssuerRoles.RequiredFor(kind), kind)
    {
    }

    public string Thumbprint { get; } = thumbprint;
    public IssuerRole RequiredRole { get; } = requiredRole;
    /// <summary>The kind of key refused; null for a revocation list.</summary>
    public LicenseKind? Kind { get; } = kind;
}
