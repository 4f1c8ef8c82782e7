using System.Text.RegularExpressions;

namespace InedoLicense.HelpBuilder;

/// <summary>A fenced code block: its info string (<c>powershell</c>, <c>yaml</c>, <c>csv name.csv</c>...) and its text.</summary>
public sealed record CodeBlock(int Line, string Info, string Text) : MarkdownBlock(Line)
{
    /// <summary>The first word of the info string, in lower case: the language.</summary>
    public string Language => Info.Split(' ', 2)[0].ToLowerInvariant();
}
