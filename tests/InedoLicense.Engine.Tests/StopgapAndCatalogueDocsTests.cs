using System.Text.RegularExpressions;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// The platyPS pages of the stopgap and catalogue cmdlets match the cmdlets (every parameter
/// documented, none invented) and their examples run in the engine against a fresh store.
/// </summary>
public sealed partial class StopgapAndCatalogueDocsTests
{
    public static TheoryData<string> Pages => new() { "New-StopgapLicense", "Get-LicenseProduct", "Set-LicenseProduct", "Import-LicenseProduct" };

    // Import-Csv is not in the bare engine; this stand-in reads simple CSV (no quoted cells) into
    // the same kind of rows, all cells strings, so the page's real Import-Csv example runs.
    private const string ImportCsvStandIn = """
        function Import-Csv([string] $Path) {
            $lines = [IO.File]::ReadAllLines($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))
            $header = $lines[0].Split(',')
            foreach ($line in $lines[1..($lines.Length - 1)]) {
                $cells = $line.Split(','); $row = [ordered]@{}
                for ($i = 0; $i -lt $header.Length; $i++) { $row[$header[$i]] = $cells[$i] }
                [pscustomobject]$row
            }
        }
        """;

    private static readonly HashSet<string> ShownErrorIds = ["StopgapAlreadyIssued", "UnknownProduct", "InvalidLicenseField"];

    private static string PageText(string name) => File.ReadAllText(Path.Combine(ModuleSession.RepoRoot, "docs", name + ".md"));

    [GeneratedRegex(@"^```(?<lang>\w+)(?: (?<file>[\w.-]+))?\n(?<body>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"^### -(?<name>\w+)$", RegexOptions.Multiline)]
    private static partial Regex ParameterHeading();

    [Theory]
    [MemberData(nameof(Pages))]
    public void ThePageIsPlatyPsMarkdownThatDocumentsEveryParameter(string name)
    {
        var text = PageText(name).Replace("\r\n", "\n");
        Assert.StartsWith("---\n", text);
        Assert.Contains("\nschema: 2.0.0\n", text);
        Assert.Contains($"\n# {name}\n", text);
        foreach (var section in (string[])["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"])
            Assert.Contains($"\n## {section}\n", text);

        using var session = new ModuleSession(createAuthority: false);
        var actual = session.Run("""
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            (Get-Command $args[0]).Parameters.Keys | Where-Object { $_ -notin $common }
            """, name).Select(p => p.ToString()).Append("WhatIf").Append("Confirm").Distinct().Order();
        var supportsShouldProcess = session.Run("(Get-Command $args[0]).Parameters.ContainsKey('WhatIf')", name).Single();
        var documented = ParameterHeading().Matches(text).Select(m => m.Groups["name"].Value).Order();
        var expected = (bool)supportsShouldProcess.BaseObject ? actual : actual.Where(p => p is not ("WhatIf" or "Confirm"));
        Assert.Equal(expected, documented);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void TheExamplesRun(string name)
    {
        using var session = new ModuleSession();
        session.Run("$PSDefaultParameterValues['*:StorePath'] = $StorePath; $null = $ExecutionContext.SessionState.Path.SetLocation($TestFolder)");
        session.Run(ImportCsvStandIn);
        var blocks = FencedBlock().Matches(PageText(name).Replace("\r\n", "\n")).ToList();
        foreach (var file in blocks.Where(b => b.Groups["file"].Success))
            File.WriteAllText(Path.Combine(session.Folder, file.Groups["file"].Value), file.Groups["body"].Value + "\n");

        var examples = blocks.Where(b => b.Groups["lang"].Value == "powershell").Select(b => b.Groups["body"].Value).ToList();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            var (_, errors) = session.Invoke(example);
            // An example may show the module's own errors, and only where it says how it handles them.
            var allowed = example.Contains("-ErrorAction", StringComparison.Ordinal) ? ShownErrorIds : [];
            var unexpected = errors.Where(e => !allowed.Contains(e.FullyQualifiedErrorId.Split(',')[0])).ToList();
            Assert.True(unexpected.Count == 0, $"{name}: {example}\n=> {string.Join("\n", unexpected.Select(e => $"{e.FullyQualifiedErrorId}: {e}"))}");
        }
    }
}
