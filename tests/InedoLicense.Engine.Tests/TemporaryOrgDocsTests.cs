using System.Diagnostics;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace InedoLicense.Engine.Tests;

/// <summary>
/// The pages of Get-MacId, New-AgentLicense and the temporary organisation key cmdlets: every parameter is
/// documented, and the examples run in the embedded shell, page by page, against a fresh store and authority.
/// </summary>
public sealed partial class TemporaryOrgDocsTests
{
    public static readonly TheoryData<string> Pages = new()
    {
        "Get-MacId", "New-AgentLicense", "New-TemporaryOrgLicense", "Get-TemporaryOrgLicense", "Get-LicenseTtlPolicy", "Set-LicenseTtlPolicy",
    };

    private static string PagePath(string command) => Path.Combine(ModuleSession.RepoRoot, "docs", command + ".md");

    [Theory]
    [MemberData(nameof(Pages))]
    public void PageIsPlatyPsMarkdownAndDocumentsEveryParameter(string command)
    {
        var page = File.ReadAllText(PagePath(command));
        Assert.StartsWith("---\n", page);
        Assert.Contains("\nschema: 2.0.0\n", page);
        Assert.Contains("\nModule Name: InedoLicense\n", page);
        Assert.Contains($"\n# {command}\n", page);
        foreach (var section in new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" })
            Assert.Contains($"\n## {section}\n", page);

        using var session = new ModuleSession(createAuthority: false);
        var parameters = session.Run("""
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            (Get-Command $args[0]).Parameters.Keys | Where-Object { $common -notcontains $_ -or $_ -in 'WhatIf', 'Confirm' }
            """, command).Select(o => (string)o.BaseObject).ToHashSet();
        var documented = ParameterHeading().Matches(page).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(parameters.Order(), documented.Order());
        Assert.NotEmpty(Examples(page));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void ExamplesRunInTheEmbeddedShell(string command)
    {
        var folder = Directory.CreateTempSubdirectory("inedolicense-docs-").FullName;
        try
        {
            var script = Path.Combine(folder, "examples.ps1");
            File.WriteAllText(script, "$ErrorActionPreference = 'Stop'\n$null = New-LicenseAuthority\n"
                + string.Join("\n", Examples(File.ReadAllText(PagePath(command)))) + "\n");
            var (exitCode, output, errors) = RunShell(script, Path.Combine(folder, "licenses.db"));
            Assert.True(exitCode == 0 && errors.Length == 0, $"exit code {exitCode}\n{errors}\n{output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<string> Examples(string page)
    {
        var examples = page[page.IndexOf("\n## EXAMPLES\n", StringComparison.Ordinal)..page.IndexOf("\n## PARAMETERS\n", StringComparison.Ordinal)];
        return PowerShellBlock().Matches(examples).Select(m => m.Groups[1].Value);
    }

    // The shell this build laid out beside the tests: src/InedoLicense.Shell/bin/<configuration>/<framework>/.
    private static (int ExitCode, string Output, string Errors) RunShell(string script, string storePath)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var shell = Path.Combine(ModuleSession.RepoRoot, "src", "InedoLicense.Shell", "bin", testBin.Parent!.Name, testBin.Name, "InedoLicense.Shell.dll");
        Assert.True(File.Exists(shell), $"The embedded shell was not built at {shell}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { shell, "-File", script }) start.ArgumentList.Add(argument);
        start.Environment["INEDOLICENSE_STORE"] = storePath;
        start.Environment["INEDOLICENSE_MODULE_PATH"] = ModuleSession.ModuleFolder;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result.Trim());
    }

    [GeneratedRegex(@"^### -(\w+)$", RegexOptions.Multiline)]
    private static partial Regex ParameterHeading();

    [GeneratedRegex(@"```powershell\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PowerShellBlock();
}
