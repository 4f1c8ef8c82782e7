using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace InedoLicense.Engine.Tests;

public sealed class AgentLicenseTests
{
    private static string Status(PSObject result) => result.Properties["Status"].Value.ToString()!;
    private static string Message(PSObject result) => (string)result.Properties["Message"].Value;

    [Fact]
    public void AgentKeyIsBoundToItsOrganisationAndMachine()
    {
        using var session = new ModuleSession();
        var key = session.Run("New-AgentLicense -OrganizationId ORG-1 -MacId 00:1a:2b:3c:4d:5e -StorePath $StorePath").Single();
        Assert.Equal("Agent", key.Properties["Kind"].Value.ToString());
        Assert.Equal("ORG-1", key.Properties["OrganizationId"].Value);
        Assert.Null(key.Properties["ExpiresAt"].Value);

        string Check(string arguments) =>
            Status(session.Run($"$args[0] | Test-LicenseKey {arguments} -StorePath $StorePath", key).Single());
        Assert.Equal("Valid", Check("-OrganizationId ORG-1 -MacId 00-1A-2B-3C-4D-5E"));
        Assert.Equal("OrganizationMismatch", Check("-OrganizationId ORG-2 -MacId 00-1A-2B-3C-4D-5E"));
        Assert.Equal("MachineMismatch", Check("-OrganizationId ORG-1 -MacId 00-1A-2B-3C-4D-5F"));
    }

    [Fact]
    public void WithThisMachineAnAgentKeyIsComparedWithThisMachinesMacId()
    {
        using var session = new ModuleSession();
        var thisMachine = session.Invoke("Get-MacId 3>$null").Output.Select(o => o.BaseObject).OfType<string>().SingleOrDefault();
        var other = session.Run("New-AgentLicense -OrganizationId ORG-1 -MacId 00-1A-2B-3C-4D-5E -StorePath $StorePath").Single();
        // Without -ThisMachine the machine is not checked: an audit gives the same answer everywhere.
        Assert.Equal("Valid", Status(session.Run("$args[0] | Test-LicenseKey -OrganizationId ORG-1 -StorePath $StorePath 3>$null", other).Single()));
        var otherResult = session.Run("$args[0] | Test-LicenseKey -ThisMachine -OrganizationId ORG-1 -StorePath $StorePath 3>$null", other).Single();
        Assert.Equal("MachineMismatch", Status(otherResult));
        if (thisMachine is null)
        {
            Assert.Contains("no adapter of this machine qualifies", Message(otherResult));
            return;
        }
        Assert.Contains($"this machine's MAC ID {thisMachine}", Message(otherResult));

        var mine = session.Run("New-AgentLicense -OrganizationId ORG-1 -MacId $args[0] -StorePath $StorePath", thisMachine).Single();
        var mineResult = session.Run("$args[0] | Test-LicenseKey -ThisMachine -OrganizationId ORG-1 -StorePath $StorePath 3>$null", mine).Single();
        Assert.Equal("Valid", Status(mineResult));
        Assert.Contains($"this machine's MAC ID {thisMachine}", Message(mineResult));
    }

    [Fact]
    public void ThisMachinesMacIdIsOnlyLookedUpForAgentKeysCheckedWithThisMachine()
    {
        using var session = new ModuleSession();
        var licence = session.Run("New-License -Product ProGet -Customer Contoso -Edition Basic -StorePath $StorePath").Single();
        var agent = session.Run("New-AgentLicense -OrganizationId ORG-1 -MacId 00-1A-2B-3C-4D-5E -StorePath $StorePath").Single();

        // The lookup reports itself on the verbose stream, once per command.
        int Lookups(string script, params object[] args) => session.Run(script + " -Verbose 4>&1 3>$null", args)
            .Select(o => o.BaseObject).OfType<VerboseRecord>().Count(v => v.Message.Contains("this machine", StringComparison.Ordinal));
        Assert.Equal(0, Lookups("$args | Test-LicenseKey -ThisMachine -StorePath $StorePath", licence, licence));
        Assert.Equal(0, Lookups("$args[0] | Test-LicenseKey -MacId 00-1A-2B-3C-4D-5E -StorePath $StorePath", agent));
        Assert.Equal(0, Lookups("$args | Test-LicenseKey -StorePath $StorePath", agent, agent, licence, agent));
        Assert.Equal(1, Lookups("$args | Test-LicenseKey -ThisMachine -StorePath $StorePath", agent, agent, licence, agent));
    }

    [Fact]
    public void ACsvOfAgentsIssuesInBulkAndABadRowDoesNotStopTheRest()
    {
        using var session = new ModuleSession();
        // What Import-Csv hands over: objects with OrganizationId, MacId and ExpiresAt as text.
        var (output, errors) = session.Invoke("""
            1..24 | ForEach-Object {
                $mac = if ($_ -eq 7) { '00-00-00-00-00-00' } else { '00:1a:2b:3c:4d:{0:x2}' -f $_ }
                [pscustomobject]@{ OrganizationId = "ORG-$_"; MacId = $mac; ExpiresAt = '2030-01-01T00:00:00Z' }
            } | New-AgentLicense -StorePath $StorePath
            """);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidMacId", error.FullyQualifiedErrorId.Split(',')[0]);
        // The target is the row, and the message starts with it, so a bad row can be found in a CSV of thousands.
        Assert.Equal("00-00-00-00-00-00", ((PSObject)error.TargetObject).Properties["MacId"].Value);
        Assert.StartsWith("Row 7 (OrganizationId=ORG-7, MacId=00-00-00-00-00-00): ", error.ErrorDetails.Message);
        Assert.Equal(23, output.Count);
        Assert.Equal(Enumerable.Range(1, 24).Where(i => i != 7).Select(i => $"ORG-{i}"),
            output.Select(o => (string)o.Properties["OrganizationId"].Value));
        Assert.Contains(output, o => (string)o.Properties["MacId"].Value == "00-1A-2B-3C-4D-18");
        Assert.All(output, o => Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), o.Properties["ExpiresAt"].Value));
        Assert.Equal(23, session.Run("Get-License -Kind Agent -StorePath $StorePath").Count);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(12, true)]
    public void BulkIssuingReportsProgressBeyondAFewKeys(int agents, bool expectProgress)
    {
        using var session = new ModuleSession();
        // ModuleSession hands back output and errors only; a PowerShell of our own on a fresh runspace shows the progress stream.
        using var shell = PowerShell.Create(InitialSessionState.CreateDefault2());
        shell.AddScript("""
            param($manifest, $store, $count)
            Import-Module $manifest
            1..$count | ForEach-Object { [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = '00-1A-2B-3C-4D-{0:X2}' -f $_ } } |
                New-AgentLicense -StorePath $store
            """).AddArgument(ModuleSession.ManifestPath).AddArgument(session.StorePath).AddArgument(agents);
        Assert.Equal(agents, shell.Invoke().Count);
        var progress = shell.Streams.Progress.Where(p => p.Activity == "New-AgentLicense").ToList();
        Assert.Equal(expectProgress, progress.Count > 0);
        if (expectProgress) Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
    }

    [Fact]
    public void WhatIfIssuesNothing()
    {
        using var session = new ModuleSession();
        Assert.Empty(session.Run("New-AgentLicense -OrganizationId ORG-1 -MacId 00-1A-2B-3C-4D-5E -WhatIf -StorePath $StorePath"));
        Assert.Empty(session.Run("Get-License -Kind Agent -StorePath $StorePath"));
    }
}
