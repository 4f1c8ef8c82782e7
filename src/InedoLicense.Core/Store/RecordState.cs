namespace InedoLicense.Store;

/// <summary>
/// The lifecycle state of a key the store records, at a moment (Get-License -Status). Not the verifier's
/// LicenseStatus, which says whether a key text verifies.
/// </summary>
public enum RecordState { Active, NotYetValid, Expired, Revoked }
