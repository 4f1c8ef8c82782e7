using InedoLicense.Catalogue;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using InedoLicense.Terms;

namespace InedoLicense.Issuance;

/// <summary>What the caller asked about a key's term; each part optional.</summary>
public readonly record struct TermRequest(int? Months = null, DateTimeOffset? ExpiresAt = null, DateTimeOffset? NotBefore = null);

/// <summary>
/// Turns a request into the payload to sign, from the catalogue (edition, features, banner) and
/// the term rules of docs/design/terms-and-renewals.md. Throws <see cref="CatalogueLookupException"/> for an
/// unknown product or edition and <see cref="InvalidRenewalException"/> for a renewal that cannot be.
/// </summary>
public static class LicensePlanner
{
    /// <summary>The banner a Trial-edition key tells the product to show ("for trial purposes").</summary>
    public const string TrialBanner = "trial";

    /// <summary>
    /// A new free, trial or paid licence. Paid: -Months, or -ExpiresAt, else the product's default term.
    /// Free: perpetual unless a term is given. Trial: 30 days unless a term is given.
    /// </summary>
    public static LicensePayload NewLicense(LicensePayload skeleton, ProductCatalogue catalogue,
        string product, string customer, string edition, TermRequest term)
    {
        var (definition, chosen) = catalogue.Resolve(product, edition);
        var start = LicenseTerm.ToWholeSeconds(term.NotBefore ?? skeleton.NotBefore);
        DateTimeOffset? end = term.ExpiresAt is { } explicitEnd ? LicenseTerm.ToWholeSeconds(explicitEnd)
            : term.Months is { } months ? LicenseTerm.AddMonths(start, months)
            : chosen.Tier switch
            {
                EditionTier.Paid => LicenseTerm.AddMonths(start, definition.DefaultTermMonths),
                EditionTier.Trial => start.AddDays(LicenseTerm.TrialDays),
                _ => null,
            };
        return WithEdition(skeleton, definition, chosen) with { Kind = LicenseKind.License, Customer = customer, NotBefore = start, ExpiresAt = end };
    }

    /// <summary>
    /// A renewal of <paramref name="old"/>: starts at its expiry (never now), lasts the old term's
    /// months unless told otherwise, and keeps its product, customer and edition unless given.
    /// </summary>
    public static LicensePayload Renewal(LicensePayload skeleton, ProductCatalogue catalogue, LicenseRecord old,
        string? product, string? customer, string? edition, TermRequest term)
    {
        if (old.Kind != LicenseKind.License)
            throw new InvalidRenewalException(old.Serial, old.Kind == LicenseKind.Stopgap
                ? $"{old.Serial} is a stopgap key, which never has a term of its own; renew the paid licence it bridges{(old.StopgapFor is null ? "" : $" ({old.StopgapFor})")}."
                : $"{old.Serial} is a {old.Kind} key; only product licences are renewed.");
        if (old.ExpiresAt is not { } oldEnd)
            throw new InvalidRenewalException(old.Serial, $"{old.Serial} is perpetual, so it has no term to renew.");
        if (product is not null && !string.Equals(product, old.Product, StringComparison.OrdinalIgnoreCase))
            throw new InvalidRenewalException(old.Serial, $"{old.Serial} is a {old.Product} licence; a renewal cannot change the product to {product}. Issue a new licence instead.");
        if (term.NotBefore is not null)
            throw new InvalidRenewalException(old.Serial, $"A renewal starts when {old.Serial} expires ({oldEnd:u}); it takes no -NotBefore.");

        var (definition, chosen) = catalogue.Resolve(old.Product, edition ?? old.Edition);
        if (chosen.Tier != EditionTier.Paid)
            throw new InvalidRenewalException(old.Serial,
                $"A renewal continues a paid term, and {definition.Name} {chosen.Name} is a {chosen.Tier} edition. Pass -Edition with a paid one ({string.Join(", ", definition.Editions.Where(e => e.Tier == EditionTier.Paid).Select(e => e.Name))}).");

        var start = oldEnd;
        var end = term.ExpiresAt is { } explicitEnd ? LicenseTerm.ToWholeSeconds(explicitEnd)
            : LicenseTerm.AddMonths(start, term.Months ?? LicenseTerm.NearestWholeMonths(old.NotBefore, oldEnd));
        if (end <= skeleton.IssuedAt)
            throw new InvalidRenewalException(old.Serial,
                $"The renewal of {old.Serial} would run from its expiry {start:u} to {end:u}, which is already over. Pass a longer -Months or a later -ExpiresAt, or issue a new licence.");
        return WithEdition(skeleton, definition, chosen) with
        {
            Kind = LicenseKind.License,
            Customer = customer ?? old.Customer,
            NotBefore = start,
            ExpiresAt = end,
            RenewalOf = old.Serial,
        };
    }

    /// <summary>A stopgap: the product's Trial edition with its standard paid features, valid 30 days from now, with the trial banner.</summary>
    public static LicensePayload Stopgap(LicensePayload skeleton, ProductCatalogue catalogue, string product, string customer, StopgapReason reason)
    {
        var (definition, trial) = catalogue.ResolveTrial(product);
        return WithEdition(skeleton, definition, trial) with
        {
            Kind = LicenseKind.Stopgap,
            Customer = customer,
            ExpiresAt = skeleton.NotBefore.AddDays(LicenseTerm.TrialDays),
            Purpose = reason.ToString(),
        };
    }

    private static LicensePayload WithEdition(LicensePayload skeleton, ProductDefinition product, EditionDefinition edition) => skeleton with
    {
        Product = product.Name,
        Edition = edition.Name,
        Features = product.FeaturesOf(edition).ToArray(),
        Banner = edition.Tier == EditionTier.Trial ? TrialBanner : null,
    };
}
