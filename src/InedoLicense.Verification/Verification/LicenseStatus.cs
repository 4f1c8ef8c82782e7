namespace InedoLicense.Verification;

/// <summary>The outcome of verifying one key. Only <see cref="Valid"/> means the key may be honoured.</summary>
public enum LicenseStatus
{
    Valid,
    Malformed,
    UnsupportedVersion,
    BadSignature,
    UntrustedIssuer,
    IssuerNotAuthorizedForKind,
    NotYetValid,
    Expired,
    Revoked,
    MachineMismatch,
    OrganizationMismatch,
    ProductMismatch,
}
