using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Completion;

/// <summary>
/// Completes a serial with the store's newest matching keys (at most <see cref="Limit"/>), each with a tooltip
/// saying what it is. -RenewalOf and -LapsedLicense take paid licences only. The other filters already typed on
/// the command (-Product, -Customer, -OrganizationId, -Kind) narrow the list; -Customer not for -RenewalOf,
/// since a renewal may rename the customer.
/// </summary>
public sealed class SerialCompleter : StoreCompleter
{
    public const int Limit = 100;

    protected override IEnumerable<CompletionCandidate> Candidates(ILicenseStore? store, CompletionRequest request)
    {
        if (store is null) return [];
        var licencesOnly = request.ParameterName is "RenewalOf" or "LapsedLicense";
        var filter = new LicenseQuery
        {
            SerialPrefix = request.LiteralPrefix.Replace("-", "").Replace(" ", ""),
            Kind = licencesOnly ? LicenseKind.License : Enum.TryParse<LicenseKind>(request.Bound("Kind"), ignoreCase: true, out var kind) ? kind : null,
            Product = request.Bound("Product"),
            Customer = request.ParameterName == "RenewalOf" ? null : request.Bound("Customer"),
            OrganizationId = request.Bound("OrganizationId"),
        };
        return store.Licenses.ListNewest(filter, Limit).Select(record => new CompletionCandidate(record.Serial, Describe(record)));
    }

    private static string Describe(LicenseRecord record)
    {
        var subject = record.Kind switch
        {
            LicenseKind.Agent => $"Agent of {record.OrganizationId}, MAC ID {record.MacId}",
            LicenseKind.TemporaryOrganization => $"Temporary key of {record.OrganizationId}{(record.Audience is null ? "" : " for " + record.Audience)}",
            _ => $"{record.Kind} {record.Product} {record.Edition} for {record.Customer}",
        };
        var expiry = record.ExpiresAt is { } end ? $", expires {end.UtcDateTime:yyyy-MM-dd HH:mm}Z" : "";
        return $"{subject}; {record.Status}{expiry}; issued {record.IssuedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z";
    }
}
