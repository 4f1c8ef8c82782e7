using System.Management.Automation;
using InedoLicense.Catalogue;
using InedoLicense.Store;

namespace InedoLicense.Engine.Tests;

/// <summary>The product catalogue is data in the store: listed, changed and imported without a rebuild.</summary>
public sealed class CatalogueTests
{
    private static T Get<T>(PSObject o, string name) => (T)o.Properties[name].Value;

    private static string Id(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    [Fact]
    public void GetLicenseProductListsTheShippedCatalogueAndFiltersByWildcard()
    {
        using var session = new ModuleSession();
        Assert.Equal(["BuildMaster", "Otter", "ProGet"], session.Run("Get-LicenseProduct -StorePath $StorePath").Select(p => Get<string>(p, "Name")));
        Assert.Equal(["Otter", "ProGet"], session.Run("Get-LicenseProduct *o*t*, proget -StorePath $StorePath").Select(p => Get<string>(p, "Name")));

        var (output, errors) = session.Invoke("Get-LicenseProduct Gadget, Pro* -StorePath $StorePath");
        Assert.Equal("ProGet", Get<string>(output.Single(), "Name"));
        var error = Assert.Single(errors);
        Assert.Equal("UnknownProduct", Id(error));
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("Gadget", error.TargetObject);
    }

    [Fact]
    public void AChangedFeatureIsUsedByTheNextKeyWithoutARebuild()
    {
        using var session = new ModuleSession();
        session.Run("Set-LicenseProduct ProGet -EditionName Enterprise -Feature FeedReplication, HighAvailability -StorePath $StorePath");
        var keys = session.Run("""
            New-License ProGet Contoso Enterprise -StorePath $StorePath
            New-StopgapLicense ProGet Fabrikam -StorePath $StorePath
            """);
        Assert.All(keys, key => Assert.Equal(["FeedReplication", "HighAvailability"], Get<IReadOnlyList<string>>(key, "Features")));

        using var store = LicenseStore.Open(session.StorePath);
        var audit = store.AuditLog.ReadAuditLog("ProGet").Last();
        Assert.Equal(AuditActions.SetProduct, audit.Action);
        Assert.Contains("HighAvailability", audit.Details);
    }

    [Fact]
    public void TheCatalogueRoundTripsThroughThePipeline()
    {
        using var session = new ModuleSession();
        // Serialised here, not in the script: Core lives in the module's own load context, where scripts cannot name its types.
        IEnumerable<string> Serialized(IEnumerable<PSObject> products) => products.Select(p => CatalogueJson.Serialize((ProductDefinition)p.BaseObject));
        var before = Serialized(session.Run("Get-LicenseProduct -StorePath $StorePath")).ToList();
        var stored = session.Run("Get-LicenseProduct -StorePath $StorePath | Set-LicenseProduct -PassThru -StorePath $StorePath");
        var after = Serialized(session.Run("Get-LicenseProduct -StorePath $StorePath")).ToList();
        Assert.Equal(3, stored.Count);
        Assert.Equal(before, after);
    }

    [Fact]
    public void ANewProductCanBeAddedFromHashtablesAndIssuedAtOnce()
    {
        using var session = new ModuleSession();
        var product = session.Run("""
            Set-LicenseProduct -Name Widget -StandardPaidEdition Pro -DefaultTermMonths 6 -PassThru -StorePath $StorePath -Edition @(
                @{ Name = 'Free'; Tier = 'Free'; Features = 'Seats=1' }
                @{ Name = 'Trial'; Tier = 'Trial' }
                @{ Name = 'Pro'; Tier = 'Paid'; Features = 'Seats=25', 'Sso' }
            )
            """).Single();
        Assert.Equal("Widget", Get<string>(product, "Name"));

        var key = session.Run("New-License Widget Contoso Pro -StorePath $StorePath").Single();
        Assert.Equal(Get<DateTimeOffset>(key, "NotBefore").AddMonths(6), Get<DateTimeOffset?>(key, "ExpiresAt"));
        // The licence has months to run, so the stopgap window (30 days before expiry) is overridden.
        var stopgap = session.Run("New-StopgapLicense Widget Contoso -Force -StorePath $StorePath").Single();
        Assert.Equal(["Seats=25", "Sso"], Get<IReadOnlyList<string>>(stopgap, "Features"));
    }

    [Theory]
    [InlineData("Set-LicenseProduct Gadget -StorePath $StorePath", "UnknownProduct", "-Edition")]
    [InlineData("Set-LicenseProduct Gadget -Edition @{ Name = 'Trial'; Tier = 'Trial' } -StorePath $StorePath", "InvalidProductDefinition", "StandardPaidEdition")]
    [InlineData("Set-LicenseProduct ProGet -StandardPaidEdition Free -StorePath $StorePath", "InvalidProductDefinition", "not a Paid edition")]
    [InlineData("Set-LicenseProduct ProGet -EditionName Trial -Feature X -StorePath $StorePath", "InvalidProductDefinition", "Trial edition")]
    public void InvalidChangesAreRefusedAndChangeNothing(string script, string errorId, string reason)
    {
        using var session = new ModuleSession();
        var error = session.Invoke(script).Errors.Single();
        Assert.Equal(errorId, Id(error));
        Assert.Contains(reason, error.Exception.Message);
        Assert.Equal(["BuildMaster", "Otter", "ProGet"], session.Run("Get-LicenseProduct -StorePath $StorePath").Select(p => Get<string>(p, "Name")));
        Assert.Equal("Enterprise", Get<string>(session.Run("Get-LicenseProduct ProGet -StorePath $StorePath").Single(), "StandardPaidEdition"));
    }

    [Fact]
    public void WhatIfChangesNothing()
    {
        using var session = new ModuleSession();
        session.Run("Set-LicenseProduct ProGet -DefaultTermMonths 24 -WhatIf -StorePath $StorePath");
        Assert.Equal(12, Get<int>(session.Run("Get-LicenseProduct ProGet -StorePath $StorePath").Single(), "DefaultTermMonths"));
    }

    [Fact]
    public void ImportLicenseProductAddsTheFilesProductsAndRefusesABadFileWhole()
    {
        using var session = new ModuleSession();
        var good = Path.Combine(session.Folder, "catalogue.json");
        File.WriteAllText(good, """
            // Comments are allowed, as in the shipped default.
            { "products": [
                { "name": "Gadget", "standardPaidEdition": "Enterprise", "editions": [
                    { "name": "Free", "tier": "Free", "features": [ "Servers=1" ] },
                    { "name": "Trial", "tier": "Trial" },
                    { "name": "Enterprise", "tier": "Paid", "features": [ "Servers=5" ] } ] },
                { "name": "Otter", "standardPaidEdition": "Enterprise", "defaultTermMonths": 24, "editions": [
                    { "name": "Free", "tier": "Free", "features": [ "Servers=1" ] },
                    { "name": "Trial", "tier": "Trial" },
                    { "name": "Enterprise", "tier": "Paid", "features": [ "Servers=Unlimited" ] } ] }
            ] }
            """);
        var imported = session.Run("Import-LicenseProduct $args[0] -PassThru -StorePath $StorePath", good);
        Assert.Equal(["Gadget", "Otter"], imported.Select(p => Get<string>(p, "Name")));
        Assert.Equal(["BuildMaster", "Gadget", "Otter", "ProGet"], session.Run("Get-LicenseProduct -StorePath $StorePath").Select(p => Get<string>(p, "Name")));
        var otter = session.Run("New-License Otter Contoso Enterprise -StorePath $StorePath").Single();
        Assert.Equal(Get<DateTimeOffset>(otter, "NotBefore").AddMonths(24), Get<DateTimeOffset?>(otter, "ExpiresAt"));
        Assert.Equal("UnknownEdition", Id(session.Invoke("New-License Otter Contoso Basic -StorePath $StorePath").Errors.Single()));

        var bad = Path.Combine(session.Folder, "bad.json");
        File.WriteAllText(bad, """{ "products": [ { "name": "Widget", "editions": [ { "name": "Free", "tier": "Free" } ] }, { "name": "Doohickey", "editons": [] } ] }""");
        var error = session.Invoke("Import-LicenseProduct $args[0] -StorePath $StorePath", bad).Errors.Single();
        Assert.Equal("InvalidCatalogueFile", Id(error));
        Assert.Equal(bad, error.TargetObject);
        Assert.Contains("editons", error.Exception.Message);
        Assert.Empty(session.Run("Get-LicenseProduct Widget -ErrorAction SilentlyContinue -StorePath $StorePath"));

        var missing = session.Invoke("Import-LicenseProduct $args[0] -StorePath $StorePath", Path.Combine(session.Folder, "nothere.json")).Errors.Single();
        Assert.Equal("CatalogueFileNotFound", Id(missing));
    }

    [Fact]
    public void ProductsAndEditionsAreOfferedByTabCompletion()
    {
        using var session = new ModuleSession();
        session.Run("Set-LicenseProduct Widget -Edition @{ Name = 'Free'; Tier = 'Free' }, @{ Name = 'Pro Plus'; Tier = 'Paid' } -StorePath $StorePath");
        string[] Complete(string line) => session.Run("(TabExpansion2 $args[0] $args[0].Length).CompletionMatches | ForEach-Object CompletionText", line)
            .Select(o => o.ToString()).ToArray();

        var store = session.StorePath.Replace("'", "''");
        Assert.Equal(["Widget"], Complete($"New-License -StorePath '{store}' -Product Wid"));
        Assert.Equal(["Free", "'Pro Plus'"], Complete($"New-License -StorePath '{store}' -Product Widget -Edition "));
        Assert.Equal(["ProGet"], Complete($"New-StopgapLicense -StorePath '{store}' -Product pro"));
        Assert.Equal(["Trial"], Complete($"New-License -StorePath '{store}' -Product Otter -Edition T"));
        Assert.Equal(["Widget"], Complete($"Test-LicenseKey -StorePath '{store}' -Product W"));
    }
}
