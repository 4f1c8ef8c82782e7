using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

public sealed class GetLicenseTests
{
    /// <summary>Four keys: Contoso/ProGet (perpetual), Contoso Ltd/BuildMaster (revoked),
    /// Fabrikam/ProGet (expires in 10 days), Expired Ltd/ProGet (expired a month ago).</summary>
    private static (string Contoso, string ContosoLtd, string Fabrikam, string Expired) Populate(ModuleSession session)
    {
        var contoso = session.IssueKey("Contoso", "ProGet").Text("Serial")!;
        var contosoLtd = session.IssueKey("Contoso Ltd", "BuildMaster").Text("Serial")!;
        var fabrikam = session.IssueKey("Fabrikam", "ProGet", $"-ExpiresAt '{DateTimeOffset.UtcNow.AddDays(10):O}'").Text("Serial")!;
        var expired = PlantedKeys.Expired(session);
        session.Run("Revoke-License -Serial $args[0] -Confirm:$false -StorePath $StorePath", contosoLtd);
        return (contoso, contosoLtd, fabrikam, expired);
    }

    private static List<string?> Customers(ModuleSession session, string filter, params object?[] args) =>
        session.Run($"Get-License {filter} -StorePath $StorePath", args).Texts("Customer").Order().ToList();

    [Fact]
    public void ListsEverythingNewestFirst()
    {
        using var session = new ModuleSession();
        Populate(session);
        var all = session.Run("Get-License -StorePath $StorePath");
        Assert.Equal(4, all.Count);
        var issuedAt = all.Select(r => (DateTimeOffset)r.Value("IssuedAt")!).ToList();
        Assert.Equal(issuedAt.OrderDescending(), issuedAt);
    }

    [Fact]
    public void FindsSerialsAndReportsTheUnknownAndInvalidOnes()
    {
        using var session = new ModuleSession();
        var (contoso, _, fabrikam, _) = Populate(session);
        const string Unknown = "FFFFFFFFFFFFFFFF";

        var (output, errors) = session.Invoke("Get-License -Serial $args[0], $args[1], $args[2], 'nope' -StorePath $StorePath",
            contoso.ToLowerInvariant(), Unknown, fabrikam);

        Assert.Equal(new[] { contoso, fabrikam }.Order(), output.Texts("Serial").Order());
        Assert.Equal(2, errors.Count);
        ErrorAssert.Is(errors.Single(e => e.Id() == "InvalidSerial"), "InvalidSerial", ErrorCategory.InvalidArgument, "nope");
        ErrorAssert.Is(errors.Single(e => e.Id() == "LicenseNotFound"), "LicenseNotFound", ErrorCategory.ObjectNotFound, Unknown);
    }

    [Fact]
    public void OnlyInvalidSerialsListNothing()
    {
        using var session = new ModuleSession();
        Populate(session);
        var (output, errors) = session.Invoke("Get-License -Serial 'nope' -StorePath $StorePath");
        Assert.Empty(output);
        ErrorAssert.Single(errors, "InvalidSerial", ErrorCategory.InvalidArgument, "nope");
    }

    [Fact]
    public void FiltersByKindCustomerAndProduct()
    {
        using var session = new ModuleSession();
        Populate(session);
        Assert.Equal(4, Customers(session, "-Kind License").Count);
        Assert.Empty(Customers(session, "-Kind Stopgap"));
        Assert.Equal(["Contoso", "Contoso Ltd"], Customers(session, "-Customer 'Contoso*'"));
        Assert.Equal(["Contoso"], Customers(session, "-Customer Contoso"));
        Assert.Equal(["Contoso Ltd"], Customers(session, "-Customer '*Ltd' -Product 'Build*'"));
        Assert.Equal(["Contoso", "Expired Ltd", "Fabrikam"], Customers(session, "-Product ProGet"));
    }

    [Fact]
    public void FiltersByStatusAndExpiry()
    {
        using var session = new ModuleSession();
        Populate(session);
        Assert.Equal(["Contoso", "Fabrikam"], Customers(session, "-Status Active"));
        Assert.Equal(["Contoso Ltd"], Customers(session, "-Status Revoked"));
        Assert.Equal(["Expired Ltd"], Customers(session, "-Status Expired"));
        Assert.Empty(Customers(session, "-Status NotYetValid"));
        Assert.Equal(["Fabrikam"], Customers(session, "-ExpiringWithin $args[0]", TimeSpan.FromDays(30)));
        Assert.Empty(Customers(session, "-ExpiringWithin $args[0]", TimeSpan.FromDays(5)));
        Assert.Equal(["Expired", "Revoked"], session.Run("Get-License -Customer '*Ltd' -StorePath $StorePath").Texts("Status").Order());
    }

    [Fact]
    public void TakesSerialsFromThePipelineByPropertyName()
    {
        using var session = new ModuleSession();
        var (contoso, _, fabrikam, _) = Populate(session);
        var found = session.Run("[pscustomobject]@{ Serial = $args[0] }, [pscustomobject]@{ Serial = $args[1] } | Get-License -StorePath $StorePath", contoso, fabrikam);
        Assert.Equal([contoso, fabrikam], found.Texts("Serial"));
    }

    [Fact]
    public void PipesIntoRevokeLicense()
    {
        using var session = new ModuleSession();
        Populate(session);
        session.Run("Get-License -Product ProGet -Status Active -StorePath $StorePath | Revoke-License -Reason 'bulk' -Confirm:$false -StorePath $StorePath");
        Assert.Equal(["Contoso", "Contoso Ltd", "Fabrikam"], Customers(session, "-Status Revoked"));
        Assert.Equal(["bulk", "bulk"], session.Run("Get-License -Product ProGet -Status Revoked -StorePath $StorePath").Texts("RevocationReason"));
    }
}
