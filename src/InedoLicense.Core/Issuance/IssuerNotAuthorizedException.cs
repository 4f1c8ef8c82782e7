using InedoLicense.KeyFormat;

namespace InedoLicense.Issuance;

/// <summary>The signing certificate lacks the role that may sign this kind of key.</summary>
public sealed class IssuerNotAuthorizedException(string thumbprint, LicenseKind kind)
    : InvalidOperationException($"Certificate {thumbprint} does not hold the {Signing.IssuerRoles.RequiredFor(kind)} role, which {kind} keys need.")
{
    public LicenseKind Kind { get; } = kind;
}
