namespace InedoLicense.Verification;

/// <summary>How many keys of a bulk audit ended with a status (Test-LicenseKey -Summary).</summary>
public sealed record LicenseStatusCount(LicenseStatus Status, long Count);
