namespace InedoLicense.Store;

/// <summary>Checking the store for corruption and tampering (a part of <see cref="ILicenseStore"/>).</summary>
public interface IStoreIntegrity
{
    /// <summary>Every check Test-LicenseStore reports, against <paramref name="checkpoint"/> too when given. Never throws for what it finds.</summary>
    StoreIntegrityReport CheckIntegrity(AuditAnchor? checkpoint = null);
}
