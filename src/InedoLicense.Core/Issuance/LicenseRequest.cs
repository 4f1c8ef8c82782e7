using InedoLicense.Catalogue;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>
/// One request for a product licence, as given (parameters, or a CSV row merged with them): a new licence when
/// <see cref="RenewalOf"/> is null, else a renewal of that serial.
/// </summary>
public sealed record LicenseRequest(string? Product, string? Customer, string? Edition, int? Months, DateTimeOffset? ExpiresAt, DateTimeOffset? NotBefore, string? RenewalOf)
{
    public TermRequest Term => new(Months, ExpiresAt, NotBefore);

    /// <summary>What a new licence lacks of product, customer and edition ("Product, Edition"), or null.</summary>
    public string? Missing()
    {
        var missing = new[] { ("Product", Product), ("Customer", Customer?.Trim()), ("Edition", Edition) }
            .Where(p => string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1).ToArray();
        return missing.Length == 0 ? null : string.Join(", ", missing);
    }

    /// <summary>
    /// The payload: <see cref="LicensePlanner.NewLicense"/>, or <see cref="LicensePlanner.Renewal"/> of
    /// <paramref name="old"/> (the licence <see cref="RenewalOf"/> names, which <see cref="RenewalPolicy"/> allows).
    /// Throws <see cref="InvalidRenewalException"/>, <see cref="CatalogueLookupException"/> and <see cref="ArgumentException"/>.
    /// </summary>
    public LicensePayload Plan(LicensePayload skeleton, ProductCatalogue catalogue, LicenseRecord? old) => old is null
        ? LicensePlanner.NewLicense(skeleton, catalogue, Product ?? throw new ArgumentException("A new licence needs a product.", nameof(Product)),
            Customer?.Trim() ?? throw new ArgumentException("A new licence needs a customer.", nameof(Customer)),
            Edition ?? throw new ArgumentException("A new licence needs an edition.", nameof(Edition)), Term)
        : LicensePlanner.Renewal(skeleton, catalogue, old, Product, Customer?.Trim(), Edition, Term);

    public override string ToString() => RenewalOf is null ? $"{Product} {Edition} for {Customer}" : $"renewal of {RenewalOf}";
}
