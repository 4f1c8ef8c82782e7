using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>Tab completion of -Serial (and the other serial parameters) and -OrganizationId from the store, through TabExpansion2.</summary>
public sealed class StoreCompletionTests
{
    private static List<string> Complete(ModuleSession session, string line) =>
        session.Run("(TabExpansion2 $args[0] $args[0].Length).CompletionMatches | ForEach-Object CompletionText", line)
            .Select(o => o.ToString()).ToList();

    private static string Quoted(string path) => "'" + path.Replace("'", "''") + "'";

    private static string Serial(PSObject record) => record.Text("Serial")!;

    private static List<string> IssueAgents(ModuleSession session, string organization, int count) =>
        session.Run("""
            1..$args[1] | ForEach-Object { [pscustomobject]@{ OrganizationId = $args[0]; MacId = '02-00-00-00-{0:X2}-{1:X2}' -f [int][Math]::Floor($_ / 256), ($_ % 256) } } |
                New-AgentLicense -StorePath $StorePath
            """.Replace("$args[0]", "'" + organization.Replace("'", "''") + "'"), organization, count)
            .Select(Serial).ToList();

    [Fact]
    public void SerialsAreOfferedNewestFirstAndMatchTheTypedPrefixInAnyCase()
    {
        using var session = new ModuleSession();
        var oldest = Serial(session.IssueKey("Contoso"));
        var middle = Serial(session.IssueKey("Fabrikam"));
        var newest = Serial(session.IssueKey("Northwind"));
        var store = Quoted(session.StorePath);

        foreach (var line in new[] { $"Get-License -StorePath {store} -Serial ", $"Revoke-License -StorePath {store} -Serial " })
            Assert.Equal([newest, middle, oldest], Complete(session, line));
        Assert.Equal([newest, middle, oldest], Complete(session, $"Get-License -StorePath {store} "));

        Assert.Contains(middle, Complete(session, $"Get-License -StorePath {store} -Serial {middle[..3].ToLowerInvariant()}"));
        Assert.All(Complete(session, $"Revoke-License -StorePath {store} -Serial {middle[..3]}"),
            offered => Assert.StartsWith(middle[..3], offered, StringComparison.Ordinal));
        Assert.Equal([middle], Complete(session, $"Revoke-License -StorePath {store} -Serial {middle[..15]}"));
        Assert.Equal([middle], Complete(session, $"Revoke-License -StorePath {store} -Serial '{middle[..15]}"));
        Assert.Equal([middle], Complete(session, $"Revoke-License -StorePath {store} -Serial *{middle[8..]}"));
        Assert.Empty(Complete(session, $"Get-License -StorePath {store} -Serial XYZ"));
    }

    [Fact]
    public void ASerialsTooltipSaysWhatTheKeyIs()
    {
        using var session = new ModuleSession();
        var serial = Serial(session.IssueKey("Contoso"));
        var tip = session.Run("(TabExpansion2 $args[0] $args[0].Length).CompletionMatches | ForEach-Object ToolTip",
            $"Get-License -StorePath {Quoted(session.StorePath)} -Serial {serial[..10]}").Single().ToString();
        Assert.Contains("ProGet Basic for Contoso", tip);
        Assert.Contains("Active", tip);
    }

    [Fact]
    public void AtMostAHundredSerialsAreOfferedTheNewestOnes()
    {
        using var session = new ModuleSession();
        var issued = IssueAgents(session, "ORG-1", 105);
        var offered = Complete(session, $"Get-License -StorePath {Quoted(session.StorePath)} -Serial ");
        Assert.Equal(100, offered.Count);
        Assert.Equal(issued[^1], offered[0]);
        Assert.Equal(issued.Skip(5).Reverse(), offered);
    }

    [Fact]
    public void RenewalAndLapsedLicenceParametersOfferOnlyPaidLicencesOfTheTypedProductAndCustomer()
    {
        using var session = new ModuleSession();
        var contoso = Serial(session.IssueKey("Contoso"));
        var fabrikam = Serial(session.IssueKey("Fabrikam"));
        var otter = Serial(session.IssueKey("Contoso", product: "Otter"));
        var agent = IssueAgents(session, "ORG-1", 1).Single();
        var store = Quoted(session.StorePath);

        Assert.Equal([otter, fabrikam, contoso], Complete(session, $"New-License -StorePath {store} -RenewalOf "));
        Assert.Equal([fabrikam, contoso], Complete(session, $"New-License -StorePath {store} -Product ProGet -RenewalOf "));
        // A renewal may rename the customer: -Customer does not narrow -RenewalOf.
        Assert.Equal([fabrikam, contoso], Complete(session, $"New-License -StorePath {store} -Product ProGet -Customer Someone -RenewalOf "));
        Assert.Equal([contoso], Complete(session, $"New-StopgapLicense -StorePath {store} -Product ProGet -Customer Contoso -LapsedLicense "));
        Assert.Equal([otter, contoso], Complete(session, $"New-StopgapLicense -StorePath {store} -Customer contoso -LapsedLicense "));
        Assert.Equal([agent], Complete(session, $"Get-License -StorePath {store} -Kind Agent -Serial "));
    }

    [Fact]
    public void OrganizationIdsAreOfferedSortedAndQuotedWhereNeeded()
    {
        using var session = new ModuleSession();
        IssueAgents(session, "ORG-2", 2);
        IssueAgents(session, "acme", 1);
        IssueAgents(session, "Org Three", 1);
        session.Run("$null = New-TemporaryOrgLicense -OrganizationId ORG-TEMP -Ttl 1h -StorePath $StorePath");
        var store = Quoted(session.StorePath);

        foreach (var command in new[] { "Get-License", "New-AgentLicense", "New-TemporaryOrgLicense", "Test-LicenseKey -Key x" })
            Assert.Equal(["acme", "'Org Three'", "ORG-2", "ORG-TEMP"], Complete(session, $"{command} -StorePath {store} -OrganizationId "));
        Assert.Equal(["'Org Three'", "ORG-2", "ORG-TEMP"], Complete(session, $"New-AgentLicense -StorePath {store} -OrganizationId org"));
        Assert.Equal(["ORG-2"], Complete(session, $"New-AgentLicense -StorePath {store} -OrganizationId 'ORG-2"));
        Assert.Equal(["ORG-TEMP"], Complete(session, $"Get-TemporaryOrgLicense -StorePath {store} -OrganizationId "));
    }

    [Fact]
    public void ARelativeStorePathIsResolvedAgainstThePowerShellLocation()
    {
        using var session = new ModuleSession();
        var serial = Serial(session.IssueKey());
        IssueAgents(session, "ORG-1", 1);
        session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($TestFolder)"); // Set-Location is not in the bare engine
        Assert.Contains(serial, Complete(session, "Get-License -StorePath licenses.db -Serial "));
        Assert.Equal(["ORG-1"], Complete(session, "Get-License -StorePath ./licenses.db -OrganizationId "));
    }

    [Fact]
    public void CompletionNeverCreatesAStoreAndAnUnreadableOneOffersNothing()
    {
        using var session = new ModuleSession(createAuthority: false);
        var missing = Path.Combine(session.Folder, "not-yet", "licenses.db");
        Assert.Empty(Complete(session, $"Get-License -StorePath {Quoted(missing)} -Serial "));
        Assert.Empty(Complete(session, $"New-AgentLicense -StorePath {Quoted(missing)} -OrganizationId "));
        Assert.False(File.Exists(missing));
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));

        var garbage = Path.Combine(session.Folder, "garbage.db");
        File.WriteAllText(garbage, "this is not an SQLite database, and it is long enough to have a header of its own, surely.");
        var result = session.Invoke("(TabExpansion2 $args[0] $args[0].Length).CompletionMatches | ForEach-Object CompletionText",
            $"Get-License -StorePath {Quoted(garbage)} -Serial ");
        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
    }
}
