using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>
/// One renewal per licence, checked early: the renewal that already renews a licence, found in the store or
/// among the renewals this command has accepted and not yet committed (so two rows renewing one licence in one
/// batch are caught too). The store itself holds the rule when the key is committed
/// (<see cref="IssuanceRule.OneRenewalPerLicence"/>). Renewal arithmetic is <see cref="LicensePlanner.Renewal"/>'s.
/// A null store is one not created yet. One instance per command.
/// </summary>
public sealed class RenewalPolicy(ILicenseStore? store)
{
    private readonly HashSet<string> _renewedHere = new(StringComparer.Ordinal);

    /// <summary>The renewal of <paramref name="serial"/> that already exists, or null when it may be renewed.</summary>
    public ExistingRenewal? Existing(string serial) =>
        _renewedHere.Contains(serial) ? new ExistingRenewal(null)
        : store?.Licenses.FindRenewalsOf(serial).FirstOrDefault() is { } stored ? new ExistingRenewal(stored.Serial)
        : null;

    /// <summary>Records a renewal of <paramref name="serial"/> this command has accepted (committed, or still in the batch).</summary>
    public void Remember(string serial) => _renewedHere.Add(serial);
}
