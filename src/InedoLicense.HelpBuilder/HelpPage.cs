using System.Text.RegularExpressions;

namespace InedoLicense.HelpBuilder;

/// <summary>
/// Reads a platyPS page (schema 2.0.0): front matter, <c># Name</c>, then the <c>##</c> sections
/// SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and RELATED LINKS.
/// Anything else is an error naming the line, so a page that platyPS would refuse fails the build.
/// </summary>
public static partial class HelpPage
{
    public const string Schema = "2.0.0";

    private static readonly string[] KnownYamlKeys =
        ["Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters"];

    /// <summary>The page's help, or null when it is not a cmdlet page (no <c>external help file</c> in its front matter).</summary>
    public static CommandHelp? Parse(string markdown, string source)
    {
        var (frontMatter, body, bodyLine) = SplitFrontMatter(markdown, source);
        if (!frontMatter.TryGetValue("external help file", out var helpFile) || helpFile.Length == 0) return null;
        if (!frontMatter.TryGetValue("schema", out var schema) || schema != Schema)
            throw new HelpPageException(source, 1, $"the front matter must say 'schema: {Schema}' (platyPS markdown), not '{schema}'");

        var blocks = MarkdownBlocks.Parse(body, source).Select(b => Shift(b, bodyLine - 1)).ToList();
        if (blocks.Count == 0 || blocks[0] is not Heading { Level: 1 } title)
            throw new HelpPageException(source, blocks.Count > 0 ? blocks[0].Line : bodyLine, "a cmdlet page starts with '# <cmdlet name>'");

        var help = new CommandHelp
        {
            Name = title.Text,
            HelpFile = helpFile,
            Locale = frontMatter.TryGetValue("Locale", out var locale) && locale.Length > 0 ? locale : "en-US",
        };

        var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var i = 1;
        while (i < blocks.Count)
        {
            if (blocks[i] is not Heading { Level: 2 } section)
                throw new HelpPageException(source, blocks[i].Line, "expected a '## SECTION' heading");
            if (!sections.Add(section.Text))
                throw new HelpPageException(source, section.Line, $"a second '## {section.Text}' section");
            var end = blocks.FindIndex(i + 1, b => b is Heading { Level: <= 2 });
            if (end < 0) end = blocks.Count;
            if (blocks[end..].FirstOrDefault() is Heading { Level: 1 } another)
                throw new HelpPageException(source, another.Line, "one cmdlet per page: a second '# ' heading");
            var content = blocks[(i + 1)..end];
            switch (section.Text.ToUpperInvariant())
            {
                case "SYNOPSIS": help.Synopsis.AddRange(Text(content, source, section.Text)); break;
                case "DESCRIPTION": help.Description.AddRange(Text(content, source, section.Text)); break;
                case "NOTES": help.Notes.AddRange(Text(content, source, section.Text)); break;
                case "SYNTAX": ReadSyntax(help, content, source); break;
                case "EXAMPLES": ReadExamples(help, content, source); break;
                case "PARAMETERS": ReadParameters(help, content, source); break;
                case "INPUTS": help.Inputs.AddRange(ReadTypes(content, source, section.Text)); break;
                case "OUTPUTS": help.Outputs.AddRange(ReadTypes(content, source, section.Text)); break;
                case "RELATED LINKS": ReadLinks(help, content, source); break;
                default:
                    throw new HelpPageException(source, section.Line,
                        $"unknown section '## {section.Text}'; platyPS knows SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS");
            }
            i = end;
        }
        if (help.Synopsis.Count == 0) throw new HelpPageException(source, title.Line, $"{help.Name} has no '## SYNOPSIS' text");
        return help;
    }

    private static (Dictionary<string, string> FrontMatter, string Body, int BodyLine) SplitFrontMatter(string markdown, string source)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (lines.Length == 0 || lines[0].Trim() != "---") return (values, markdown, 1);
        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0) throw new HelpPageException(source, 1, "the front matter ('---') is never closed");
        for (var i = 1; i < close; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var parts = lines[i].Split(':', 2);
            if (parts.Length != 2) throw new HelpPageException(source, i + 1, "front matter lines are 'key: value'");
            values[parts[0].Trim()] = parts[1].Trim();
        }
        return (values, string.Join('\n', lines[(close + 1)..]), close + 2);
    }

    private static MarkdownBlock Shift(MarkdownBlock block, int lines) => block switch
    {
        Heading h => h with { Line = h.Line + lines },
        CodeBlock c => c with { Line = c.Line + lines },
        TextBlock t => t with { Line = t.Line + lines },
        _ => block,
    };

    private static IEnumerable<string> Text(IEnumerable<MarkdownBlock> content, string source, string section)
    {
        var paragraphs = new List<string>();
        foreach (var block in content)
        {
            if (block is Heading heading)
                throw new HelpPageException(source, heading.Line, $"'## {section}' holds text only, not headings");
            paragraphs.AddRange(Paragraphs.From(block));
        }
        return paragraphs;
    }

    private static void ReadSyntax(CommandHelp help, List<MarkdownBlock> content, string source)
    {
        string? setName = null;
        foreach (var block in content)
        {
            switch (block)
            {
                case Heading { Level: 3 } heading:
                    setName = DefaultSetSuffix().Replace(heading.Text, "");
                    break;
                case CodeBlock code:
                    var names = SyntaxParameter().Matches(code.Text).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    help.Syntax.Add((setName ?? ParameterMetadata.AllParameterSets, names));
                    setName = null;
                    break;
                default:
                    throw new HelpPageException(source, block.Line, "'## SYNTAX' holds '### <parameter set>' headings, each with its syntax in a code block");
            }
        }
    }

    private static void ReadExamples(CommandHelp help, List<MarkdownBlock> content, string source)
    {
        for (var i = 0; i < content.Count;)
        {
            if (content[i] is not Heading { Level: 3 } heading)
                throw new HelpPageException(source, content[i].Line, "each example starts with '### Example N: title'");
            var end = content.FindIndex(i + 1, b => b is Heading);
            if (end < 0) end = content.Count;
            var code = new List<string>();
            var remarks = new List<string>();
            foreach (var block in content[(i + 1)..end])
            {
                if (block is CodeBlock c) code.Add(c.Text);
                else remarks.AddRange(Paragraphs.From(block));
            }
            if (code.Count == 0) throw new HelpPageException(source, heading.Line, $"the example '{heading.Text}' has no code block");
            help.Examples.Add(new ExampleHelp(heading.Text, code, remarks));
            i = end;
        }
    }

    private static void ReadParameters(CommandHelp help, List<MarkdownBlock> content, string source)
    {
        for (var i = 0; i < content.Count;)
        {
            if (content[i] is not Heading { Level: 3 } heading)
                throw new HelpPageException(source, content[i].Line, "each parameter starts with '### -Name'");
            var end = content.FindIndex(i + 1, b => b is Heading);
            if (end < 0) end = content.Count;
            var body = content[(i + 1)..end];
            i = end;
            // Get-Help describes the common parameters itself.
            if (heading.Text.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase)) continue;
            if (!heading.Text.StartsWith('-') || heading.Text.Length < 2)
                throw new HelpPageException(source, heading.Line, $"a parameter heading is '### -Name', not '### {heading.Text}'");

            var parameter = new ParameterHelp { Name = heading.Text[1..] };
            foreach (var block in body)
            {
                if (block is CodeBlock { Language: "yaml" } yaml) parameter.Metadata.Add(ReadYaml(yaml, source));
                else if (block is CodeBlock other) throw new HelpPageException(source, other.Line, $"-{parameter.Name}: a parameter holds its text and ```yaml blocks, not ```{other.Info}");
                else if (parameter.Metadata.Count > 0) throw new HelpPageException(source, block.Line, $"-{parameter.Name}: the text goes before the ```yaml block");
                else parameter.Description.AddRange(Paragraphs.From(block));
            }
            if (parameter.Metadata.Count == 0) throw new HelpPageException(source, heading.Line, $"-{parameter.Name} has no ```yaml block (Type, Parameter Sets, Required, Position...)");
            help.Parameters.Add(parameter);
        }
    }

    private static ParameterMetadata ReadYaml(CodeBlock yaml, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = yaml.Text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            var parts = lines[n].Split(':', 2);
            var key = parts[0].Trim();
            if (parts.Length != 2 || !KnownYamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new HelpPageException(source, yaml.Line + n + 1, $"unknown parameter metadata '{lines[n].Trim()}'; platyPS knows {string.Join(", ", KnownYamlKeys)}");
            values[key] = parts[1].Trim();
        }

        string Value(string key, string fallback) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : fallback;
        static List<string> List(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

        var sets = List(Value("Parameter Sets", "(All)"))
            .Select(s => s.Equals("(All)", StringComparison.OrdinalIgnoreCase) ? ParameterMetadata.AllParameterSets : s).ToList();
        return new ParameterMetadata(
            Type: Value("Type", ""),
            ParameterSets: sets,
            Aliases: List(Value("Aliases", "")),
            AcceptedValues: List(Value("Accepted values", "")),
            Required: bool.TryParse(Value("Required", "false"), out var required) && required,
            Position: Value("Position", "Named"),
            DefaultValue: Value("Default value", "None"),
            PipelineInput: Value("Accept pipeline input", "False"),
            Globbing: bool.TryParse(Value("Accept wildcard characters", "false"), out var globbing) && globbing);
    }

    private static IEnumerable<TypeHelp> ReadTypes(List<MarkdownBlock> content, string source, string section)
    {
        for (var i = 0; i < content.Count;)
        {
            if (content[i] is not Heading { Level: 3 } heading)
                throw new HelpPageException(source, content[i].Line, $"'## {section}' holds '### <type name>' headings, each with its text");
            var end = content.FindIndex(i + 1, b => b is Heading);
            if (end < 0) end = content.Count;
            yield return new TypeHelp(heading.Text, content[(i + 1)..end].SelectMany(Paragraphs.From).ToList());
            i = end;
        }
    }

    private static void ReadLinks(CommandHelp help, List<MarkdownBlock> content, string source)
    {
        foreach (var block in content)
        {
            if (block is not TextBlock text)
                throw new HelpPageException(source, block.Line, "'## RELATED LINKS' holds links only: [text](uri)");
            for (var n = 0; n < text.Lines.Count; n++)
            {
                var line = text.Lines[n].Trim();
                var links = LinkLine().Matches(line);
                if (links.Count == 0 || LinkLine().Replace(line, "").Trim().Length > 0)
                    throw new HelpPageException(source, text.Line + n, $"'## RELATED LINKS' holds links only ([text](uri)), not '{line}'");
                foreach (Match link in links) help.Links.Add((link.Groups[1].Value, link.Groups[2].Value));
            }
        }
    }

    [GeneratedRegex(@"\s*\(Default\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultSetSuffix();

    [GeneratedRegex(@"(?<!\w)-(\w+)")]
    private static partial Regex SyntaxParameter();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]*)\)")]
    private static partial Regex LinkLine();
}
