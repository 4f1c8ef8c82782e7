using System.Text.RegularExpressions;

namespace InedoLicense.HelpBuilder;

/// <summary><c>## Text</c>: a heading of the given level.</summary>
public sealed record Heading(int Line, int Level, string Text) : MarkdownBlock(Line);
