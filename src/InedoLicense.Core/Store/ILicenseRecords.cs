using InedoLicense.KeyFormat;

namespace InedoLicense.Store;

/// <summary>Issued keys and their terms (a part of <see cref="ILicenseStore"/>).</summary>
public interface ILicenseRecords
{
    /// <summary>Records keys and one audit entry each, in one transaction: all or none. A key an <see cref="IssuanceRule"/> refuses throws.</summary>
    void AddLicenses(IReadOnlyList<(LicenseRecord Record, string? AuditNote)> issued, AuditActor actor);

    /// <summary>
    /// Records keys and one audit entry each, in one transaction, holding the <see cref="IssuanceRule"/>s inside it:
    /// a key a rule refuses is left out (and returned with the key that holds the rule), unless the request may
    /// override that rule. Any other failure rolls the whole batch back.
    /// </summary>
    RecordedKeys AddLicenses(IReadOnlyList<KeyToRecord> keys, AuditActor actor);

    LicenseRecord? Find(string serial);

    /// <summary>Streams the records that match, newest first.</summary>
    IEnumerable<LicenseRecord> Query(LicenseQuery query);

    /// <summary>The newest records that match, at most <paramref name="limit"/> (tab completion).</summary>
    IReadOnlyList<LicenseRecord> ListNewest(LicenseQuery filter, int limit);

    /// <summary>Organisation ids that start with <paramref name="prefix"/>, sorted, at most <paramref name="limit"/> (tab completion).</summary>
    IReadOnlyList<string> ListOrganizationIds(string prefix, int limit, LicenseKind? kind = null);

    /// <summary>The temporary organisation keys of the organisations that match, as the portal lists them at <paramref name="at"/>.</summary>
    IReadOnlyList<LicenseRecord> QueryTemporaryKeys(string organizationPattern, DateTimeOffset at);

    /// <summary>The customer's latest unrevoked paid licence of the product (by expiry), or null.</summary>
    LicenseRecord? LatestPaidLicense(string customer, string product, Func<string?, bool> isPaid);

    /// <summary>The unrevoked stopgaps of one customer, product (any case) and lapsed term.</summary>
    IReadOnlyList<LicenseRecord> FindStopgaps(string customer, string product, string? stopgapFor);

    /// <summary>The unrevoked renewals of a licence.</summary>
    IReadOnlyList<LicenseRecord> FindRenewalsOf(string serial);

    /// <summary>The newest time among the latest keys issued and audit entries written, or null for an empty store.</summary>
    DateTimeOffset? NewestRecordTime();
}
