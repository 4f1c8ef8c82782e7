namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>Stable ErrorIds (documented in about_InedoLicense). Scripts may match on them; never rename one.</summary>
internal static class ErrorIds
{
    public const string StoreUnavailable = "StoreUnavailable";
    public const string StoreNotEmpty = "StoreNotEmpty";
    public const string AuthorityNotFound = "AuthorityNotFound";
    public const string AuthorityAlreadyExists = "AuthorityAlreadyExists";
    public const string AuthorityFolderNotEmpty = "AuthorityFolderNotEmpty";
    public const string AuthorityCreationFailed = "AuthorityCreationFailed";
    public const string IssuerAlreadyExists = "IssuerAlreadyExists";
    public const string InvalidIssuerName = "InvalidIssuerName";
    public const string IssuerNotCreated = "IssuerNotCreated";
    public const string RootKeyUnavailable = "RootKeyUnavailable";
    public const string SigningCertificateUnavailable = "SigningCertificateUnavailable";
    public const string SigningCertificateNotTrusted = "SigningCertificateNotTrusted";
    public const string ConflictingSigningParameters = "ConflictingSigningParameters";
    public const string IssuerNotAuthorizedForKind = "IssuerNotAuthorizedForKind";
    public const string InvalidLicenseField = "InvalidLicenseField";
    public const string LicenseNotRecorded = "LicenseNotRecorded";
    public const string TrustBundleNotFound = "TrustBundleNotFound";
    public const string InvalidTrustBundle = "InvalidTrustBundle";
    public const string KeyFileNotFound = "KeyFileNotFound";
    public const string KeyFileUnreadable = "KeyFileUnreadable";
    public const string MalformedLicenseKey = "MalformedLicenseKey";
    public const string LicenseNotFound = "LicenseNotFound";
    public const string InvalidSerial = "InvalidSerial";
    public const string InvalidMacId = "InvalidMacId";
    public const string NoMacIdCandidate = "NoMacIdCandidate";
    public const string TtlNotAllowed = "TtlNotAllowed";
    public const string InvalidTtl = "InvalidTtl";
    public const string TtlPolicyUnreadable = "TtlPolicyUnreadable";
    public const string KeyTooLong = "KeyTooLong";
    public const string UnknownProduct = "UnknownProduct";
    public const string UnknownEdition = "UnknownEdition";
    public const string InvalidProductDefinition = "InvalidProductDefinition";
    public const string CatalogueFileNotFound = "CatalogueFileNotFound";
    public const string InvalidCatalogueFile = "InvalidCatalogueFile";
    public const string InvalidRenewal = "InvalidRenewal";
    public const string LicenseAlreadyRenewed = "LicenseAlreadyRenewed";
    public const string InvalidLapsedLicense = "InvalidLapsedLicense";
    public const string StopgapAlreadyIssued = "StopgapAlreadyIssued";
    public const string StopgapTooEarly = "StopgapTooEarly";
    public const string ConflictingMachineParameters = "ConflictingMachineParameters";
    public const string StoreNotFound = "StoreNotFound";
    public const string NotALicenseStore = "NotALicenseStore";
    public const string InvalidCheckpoint = "InvalidCheckpoint";
    public const string RevocationListNotFound = "RevocationListNotFound";
    public const string InvalidRevocationList = "InvalidRevocationList";
    public const string RevocationListExpired = "RevocationListExpired";
    public const string RevocationListNotWritten = "RevocationListNotWritten";
    public const string InvalidNextUpdate = "InvalidNextUpdate";
    public const string IssuerNotAuthorizedForRevocationList = "IssuerNotAuthorizedForRevocationList";
    public const string ConflictingOutputSwitches = "ConflictingOutputSwitches";
}
