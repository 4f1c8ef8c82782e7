using InedoLicense.Core.Tests.Support;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Core.Tests;

/// <summary>The bounded queries behind tab completion of -Serial and -OrganizationId.</summary>
public sealed class LicenseStoreCompletionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
    private readonly StoreFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static LicenseRecord Licence(string serial, string customer = "Contoso Ltd", LicenseKind kind = LicenseKind.License) =>
        StoreFolder.Record(SamplePayloads.For(kind, T0) with { Serial = serial, Customer = kind is LicenseKind.License or LicenseKind.Stopgap ? customer : null });

    private static LicenseRecord Agent(string organization) =>
        StoreFolder.Record(SamplePayloads.Agent(T0) with { OrganizationId = organization });

    [Theory, SqliteStore, PostgresStore]
    public void NewestKeysComeFirstInIssueOrderAndTheLimitHolds(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        // Issued one batch after the other; the serials sort in the opposite order.
        string[] serials = ["FF00000000000001", "AA00000000000002", "0100000000000003", "00AA000000000004"];
        foreach (var serial in serials)
            store.Licenses.AddLicenses(StoreFolder.Batch(Licence(serial)), StoreFolder.Actor);

        Assert.Equal(serials.Reverse(), store.Licenses.ListNewest(new LicenseQuery(), 10).Select(r => r.Serial));
        Assert.Equal(["00AA000000000004", "0100000000000003"], store.Licenses.ListNewest(new LicenseQuery(), 2).Select(r => r.Serial));
    }

    [Theory]
    [InlineData("aa", new[] { "AA00000000000002", "AAFF000000000001" })]
    [InlineData("AAF", new[] { "AAFF000000000001" })]
    [InlineData("F", new[] { "FFFFFFFFFFFFFFFF" })]
    [InlineData("FFFFFFFFFFFFFFFF", new[] { "FFFFFFFFFFFFFFFF" })]
    [InlineData("B", new string[0])]
    [InlineData("zz", new string[0])]
    public void ASerialPrefixMatchesAnyCase(string prefix, string[] expected)
    {
        var store = _folder.Open();
        store.Licenses.AddLicenses(StoreFolder.Batch(Licence("AAFF000000000001"), Licence("AA00000000000002"), Licence("A9FF000000000003"),
            Licence("FFFFFFFFFFFFFFFF"), Licence("0000000000000000")), StoreFolder.Actor);

        Assert.Equal(expected.Order(), store.Licenses.ListNewest(new LicenseQuery { SerialPrefix = prefix }, 100).Select(r => r.Serial).Order());
    }

    [Theory, SqliteStore, PostgresStore]
    public void TheOtherFiltersNarrowTheNewestKeys(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        store.Licenses.AddLicenses(StoreFolder.Batch(Licence("AA00000000000001", "Contoso Ltd"), Licence("AA00000000000002", "Fabrikam"),
            Licence("AA00000000000003", "Contoso Ltd", LicenseKind.Stopgap)), StoreFolder.Actor);

        Assert.Equal(["AA00000000000001"],
            store.Licenses.ListNewest(new LicenseQuery { SerialPrefix = "AA", Kind = LicenseKind.License, Customer = "contoso ltd" }, 10).Select(r => r.Serial));
        Assert.Equal(["AA00000000000002"], store.Licenses.ListNewest(new LicenseQuery { Customer = "Fab*" }, 10).Select(r => r.Serial));
    }

    [Theory, SqliteStore, PostgresStore]
    public void OrganizationIdsAreDistinctSortedIgnoringCaseAndMatchedLiterally(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        store.Licenses.AddLicenses(StoreFolder.Batch(Agent("ORG-2"), Agent("org-10"), Agent("ORG-2"), Agent("ACME_1"), Agent("ACMEX1"), Agent("Org 3"),
            Licence("AB00000000000001")), StoreFolder.Actor);

        Assert.Equal(["ACME_1", "ACMEX1", "Org 3", "org-10", "ORG-2"], store.Licenses.ListOrganizationIds("", 100));
        Assert.Equal(["org-10", "ORG-2"], store.Licenses.ListOrganizationIds("org-", 100));
        Assert.Equal(["ACME_1"], store.Licenses.ListOrganizationIds("ACME_", 100)); // _ is not a LIKE wildcard here
        Assert.Empty(store.Licenses.ListOrganizationIds("%", 100));
        Assert.Equal(["ACME_1", "ACMEX1"], store.Licenses.ListOrganizationIds("", 2));
    }

    [Theory, SqliteStore, PostgresStore]
    public void OrganizationIdsCanBeLimitedToOneKind(StoreEngineKind engine)
    {
        var store = _folder.Open(engine);
        var temporary = StoreFolder.Record(SamplePayloads.TemporaryOrganization(T0) with { OrganizationId = "ORG-TEMP" });
        store.Licenses.AddLicenses(StoreFolder.Batch(Agent("ORG-AGENT"), temporary), StoreFolder.Actor);

        Assert.Equal(["ORG-AGENT", "ORG-TEMP"], store.Licenses.ListOrganizationIds("", 10));
        Assert.Equal(["ORG-TEMP"], store.Licenses.ListOrganizationIds("", 10, LicenseKind.TemporaryOrganization));
    }
}
