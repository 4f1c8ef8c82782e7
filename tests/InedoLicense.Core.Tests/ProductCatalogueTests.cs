using InedoLicense.Catalogue;

namespace InedoLicense.Core.Tests;

public sealed class ProductCatalogueTests
{
    private static ProductCatalogue Default => ProductCatalogue.Default;

    private static IReadOnlyList<string> Features(string product, string edition)
    {
        var (p, e) = Default.Resolve(product, edition);
        return p.FeaturesOf(e);
    }

    [Fact]
    public void TheShippedCatalogueHasTheSeedsProductsEachWithFreeAndTrial()
    {
        Assert.Equal(["BuildMaster", "Otter", "ProGet"], Default.Products.Select(p => p.Name));
        foreach (var product in Default.Products)
        {
            Assert.Equal(EditionTier.Free, product.FindEdition("Free")?.Tier);
            Assert.Equal(EditionTier.Trial, product.TrialEdition?.Tier);
            Assert.Equal(12, product.DefaultTermMonths);
            Assert.Equal(product, ProductRules.Validate(product) with { Editions = product.Editions });
        }
    }

    [Fact]
    public void ProGetFreeLacksFeedReplicationAndTheTrialHasIt()
    {
        Assert.DoesNotContain("FeedReplication", Features("ProGet", "Free"));
        Assert.Contains("FeedReplication", Features("ProGet", "Enterprise"));
        Assert.Contains("FeedReplication", Features("ProGet", "Trial"));
    }

    [Theory]
    [InlineData("BuildMaster")]
    [InlineData("Otter")]
    public void ServerProductsLimitServersByEditionAndTheTrialGetsThePaidCount(string product)
    {
        Assert.Equal(["Servers=1"], Features(product, "Free"));
        Assert.Equal(Features(product, "Enterprise"), Features(product, "Trial"));
        Assert.NotEqual(Features(product, "Free"), Features(product, "Trial"));
    }

    [Fact]
    public void LookupsIgnoreCaseAndNameTheKnownValuesWhenTheyFail()
    {
        var (product, edition) = Default.Resolve("proget", "ENTERPRISE");
        Assert.Equal(("ProGet", "Enterprise"), (product.Name, edition.Name));

        var unknownProduct = Assert.Throws<CatalogueLookupException>(() => Default.Resolve("Gadget", "Free"));
        Assert.Equal(CatalogueLookupFailure.UnknownProduct, unknownProduct.Failure);
        Assert.Equal("Gadget", unknownProduct.Value);
        Assert.Contains("BuildMaster, Otter, ProGet", unknownProduct.Message);

        var unknownEdition = Assert.Throws<CatalogueLookupException>(() => Default.Resolve("ProGet", "Gold"));
        Assert.Equal(CatalogueLookupFailure.UnknownEdition, unknownEdition.Failure);
        Assert.Equal("Gold", unknownEdition.Value);
        Assert.Contains("Free, Trial, Basic, Enterprise", unknownEdition.Message);
    }

    [Fact]
    public void AProductWithoutTrialCannotHaveStopgaps()
    {
        var catalogue = new ProductCatalogue([Product("Gadget", Edition("Free", EditionTier.Free))]);
        var e = Assert.Throws<CatalogueLookupException>(() => catalogue.ResolveTrial("Gadget"));
        Assert.Contains("no Trial edition", e.Message);
    }

    [Fact]
    public void AFileRoundTripsThroughJson()
    {
        var text = CatalogueJson.SerializeFile(Default.Products);
        var again = ProductCatalogue.Parse(text);
        Assert.Equal(text, CatalogueJson.SerializeFile(again.Products));
        Assert.Contains("\"standardPaidEdition\": \"Enterprise\"", text);
        Assert.Contains("\"tier\": \"Trial\"", text);
    }

    [Theory]
    [InlineData("{ \"products\": [ { \"name\": \"X\", \"editons\": [] } ] }", "editons")]
    [InlineData("{ \"product\": [] }", "product")]
    [InlineData("[]", "catalogue")]
    [InlineData("{ \"products\": [ { \"name\": \"X\", \"editions\": [ { \"name\": \"Free\", \"tier\": \"Gratis\" } ] } ] }", "tier")]
    [InlineData("{ \"products\": [ { \"name\": \"X\", \"editions\": [] } ] }", "no editions")]
    [InlineData("{ \"products\": ", "catalogue")]
    public void ABadFileIsRefusedWithAReason(string json, string reason)
    {
        var e = Assert.ThrowsAny<Exception>(() => ProductCatalogue.Parse(json));
        Assert.True(e is FormatException or ArgumentException, e.GetType().Name);
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("a Trial edition")]
    [InlineData("twice")]
    [InlineData("StandardPaidEdition")]
    [InlineData("DefaultTermMonths")]
    [InlineData("feature")]
    [InlineData("name")]
    public void InvalidDefinitionsAreRefused(string reason)
    {
        var valid = Product("Gadget", Edition("Free", EditionTier.Free), Edition("Trial", EditionTier.Trial), Edition("Pro", EditionTier.Paid, "Seats=5"))
            with { StandardPaidEdition = "Pro" };
        Assert.Same(valid.Editions[2].Features, ProductRules.Validate(valid).Editions[2].Features);
        var invalid = reason switch
        {
            "a Trial edition" => valid with { Editions = [.. valid.Editions[..2], Edition("Pro", EditionTier.Paid), Edition("Trial2", EditionTier.Trial)] },
            "twice" => valid with { Editions = [.. valid.Editions, Edition("free", EditionTier.Free)] },
            "StandardPaidEdition" => valid with { StandardPaidEdition = "Free" },
            "DefaultTermMonths" => valid with { DefaultTermMonths = 0 },
            "feature" => valid with { Editions = [.. valid.Editions[..2], Edition("Pro", EditionTier.Paid, "=5")] },
            _ => valid with { Name = " Gadget" },
        };
        var e = Assert.Throws<ArgumentException>(() => ProductRules.Validate(invalid));
        Assert.Contains(reason == "a Trial edition" ? "more than one Trial" : reason, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ATrialEditionMayNotListFeaturesOfItsOwn()
    {
        var product = Product("Gadget", Edition("Trial", EditionTier.Trial, "Seats=5"), Edition("Pro", EditionTier.Paid)) with { StandardPaidEdition = "Pro" };
        var e = Assert.Throws<ArgumentException>(() => ProductRules.Validate(product));
        Assert.Contains("StandardPaidEdition", e.Message);
    }

    [Fact]
    public void AnEditionNoLongerListedCountsAsPaid()
    {
        var proget = Default.Find("ProGet")!;
        Assert.True(proget.IsPaid("Basic"));
        Assert.True(proget.IsPaid("Platinum (retired)"));
        Assert.False(proget.IsPaid("free"));
        Assert.False(proget.IsPaid("Trial"));
    }

    internal static EditionDefinition Edition(string name, EditionTier tier, params string[] features) =>
        new() { Name = name, Tier = tier, Features = features };

    internal static ProductDefinition Product(string name, params EditionDefinition[] editions) =>
        new() { Name = name, Editions = editions };

    [Fact]
    public void EditsMergeIntoTheProductAndKeepWhatIsNotGiven()
    {
        var proget = ProductCatalogue.Default.Find("ProGet")!;
        Assert.Null(ProductEdits.WithEditions(null, "NewThing", null, null, null)); // nothing to make a product of

        var renamed = ProductEdits.WithEditions(proget, "PROGET", null, null, 24)!;
        Assert.Equal(proget.Editions, renamed.Editions);
        Assert.Equal(24, renamed.DefaultTermMonths);
        Assert.Equal(proget.StandardPaidEdition, renamed.StandardPaidEdition);
        Assert.Equal(ProductDefinition.DefaultMonths, ProductEdits.WithEditions(null, "NewThing", [new EditionDefinition { Name = "One" }], null, null)!.DefaultTermMonths);

        var paid = proget.Editions.First(e => e.Tier == EditionTier.Paid);
        var changed = ProductEdits.WithEdition(proget, paid.Name.ToUpperInvariant(), ["Servers=99"], null, null, null);
        var edition = changed.FindEdition(paid.Name)!;
        Assert.Equal((paid.Name, EditionTier.Paid), (edition.Name, edition.Tier));
        Assert.Equal(["Servers=99"], edition.Features);
        Assert.Equal(proget.Editions.Length, changed.Editions.Length);

        var added = ProductEdits.WithEdition(proget, "Ultimate", [], null, null, null);
        Assert.Equal(EditionTier.Paid, added.FindEdition("ultimate")!.Tier);
        Assert.Equal(proget.Editions.Length + 1, added.Editions.Length);

        var catalogue = ProductEdits.Replace(ProductCatalogue.Default, added);
        Assert.Equal(ProductCatalogue.Default.Products.Count, catalogue.Products.Count);
        Assert.NotNull(catalogue.Find("ProGet")!.FindEdition("Ultimate"));
    }
}
