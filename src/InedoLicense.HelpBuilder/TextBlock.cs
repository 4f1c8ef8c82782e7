using System.Text.RegularExpressions;

namespace InedoLicense.HelpBuilder;

/// <summary>Lines of text between blank lines, headings and fences: a paragraph or a list.</summary>
public sealed record TextBlock(int Line, IReadOnlyList<string> Lines) : MarkdownBlock(Line);
