using System.Diagnostics;
using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>Every bulk path shows progress: a count for a pipeline (its length is unknown), a percentage for an array argument.</summary>
public sealed class BulkProgressTests
{
    private const int Items = 300;

    // Each scenario sets $items (a pipeline of $args[0] items) for the bulk command, after any setup.
    public static TheoryData<string, string> Pipelines => new()
    {
        { "New-License", "1..$args[0] | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = \"Customer $_\"; Edition = 'Basic' } } | New-License -StorePath $StorePath" },
        { "New-StopgapLicense", "1..$args[0] | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = \"Customer $_\" } } | New-StopgapLicense -StorePath $StorePath" },
        { "New-AgentLicense", "1..$args[0] | ForEach-Object { [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = '02-00-00-00-{0:X2}-{1:X2}' -f [int][Math]::Floor($_ / 256), ($_ % 256) } } | New-AgentLicense -StorePath $StorePath" },
        { "Test-LicenseKey", "$keys = (1..$args[0] | ForEach-Object { [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = '02-00-00-00-{0:X2}-{1:X2}' -f [int][Math]::Floor($_ / 256), ($_ % 256) } } | New-AgentLicense -StorePath $StorePath -ProgressAction SilentlyContinue).Key\n"
                              + "$keys | Test-LicenseKey -StorePath $StorePath -MacId 02-00-00-00-00-01" },
        { "Revoke-License", "$serials = (1..$args[0] | ForEach-Object { [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = '02-00-00-00-{0:X2}-{1:X2}' -f [int][Math]::Floor($_ / 256), ($_ % 256) } } | New-AgentLicense -StorePath $StorePath -ProgressAction SilentlyContinue).Serial\n"
                             + "$serials | Revoke-License -StorePath $StorePath -Confirm:$false -PassThru" },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void ALongPipelineShowsACountThrottledAndCompleted(string command, string script)
    {
        using var session = new ModuleSession();
        var stopwatch = Stopwatch.StartNew();
        var (output, errors, all) = session.InvokeWithProgress(script, Items);
        stopwatch.Stop();
        Assert.Empty(errors);
        Assert.Equal(Items, output.Count);

        var progress = all.Where(p => p.Activity == command).ToList();
        Assert.True(progress.Count >= 2, $"{command} wrote {progress.Count} progress records for {Items} items.");
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        var updates = progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, p => Assert.Equal(-1, p.PercentComplete));
        Assert.All(updates, p => Assert.Matches(@"^\d[\d,.\u00a0 ]* \w", p.StatusDescription));
        // At most four updates a second (the bound only holds the throttle to account, whatever the machine's speed).
        Assert.True(updates.Count <= stopwatch.Elapsed.TotalSeconds * 4 + 1, $"{updates.Count} updates in {stopwatch.Elapsed.TotalSeconds:N1} s");
    }

    [Fact]
    public void AnArrayArgumentShowsAPercentage()
    {
        using var session = new ModuleSession();
        var serials = session.Run("""
            (1..$args[0] | ForEach-Object { [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = '02-00-00-00-00-{0:X2}' -f $_ } } | New-AgentLicense -StorePath $StorePath).Serial
            """, 40).Select(o => o.ToString()).ToArray();
        var (revoked, errors, all) = session.InvokeWithProgress("Revoke-License -Serial $args[0] -StorePath $StorePath -Confirm:$false -PassThru", (object)serials);
        Assert.Empty(errors);
        Assert.Equal(40, revoked.Count);
        var updates = all.Where(p => p.Activity == "Revoke-License" && p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, p => Assert.InRange(p.PercentComplete, 0, 100));
        Assert.Contains("of 40", updates[0].StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, all.Last(p => p.Activity == "Revoke-License").RecordType);
    }

    [Theory]
    [InlineData("New-License")]
    [InlineData("New-StopgapLicense")]
    [InlineData("New-AgentLicense")]
    [InlineData("Test-LicenseKey")]
    [InlineData("Revoke-License")]
    public void AFewItemsShowNoProgress(string command)
    {
        using var session = new ModuleSession();
        var script = ((IEnumerable<object[]>)Pipelines).Single(row => (string)row[0] == command)[1].ToString()!;
        var (output, errors, all) = session.InvokeWithProgress(script, 5);
        Assert.Empty(errors);
        Assert.Equal(5, output.Count);
        Assert.DoesNotContain(all, p => p.Activity == command);
    }

    [Fact]
    public void AKeyFileShowsItsOwnProgress()
    {
        using var session = new ModuleSession();
        var file = Path.Combine(session.Folder, "keys.txt");
        var keys = session.Run("(1..$args[0] | ForEach-Object { [pscustomobject]@{ OrganizationId = 'ORG-1'; MacId = '02-00-00-00-00-{0:X2}' -f $_ } } | New-AgentLicense -StorePath $StorePath).Key", 20)
            .Select(o => o.ToString());
        File.WriteAllLines(file, keys);
        var (output, errors, all) = session.InvokeWithProgress("Test-LicenseKey -Path $args[0] -StorePath $StorePath -MacId 02-00-00-00-00-01", file);
        Assert.Empty(errors);
        Assert.Equal(20, output.Count);
        var progress = all.Where(p => p.Activity == "Test-LicenseKey").ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
    }
}
