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
    /// <summary>
    /// Something nobody foresaw stopped the verification (a platform failure, a product's revocation source that threw):
    /// the key is not honoured, and the message says what happened. Never the outcome of a key's content alone.
    /// </summary>
    VerificationFailed,
}
