using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Completion;

/// <summary>
/// Completes -OrganizationId with the organisation ids of the store's keys, sorted (at most <see cref="Limit"/>);
/// Get-TemporaryOrgLicense offers only organisations that have temporary keys.
/// </summary>
public sealed class OrganizationIdCompleter : StoreCompleter
{
    public const int Limit = 100;

    protected override IEnumerable<CompletionCandidate> Candidates(ILicenseStore? store, CompletionRequest request)
    {
        if (store is null) return [];
        LicenseKind? kind = request.CommandName.Equals("Get-TemporaryOrgLicense", StringComparison.OrdinalIgnoreCase)
            ? LicenseKind.TemporaryOrganization : null;
        return store.Licenses.ListOrganizationIds(request.LiteralPrefix, Limit, kind).Select(id => new CompletionCandidate(id, id));
    }
}
