using InedoLicense.KeyFormat;
using InedoLicense.Catalogue;
using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>A stopgap that already covers a term: its serial and when it ends.</summary>
public sealed record ExistingStopgap(string Serial, DateTimeOffset? ExpiresAt, string? StopgapFor);

/// <summary>
/// One stopgap per customer and product per lapsed term. The lapsed term is the customer's latest
/// paid licence of the product (by expiry), named by its serial; a customer with no paid licence
/// gets one stopgap per product in all. One instance per command: it also remembers the stopgaps
/// this command has issued that are not yet committed, so two rows for one customer in one batch
/// are caught too. This is the early check that names the existing stopgap before anything is signed; the store
/// itself holds the rule when the key is committed (<see cref="IssuanceRule.OneStopgapPerTerm"/>), so two
/// processes asking at the same instant get one stopgap between them. A null store is one not created yet.
/// </summary>
public sealed class StopgapPolicy(ILicenseStore? store, ProductCatalogue catalogue)
{
    private readonly Dictionary<(string Customer, string Product, string? Term), ExistingStopgap> _issuedHere = new(TermComparer.Instance);

    /// <summary>
    /// How long before a paid term ends a stopgap may bridge it: as long as the stopgap itself lasts, so that
    /// a term "expiring before accounts payable can create a PO" can be bridged, but a term with months to run cannot.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(Terms.LicenseTerm.TrialDays);

    /// <summary>Why a stopgap for <paramref name="lapsed"/> is too early at <paramref name="now"/>, or null when it is not.</summary>
    public static string? TooEarly(LicenseRecord? lapsed, DateTimeOffset now)
    {
        if (lapsed?.ExpiresAt is not { } end || end - now <= Window) return null;
        var opens = end - Window;
        return $"Licence {lapsed.Serial} of {lapsed.Customer} runs until {end.UtcDateTime:yyyy-MM-dd} ({Math.Floor((end - now).TotalDays):N0} more days). "
            + $"A stopgap bridges only the last {Window.TotalDays:N0} days of a term or a lapse, so one can be issued from {opens.UtcDateTime:yyyy-MM-dd HH:mm} UTC on.";
    }

    /// <summary>The paid licence whose term a stopgap for this customer and product would bridge, or null.</summary>
    public LicenseRecord? LapsedTerm(string customer, string product) =>
        store?.Licenses.LatestPaidLicense(customer, product, edition => catalogue.Find(product)?.IsPaid(edition) ?? true);

    /// <summary>True when the record is a paid licence that a stopgap may name as lapsed.</summary>
    public bool IsPaidLicense(LicenseRecord record) =>
        record.Kind == KeyFormat.LicenseKind.License && record.ExpiresAt is not null
        && (catalogue.Find(record.Product)?.IsPaid(record.Edition) ?? true);

    /// <summary>
    /// Why the licence named as lapsed cannot be the term a stopgap for this customer and product bridges, or
    /// null when it can: it must be unrevoked, a paid licence with a term, of the product and the customer,
    /// and their latest paid one (<paramref name="latest"/>, from <see cref="LapsedTerm"/>).
    /// </summary>
    public static string? LapsedLicenseProblem(LicenseRecord named, string product, string customer, LicenseRecord? latest, Func<LicenseRecord, bool> isPaidLicense)
    {
        var serial = named.Serial;
        return named.RevokedAt is not null ? $"{serial} is revoked"
            : !isPaidLicense(named) ? $"{serial} is not a paid licence with a term (it is a {named.Kind} key, edition {named.Edition})"
            : !string.Equals(named.Product, product, StringComparison.OrdinalIgnoreCase) ? $"{serial} is a {named.Product} licence, not {product}"
            : !string.Equals(named.Customer?.Trim(), customer, StringComparison.OrdinalIgnoreCase) ? $"{serial} belongs to {named.Customer}, not {customer}"
            : latest is not null && latest.Serial != serial ? $"{serial} is not the latest paid {product} licence of {customer}; that is {latest.Serial} (expires {latest.ExpiresAt:yyyy-MM-dd})"
            : null;
    }

    /// <summary>Why <paramref name="named"/> cannot be the lapsed term of this customer's stopgap for the product, or null (see the static overload).</summary>
    public string? LapsedLicenseProblem(LicenseRecord named, string product, string customer) =>
        LapsedLicenseProblem(named, product, customer, LapsedTerm(customer, product), IsPaidLicense);

    /// <summary>
    /// The stopgap to issue for <paramref name="request"/>, checked in this order: a customer and a product, the
    /// product's trial edition (<see cref="LicensePlanner.Stopgap"/>), the lapsed term (the one named, resolved by
    /// <paramref name="resolveNamed"/>, must be the latest paid licence), the window, one stopgap per term.
    /// <paramref name="force"/> lets it past the last two. Null when <paramref name="resolveNamed"/> found no licence.
    /// Throws <see cref="StopgapRefusedException"/> and <see cref="Catalogue.CatalogueLookupException"/>.
    /// </summary>
    public StopgapPlan? Plan(LicensePayload skeleton, StopgapRequest request, Func<string, LicenseRecord?> resolveNamed, DateTimeOffset now, bool force)
    {
        var customer = request.Customer.Trim();
        if (customer.Length == 0) throw new StopgapRefusedException(request, StopgapRefusal.NoCustomer, $"The stopgap request {request} names no customer.");
        if (request.Product.Trim().Length == 0) throw new StopgapRefusedException(request, StopgapRefusal.NoProduct, $"The stopgap request {request} names no product.");
        var payload = LicensePlanner.Stopgap(skeleton, catalogue, request.Product.Trim(), customer, request.Reason);
        var product = payload.Product!;

        var lapsed = LapsedTerm(customer, product);
        if (!string.IsNullOrWhiteSpace(request.LapsedLicense))
        {
            if (resolveNamed(request.LapsedLicense) is not { } named) return null;
            if (LapsedLicenseProblem(named, product, customer, lapsed, IsPaidLicense) is { } problem)
                throw new StopgapRefusedException(request, StopgapRefusal.InvalidLapsedLicense, problem) { Product = product, Customer = customer, Lapsed = lapsed };
        }
        var early = TooEarly(lapsed, now);
        if (early is not null && !force)
            throw new StopgapRefusedException(request, StopgapRefusal.TooEarly, early) { Product = product, Customer = customer, Lapsed = lapsed };
        if (!force && Existing(customer, product, lapsed?.Serial) is { } existing)
            throw new StopgapRefusedException(request, StopgapRefusal.AlreadyIssued, $"{customer} already has stopgap key {existing.Serial} for {product} and this term.")
                { Product = product, Customer = customer, Lapsed = lapsed, Existing = existing };
        return new StopgapPlan(payload, lapsed, early);
    }

    /// <summary>The stopgap already issued for this term (by this command or before it), or null.</summary>
    public ExistingStopgap? Existing(string customer, string product, string? lapsedSerial)
    {
        if (_issuedHere.TryGetValue((customer, product, lapsedSerial), out var pending)) return pending;
        return store?.Licenses.FindStopgaps(customer, product, lapsedSerial).FirstOrDefault() is { } stored
            ? new ExistingStopgap(stored.Serial, stored.ExpiresAt, stored.StopgapFor)
            : null;
    }

    /// <summary>Records a stopgap this command has accepted for signing (committed or still in the batch).</summary>
    public void Remember(string customer, string product, string? lapsedSerial, string serial, DateTimeOffset? expiresAt) =>
        _issuedHere[(customer, product, lapsedSerial)] = new ExistingStopgap(serial, expiresAt, lapsedSerial);

    private sealed class TermComparer : IEqualityComparer<(string Customer, string Product, string? Term)>
    {
        public static readonly TermComparer Instance = new();

        public bool Equals((string Customer, string Product, string? Term) x, (string Customer, string Product, string? Term) y) =>
            string.Equals(x.Customer, y.Customer, StringComparison.OrdinalIgnoreCase)
            && string.Equals(x.Product, y.Product, StringComparison.OrdinalIgnoreCase)
            && string.Equals(x.Term, y.Term, StringComparison.Ordinal);

        public int GetHashCode((string Customer, string Product, string? Term) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Customer),
                StringComparer.OrdinalIgnoreCase.GetHashCode(key.Product), key.Term);
    }
}
