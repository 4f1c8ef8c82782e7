using System.Text.RegularExpressions;

namespace InedoLicense.HelpBuilder;

/// <summary>
/// Markdown text as MAML paragraphs: a paragraph's lines are joined into one (Get-Help wraps it to the
/// console), each list item is a paragraph of its own, a code block keeps its lines. Inline markup is
/// kept as written, as platyPS keeps it, except links: <c>[text](url)</c> reads <c>text (url)</c>.
/// </summary>
public static partial class Paragraphs
{
    public static IEnumerable<string> From(MarkdownBlock block) => block switch
    {
        TextBlock text => FromText(text),
        CodeBlock code => [code.Text],
        _ => [],
    };

    private static IEnumerable<string> FromText(TextBlock block)
    {
        var current = new List<string>();
        foreach (var line in block.Lines)
        {
            if (ListItem().IsMatch(line) && current.Count > 0)
            {
                yield return Inline(string.Join(' ', current));
                current.Clear();
            }
            current.Add(line.Trim());
        }
        if (current.Count > 0) yield return Inline(string.Join(' ', current));
    }

    public static string Inline(string text) => Link().Replace(text, "$1 ($2)");

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
