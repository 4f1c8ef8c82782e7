using System.Text.RegularExpressions;

namespace InedoLicense.Engine.Tests.Docs;

/// <summary>What a platyPS (schema 2.0.0) page says about a cmdlet: syntax lines, parameters, examples.</summary>
public sealed partial class CmdletHelpPage
{
    private CmdletHelpPage(string name, string text)
    {
        Name = name;
        Text = text;
        SyntaxLines = CodeBlocks(Section(text, "SYNTAX"), language: "").Select(Normalize).ToList();
        Examples = CodeBlocks(Section(text, "EXAMPLES"), language: "powershell").ToList();
        Parameters = ParameterHeading().Matches(Section(text, "PARAMETERS"))
            .ToDictionary(m => m.Groups[1].Value, m => ParseYamlBlocks(m.Groups[2].Value), StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }
    public string Text { get; }
    public IReadOnlyList<string> SyntaxLines { get; }
    public IReadOnlyList<string> Examples { get; }
    /// <summary>Parameter name → its yaml blocks (one per group of parameter sets).</summary>
    public IReadOnlyDictionary<string, List<Dictionary<string, string>>> Parameters { get; }

    public static string DocsFolder => Path.Combine(ModuleSession.RepoRoot, "docs");

    public static CmdletHelpPage? Load(string cmdlet)
    {
        var path = Path.Combine(DocsFolder, cmdlet + ".md");
        return File.Exists(path) ? new CmdletHelpPage(cmdlet, File.ReadAllText(path)) : null;
    }

    public static string Normalize(string line) => Whitespace().Replace(line.Trim(), " ");

    private static string Section(string text, string heading)
    {
        var match = Regex.Match(text, $@"^## {heading}\s*$(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        return match.Success ? match.Groups[1].Value : "";
    }

    private static IEnumerable<string> CodeBlocks(string markdown, string language) =>
        Regex.Matches(markdown, $@"^```{language}[ \t]*\r?\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value.TrimEnd());

    private static List<Dictionary<string, string>> ParseYamlBlocks(string body) =>
        CodeBlocks(body, "yaml").Select(block => block.Split('\n')
                .Select(line => line.Split(':', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase))
            .ToList();

    [GeneratedRegex(@"^### -(\w+)\s*$(.*?)(?=^### |^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ParameterHeading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
