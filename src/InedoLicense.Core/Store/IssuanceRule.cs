using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>
/// A rule the store holds for every key it records, whichever process commits it: the check runs
/// inside the committing transaction, which holds the store's write lock (SQLite: BEGIN IMMEDIATE), so two
/// processes asking at the same instant cannot both pass. Only an explicit override (New-StopgapLicense -Force) gets past one, and the
/// key then records it (<see cref="LicenseRecord.PolicyOverride"/>, and "forced=" in its audit entry).
/// </summary>
public enum IssuanceRule
{
    /// <summary>One unrevoked stopgap per customer and product (any case) per lapsed term (<see cref="LicenseRecord.StopgapFor"/>).</summary>
    OneStopgapPerTerm,
    /// <summary>One unrevoked renewal per licence (<see cref="LicenseRecord.RenewalOf"/>).</summary>
    OneRenewalPerLicence,
}
