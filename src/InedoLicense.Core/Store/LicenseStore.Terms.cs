namespace InedoLicense.Store;

// Queries behind renewals and the stopgap policy. Customer and product match in any case; revoked keys never count.
public sealed partial class LicenseStore
{
    private const string CustomerProduct = "customer = $customer COLLATE NOCASE AND product = $product COLLATE NOCASE";

    /// <summary>
    /// The customer's paid licence for the product whose term ends last (the term a stopgap bridges),
    /// or null. <paramref name="isPaid"/> says which editions are paid; perpetual keys have no term to lapse.
    /// </summary>
    public LicenseRecord? LatestPaidLicense(string customer, string product, Func<string?, bool> isPaid) =>
        QueryWhere($"kind = 'License' AND {CustomerProduct} AND revoked_at IS NULL AND expires_at IS NOT NULL ORDER BY expires_at DESC, issued_at DESC",
                ("$customer", customer), ("$product", product))
            .FirstOrDefault(r => isPaid(r.Edition));

    /// <summary>Unrevoked stopgaps of the customer and product for one lapsed term (null: issued when there was no paid licence), newest first.</summary>
    public IReadOnlyList<LicenseRecord> FindStopgaps(string customer, string product, string? stopgapFor) =>
        QueryWhere($"kind = 'Stopgap' AND {CustomerProduct} AND revoked_at IS NULL AND "
                   + (stopgapFor is null ? "stopgap_for IS NULL" : "stopgap_for = $for") + " ORDER BY issued_at DESC, serial",
            ("$customer", customer), ("$product", product), ("$for", stopgapFor)).ToList();

    /// <summary>Unrevoked licences that renew <paramref name="serial"/>.</summary>
    public IReadOnlyList<LicenseRecord> FindRenewalsOf(string serial) =>
        QueryWhere("renewal_of = $serial AND revoked_at IS NULL ORDER BY issued_at DESC, serial", ("$serial", serial)).ToList();

    internal IEnumerable<LicenseRecord> QueryWhere(string condition, params (string Name, object? Value)[] parameters)
    {
        using var command = Command($"SELECT {Columns} FROM licenses WHERE {condition}");
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return ReadLicense(reader);
    }
}
