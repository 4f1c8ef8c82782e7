using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>The module as users see it: what it exports, and the contract every cmdlet keeps.</summary>
public sealed class ModuleSurfaceTests
{
    // Verbs that only read; every other exported cmdlet changes state and must support -WhatIf/-Confirm.
    private static readonly HashSet<string> ReadOnlyVerbs = ["Get", "Test", "ConvertFrom", "ConvertTo", "Find", "Show", "Measure", "Resolve"];

    private static List<string> ManifestCmdlets() => LaidOutManifest.Read().Strings("CmdletsToExport");

    private static List<PSObject> Commands(ModuleSession session) =>
        session.Run("Get-Command -Module InedoLicense").ToList();

    [Fact]
    public void ExportsExactlyTheManifestsCmdlets()
    {
        using var session = new ModuleSession(createAuthority: false);
        var listed = ManifestCmdlets();
        Assert.DoesNotContain(listed, name => WildcardPattern.ContainsWildcardCharacters(name));

        var exported = Commands(session);
        Assert.All(exported, command => Assert.Equal("Cmdlet", command.Text("CommandType")));
        Assert.Equal(listed.Order(), exported.Texts("Name").Order());
    }

    [Fact]
    public void EveryCmdletInTheAssemblyIsExported()
    {
        using var session = new ModuleSession(createAuthority: false);
        var implemented = session.Run("""
            (Get-Command New-License).ImplementingType.Assembly.GetExportedTypes() |
                Where-Object { -not $_.IsAbstract -and $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($attribute.VerbName)-$($attribute.NounName)" }
            """).Select(name => name.ToString()).Order();
        Assert.Equal(ManifestCmdlets().Order(), implemented);
    }

    [Fact]
    public void EveryCmdletDeclaresItsOutputTypeForEveryParameterSet()
    {
        using var session = new ModuleSession(createAuthority: false);
        foreach (var command in Commands(session))
        {
            var name = command.Text("Name");
            Assert.True(session.Run("$args[0].OutputType | ForEach-Object Name", command).Count > 0, $"{name} has no [OutputType].");
            // An [OutputType] without ParameterSetName applies to every set (__AllParameterSets).
            var uncovered = session.Run("""
                $attributes = $args[0].ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true)
                foreach ($set in $args[0].ParameterSets) {
                    if (-not ($attributes | Where-Object { $_.ParameterSetName -contains '__AllParameterSets' -or $_.ParameterSetName -contains $set.Name })) { $set.Name }
                }
                """, command);
            Assert.True(uncovered.Count == 0, $"{name} declares no output type for parameter set(s) {string.Join(", ", uncovered)}.");
            var unresolved = session.Run("$args[0].OutputType | Where-Object { $null -eq $_.Type } | ForEach-Object Name", command);
            Assert.True(unresolved.Count == 0, $"{name} declares output types that do not resolve: {string.Join(", ", unresolved)}.");
        }
    }

    [Fact]
    public void CmdletsThatChangeStateSupportWhatIfAndConfirm()
    {
        using var session = new ModuleSession(createAuthority: false);
        var changing = Commands(session).Where(c => !ReadOnlyVerbs.Contains(c.Text("Verb")!)).ToList();
        Assert.Contains("Revoke-License", changing.Texts("Name"));
        foreach (var command in changing)
        {
            var parameters = session.Run("$args[0].Parameters.Keys", command).Select(p => p.ToString()).ToList();
            Assert.True(parameters.Contains("WhatIf") && parameters.Contains("Confirm"), $"{command.Text("Name")} lacks -WhatIf/-Confirm.");
        }
    }

    [Fact]
    public void CmdletsThatOnlyReadDoNotOfferWhatIf()
    {
        using var session = new ModuleSession(createAuthority: false);
        foreach (var command in Commands(session).Where(c => ReadOnlyVerbs.Contains(c.Text("Verb")!)))
        {
            var supportsShouldProcess = session.Run(
                "$args[0].ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].SupportsShouldProcess", command).Single();
            Assert.True(supportsShouldProcess.BaseObject is false, $"{command.Text("Name")} only reads, yet declares SupportsShouldProcess.");
        }
    }

    [Fact]
    public void RevokingAsksForConfirmationByDefault()
    {
        using var session = new ModuleSession(createAuthority: false);
        var impact = session.Run("""
            (Get-Command Revoke-License).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact
            """).Single();
        Assert.Equal(ConfirmImpact.High.ToString(), impact.ToString());
    }

    [Fact]
    public void IdentityParametersBindFromThePipelineByPropertyName()
    {
        using var session = new ModuleSession(createAuthority: false);
        foreach (var (command, parameter) in new[] { ("Get-License", "Serial"), ("Revoke-License", "Serial"), ("Test-LicenseKey", "Key"),
                     ("ConvertFrom-LicenseKey", "Key"), ("New-LicenseIssuer", "Name") })
        {
            var byName = session.Run("(Get-Command $args[0]).Parameters[$args[1]].ParameterSets.Values | ForEach-Object ValueFromPipelineByPropertyName",
                command, parameter);
            Assert.True(byName.Count > 0 && byName.All(v => v.BaseObject is true), $"{command} -{parameter} does not bind by property name.");
        }
    }

    [Fact]
    public void IssuingCmdletsTakePipelineRowsWholeByValue()
    {
        // By-property-name binding skips a value it cannot convert without a word (Months=abc gave a 12-month key) and cost
        // ~100 µs a row: the issuing cmdlets take each row whole and read its columns themselves (PipelineRow).
        using var session = new ModuleSession(createAuthority: false);
        foreach (var command in new[] { "New-License", "New-AgentLicense", "New-StopgapLicense" })
        {
            var parameters = session.Run("""
                (Get-Command $args[0]).Parameters.Values | ForEach-Object { $p = $_; $p.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } | ForEach-Object { "$($p.Name):$($_.ValueFromPipeline):$($_.ValueFromPipelineByPropertyName)" } }
                """, command).Select(o => o.ToString()).Distinct().ToList();
            Assert.Equal(["InputObject:True:False"], parameters);
        }
    }
}
