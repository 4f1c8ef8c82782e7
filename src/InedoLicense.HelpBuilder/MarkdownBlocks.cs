using System.Text.RegularExpressions;

namespace InedoLicense.HelpBuilder;

/// <summary>A block of a markdown page, with the line it starts on (1-based).</summary>
public abstract record MarkdownBlock(int Line);

/// <summary><c>## Text</c>: a heading of the given level.</summary>
public sealed record Heading(int Line, int Level, string Text) : MarkdownBlock(Line);

/// <summary>A fenced code block: its info string (<c>powershell</c>, <c>yaml</c>, <c>csv name.csv</c>...) and its text.</summary>
public sealed record CodeBlock(int Line, string Info, string Text) : MarkdownBlock(Line)
{
    /// <summary>The first word of the info string, in lower case: the language.</summary>
    public string Language => Info.Split(' ', 2)[0].ToLowerInvariant();
}

/// <summary>Lines of text between blank lines, headings and fences: a paragraph or a list.</summary>
public sealed record TextBlock(int Line, IReadOnlyList<string> Lines) : MarkdownBlock(Line);

/// <summary>Splits markdown into headings, fenced code blocks and text blocks; fences are opaque (a <c>#</c> line in code is code).</summary>
public static partial class MarkdownBlocks
{
    public static List<MarkdownBlock> Parse(string markdown, string source)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<MarkdownBlock>();
        var text = new List<string>();
        var textStart = 0;

        void EndText()
        {
            if (text.Count > 0) blocks.Add(new TextBlock(textStart, text.ToList()));
            text.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var fence = Fence().Match(line);
            if (fence.Success)
            {
                EndText();
                var marker = fence.Groups[1].Value;
                var start = i + 1;
                var body = new List<string>();
                i++;
                while (i < lines.Length && !IsClosingFence(lines[i], marker)) body.Add(lines[i++]);
                if (i == lines.Length) throw new HelpPageException(source, start, $"the code block opened here ({marker}) is never closed");
                blocks.Add(new CodeBlock(start, fence.Groups[2].Value.Trim(), string.Join("\n", body)));
                continue;
            }
            var heading = HeadingLine().Match(line);
            if (heading.Success)
            {
                EndText();
                blocks.Add(new Heading(i + 1, heading.Groups[1].Length, heading.Groups[2].Value.Trim()));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                EndText();
                continue;
            }
            if (text.Count == 0) textStart = i + 1;
            text.Add(line.TrimEnd());
        }
        EndText();
        return blocks;
    }

    private static bool IsClosingFence(string line, string marker)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]);
    }

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})(.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex HeadingLine();
}
