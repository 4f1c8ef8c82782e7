using InedoLicense.Catalogue;
using InedoLicense.KeyFormat;
using InedoLicense.Store;
using InedoLicense.Terms;

namespace InedoLicense.Issuance;

/// <summary>
/// Turns a request into the payload to sign, from the catalogue (edition, features, banner) and
/// the term rules of docs/design/terms-and-renewals.md. Throws <see cref="CatalogueLookupException"/> for an
/// unknown product or edition and <see cref="InvalidRenewalException"/> for a renewal that cannot be.
/// </summary>
public static class LicensePlanner
{
    /// <summary>The banner a Trial-edition key tells the product to show ("for trial purposes").</summary>
    public const string TrialBanner = "trial";

    /// <summary>What a temporary organisation key makes the agent enforce: no saved data configuration, no login details in the feed.</summary>
    public const LicenseRestrictions TemporaryOrganizationRestrictions =
        LicenseRestrictions.DataConfigurationSavingDisabled | LicenseRestrictions.NoFeedLoginDetails;

    /// <summary>An agent's registration key: bound to the organisation and the MAC ID (canonical form), perpetual unless an end is given.</summary>
    public static LicensePayload Agent(LicensePayload skeleton, string organizationId, string macId, DateTimeOffset? expiresAt) => skeleton with
    {
        OrganizationId = organizationId.Trim(),
        MacId = macId,
        ExpiresAt = expiresAt is { } end ? LicenseTerm.ToWholeSeconds(end) : null,
    };

    /// <summary>A temporary organisation key: valid for <paramref name="ttl"/> from its issue, with the restrictions such keys carry.</summary>
    public static LicensePayload TemporaryOrganization(LicensePayload skeleton, string organizationId, string? issuedTo, string? purpose, LicenseTtl ttl) =>
        skeleton with
        {
            OrganizationId = organizationId,
            Audience = issuedTo,
            Purpose = purpose,
            ExpiresAt = skeleton.IssuedAt + ttl.Duration,
            Restrictions = TemporaryOrganizationRestrictions,
        };

    /// <summary>
    /// A new free, trial or paid licence. Paid: -Months, or -ExpiresAt, else the product's default term.
    /// Free: perpetual unless a term is given. Trial: 30 days unless a term is given.
    /// </summary>
    public static LicensePayload NewLicense(LicensePayload skeleton, ProductCatalogue catalogue,
        string product, string customer, string edition, TermRequest term)
    {
        var (definition, chosen) = catalogue.Resolve(product, edition);
        var start = InKeyRange(LicenseTerm.ToWholeSeconds(term.NotBefore ?? skeleton.NotBefore), "NotBefore");
        DateTimeOffset? end = term.ExpiresAt is { } explicitEnd ? InKeyRange(LicenseTerm.ToWholeSeconds(explicitEnd), "ExpiresAt")
            : term.Months is { } months ? EndOfTerm(start, months)
            : chosen.Tier switch
            {
                EditionTier.Paid => EndOfTerm(start, definition.DefaultTermMonths),
                EditionTier.Trial => start < LicenseTerm.LatestTime.AddDays(-LicenseTerm.TrialDays)
                    ? start.AddDays(LicenseTerm.TrialDays)
                    : throw new ArgumentException($"A {LicenseTerm.TrialDays}-day trial from {Time(start)} would end after {Time(LicenseTerm.LatestTime)}, the last moment a key can carry.", "NotBefore"),
                _ => null,
            };
        if (end is { } e && e <= start)
            throw new ArgumentException($"The key would expire ({Time(e)}) before it starts ({Time(start)}).", "ExpiresAt");
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
            throw old.Kind == LicenseKind.Stopgap
                ? new InvalidRenewalException(old.Serial, RenewalRefusal.Stopgap,
                    $"{old.Serial} is a stopgap key, which never has a term of its own; renew the paid licence it bridges{(old.StopgapFor is null ? "" : $" ({old.StopgapFor})")}.") { StopgapFor = old.StopgapFor }
                : new InvalidRenewalException(old.Serial, RenewalRefusal.NotALicence, $"{old.Serial} is a {old.Kind} key; only product licences are renewed.") { Kind = old.Kind };
        if (old.ExpiresAt is not { } oldEnd)
            throw new InvalidRenewalException(old.Serial, RenewalRefusal.Perpetual, $"{old.Serial} is perpetual, so it has no term to renew.");
        if (product is not null && !string.Equals(product, old.Product, StringComparison.OrdinalIgnoreCase))
            throw new InvalidRenewalException(old.Serial, RenewalRefusal.OtherProduct,
                $"{old.Serial} is a {old.Product} licence; a renewal cannot change the product to {product}. Issue a new licence instead.")
                { Product = old.Product, RequestedProduct = product };
        if (term.NotBefore is not null)
            throw new InvalidRenewalException(old.Serial, RenewalRefusal.StartGiven,
                $"A renewal starts when {old.Serial} expires ({oldEnd:u}); it takes no notBefore of its own.") { Start = oldEnd };

        var (definition, chosen) = catalogue.Resolve(old.Product, edition ?? old.Edition);
        if (chosen.Tier != EditionTier.Paid)
        {
            var paid = definition.Editions.Where(e => e.Tier == EditionTier.Paid).Select(e => e.Name).ToList();
            throw new InvalidRenewalException(old.Serial, RenewalRefusal.EditionNotPaid,
                $"A renewal continues a paid term, and {definition.Name} {chosen.Name} is a {chosen.Tier} edition. Renew with a paid one ({string.Join(", ", paid)}).")
                { Product = definition.Name, Edition = chosen.Name, Tier = chosen.Tier.ToString(), PaidEditions = paid };
        }

        var start = oldEnd;
        var end = term.ExpiresAt is { } explicitEnd ? InKeyRange(LicenseTerm.ToWholeSeconds(explicitEnd), "ExpiresAt")
            : EndOfTerm(start, term.Months ?? LicenseTerm.NearestWholeMonths(old.NotBefore, oldEnd));
        if (end <= skeleton.IssuedAt)
            throw new InvalidRenewalException(old.Serial, RenewalRefusal.AlreadyOver,
                $"The renewal of {old.Serial} would run from its expiry {start:u} to {end:u}, which is already over: renew for longer, or issue a new licence.")
                { Start = start, End = end };
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

    /// <summary>
    /// What looks like a mistake in a planned licence, or null: a term that is already over at
    /// <paramref name="now"/> (a past start with a short term, say). Such a key is still issued, since
    /// recording a past term is how a lapsed licence gets on record, but the caller should say so.
    /// </summary>
    public static string? AlreadyOver(LicensePayload payload, DateTimeOffset now) =>
        payload.ExpiresAt is { } end && end <= now
            ? $"The key for {payload.Customer} ({payload.Product} {payload.Edition}) runs from {Time(payload.NotBefore)} to {Time(end)}, so it has already expired: check the start date and the term."
            : null;

    // A term of whole months that a key can carry; the message names the months and the start.
    private static DateTimeOffset EndOfTerm(DateTimeOffset start, int months)
    {
        if (months is < 1 or > LicenseTerm.MaxMonths)
            throw new ArgumentException($"A term is 1 to {LicenseTerm.MaxMonths} months, not {months}.", "Months");
        return LicenseTerm.TryAddMonths(start, months)
            ?? throw new ArgumentException(
                $"A term of {months} months from {Time(start)} would end after {Time(LicenseTerm.LatestTime)}, the last moment a key can carry. Choose an earlier start or a shorter term.",
                "Months");
    }

    private static DateTimeOffset InKeyRange(DateTimeOffset value, string field) =>
        LicenseTerm.IsInKeyRange(value) ? value
            : throw new ArgumentException(
                $"{field} {Time(value)} is outside the times a key can carry ({Time(LicenseTerm.EarliestTime)} to {Time(LicenseTerm.LatestTime)}); no verifier would accept the key.",
                field);

    private static string Time(DateTimeOffset value) => Verification.Moments.Text(value);

    private static LicensePayload WithEdition(LicensePayload skeleton, ProductDefinition product, EditionDefinition edition) => skeleton with
    {
        Product = product.Name,
        Edition = edition.Name,
        Features = product.FeaturesOf(edition).ToArray(),
        Banner = edition.Tier == EditionTier.Trial ? TrialBanner : null,
    };
}
