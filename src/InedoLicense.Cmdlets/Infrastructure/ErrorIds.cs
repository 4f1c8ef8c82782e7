namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>Stable ErrorIds (documented in about_InedoLicense). Scripts may match on them; never rename one.</summary>
internal static class ErrorIds
{
    public const string StoreUnavailable = "StoreUnavailable";
    public const string AuthorityNotFound = "AuthorityNotFound";
    public const string AuthorityAlreadyExists = "AuthorityAlreadyExists";
    public const string IssuerAlreadyExists = "IssuerAlreadyExists";
    public const string InvalidIssuerName = "InvalidIssuerName";
    public const string SigningCertificateUnavailable = "SigningCertificateUnavailable";
    public const string ConflictingSigningParameters = "ConflictingSigningParameters";
    public const string IssuerNotAuthorizedForKind = "IssuerNotAuthorizedForKind";
    public const string InvalidLicenseField = "InvalidLicenseField";
    public const string LicenseNotRecorded = "LicenseNotRecorded";
    public const string TrustBundleNotFound = "TrustBundleNotFound";
    public const string InvalidTrustBundle = "InvalidTrustBundle";
    public const string KeyFileNotFound = "KeyFileNotFound";
    public const string MalformedLicenseKey = "MalformedLicenseKey";
    public const string LicenseNotFound = "LicenseNotFound";
    public const string InvalidSerial = "InvalidSerial";
    public const string InvalidMacId = "InvalidMacId";
    public const string ConflictingOutputSwitches = "ConflictingOutputSwitches";
}
