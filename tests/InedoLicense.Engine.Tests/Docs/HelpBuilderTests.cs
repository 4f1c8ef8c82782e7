using System.Xml.Linq;
using InedoLicense.HelpBuilder;

namespace InedoLicense.Engine.Tests.Docs;

/// <summary>
/// The converter from platyPS pages to MAML (src/InedoLicense.HelpBuilder), on what Get-Help cannot
/// show: a page that breaks the schema fails the build with its line, code is never read as a
/// heading, parameter sets keep the SYNTAX section's order. (Get-Help showing every page's text is
/// tests/Pester/InedoLicense.Module.Tests.ps1.)
/// </summary>
public sealed class HelpBuilderTests
{
    private const string FrontMatter = "---\nexternal help file: Test.dll-Help.xml\nModule Name: Test\nonline version:\nschema: 2.0.0\n---\n";

    private static string Page(string body) => FrontMatter + "\n# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n\n" + body;

    [Fact]
    public void APageWithAnUnknownSectionFailsWithItsFileAndLine()
    {
        var problem = Assert.Throws<HelpPageException>(() => HelpPage.Parse(Page("## EXAMPLE\n\n### Example 1: One\n```powershell\nGet-Thing\n```\n"), "docs/Get-Thing.md"));

        Assert.Equal(13, problem.Line);
        Assert.StartsWith("docs/Get-Thing.md(13): error HELP001: unknown section '## EXAMPLE'", problem.ToString());
    }

    [Fact]
    public void AParameterWithoutItsYamlBlockFails()
    {
        var problem = Assert.Throws<HelpPageException>(() => HelpPage.Parse(Page("## PARAMETERS\n\n### -Name\nThe name.\n"), "p.md"));

        Assert.Contains("-Name has no ```yaml block", problem.Message);
    }

    [Fact]
    public void UnknownParameterMetadataFailsOnItsLine()
    {
        var problem = Assert.Throws<HelpPageException>(() => HelpPage.Parse(Page("## PARAMETERS\n\n### -Name\nThe name.\n\n```yaml\nType: String\nMandatory: True\n```\n"), "p.md"));

        Assert.Equal(20, problem.Line);
        Assert.Contains("Mandatory: True", problem.Message);
    }

    [Fact]
    public void PagesThatNameNoHelpFileAreNotCmdletPages() =>
        Assert.Null(HelpPage.Parse("# The key format\n\n## 1. Text form\n", "docs/key-format.md"));

    [Fact]
    public void AHashLineInsideCodeIsCodeNotAHeading()
    {
        var help = HelpPage.Parse(Page("## EXAMPLES\n\n### Example 1: Comments\n```powershell\n# a comment\n## another\nGet-Thing\n```\n\nIt gets it.\n\n## RELATED LINKS\n"), "p.md")!;

        var example = Assert.Single(help.Examples);
        Assert.Equal("# a comment\n## another\nGet-Thing", Assert.Single(example.Code));
        Assert.Equal(["It gets it."], example.Remarks);
    }

    [Fact]
    public void TextBecomesParagraphsWithListItemsOnTheirOwnAndLinksSpelledOut()
    {
        var help = HelpPage.Parse(Page("## DESCRIPTION\nOne paragraph\nwrapped here.\n\nA list:\n- first item\n  continued\n- second\n\nSee [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).\n"), "p.md")!;

        Assert.Equal(
            ["One paragraph wrapped here.", "A list:", "- first item continued", "- second", "See about_CommonParameters (http://go.microsoft.com/fwlink/?LinkID=113216)."],
            help.Description);
    }

    [Fact]
    public void SyntaxItemsFollowTheSyntaxSectionInItsOrder()
    {
        var help = HelpPage.Parse(Page("""
            ## SYNTAX

            ### ByName (Default)
            ```
            Get-Thing [-Name] <string> [-Force] [<CommonParameters>]
            ```

            ### ById
            ```
            Get-Thing -Id <int> [-Force] [<CommonParameters>]
            ```

            ## PARAMETERS

            ### -Force
            Forces it.

            ```yaml
            Type: SwitchParameter
            Parameter Sets: (All)
            ```

            ### -Id
            The id.

            ```yaml
            Type: Int32
            Parameter Sets: ById
            Required: True
            ```

            ### -Name
            The name.

            ```yaml
            Type: String
            Parameter Sets: ByName
            Aliases: N
            Accepted values: a, b
            Required: True
            Position: 0
            Accept pipeline input: True (ByValue)
            ```

            """.Replace("\r\n", "\n")), "p.md")!;
        var file = Path.Combine(Directory.CreateTempSubdirectory("inedolicense-maml-").FullName, "Test.dll-Help.xml");
        try
        {
            MamlWriter.Write([help], file);
            XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10", maml = "http://schemas.microsoft.com/maml/2004/10";
            var items = XDocument.Load(file).Descendants(command + "syntaxItem").ToList();

            Assert.Equal(["Name", "Force"], items[0].Elements(command + "parameter").Select(p => p.Element(maml + "name")!.Value));
            Assert.Equal(["Id", "Force"], items[1].Elements(command + "parameter").Select(p => p.Element(maml + "name")!.Value));
            var name = items[0].Elements(command + "parameter").First();
            Assert.Equal(("true", "0", "N", "True (ByValue)"), ((string)name.Attribute("required")!, (string)name.Attribute("position")!, (string)name.Attribute("aliases")!, (string)name.Attribute("pipelineInput")!));
            Assert.Equal(["a", "b"], name.Descendants(command + "parameterValueGroup").Elements().Select(v => v.Value));
            // A switch shows no value in the syntax, and defaults to False.
            var force = items[1].Elements(command + "parameter").Last();
            Assert.Null(force.Element(command + "parameterValue"));
            Assert.Equal("False", force.Element(XNamespace.Get("http://schemas.microsoft.com/maml/dev/2004/10") + "defaultValue")!.Value);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
