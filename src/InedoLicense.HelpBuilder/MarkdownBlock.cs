using System.Text.RegularExpressions;

namespace InedoLicense.HelpBuilder;

/// <summary>A block of a markdown page, with the line it starts on (1-based).</summary>
public abstract record MarkdownBlock(int Line);
