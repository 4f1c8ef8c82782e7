using System.Management.Automation;
using System.Text.RegularExpressions;

namespace InedoLicense.Engine.Tests.Docs;

/// <summary>
/// Keeps the ERROR IDS section of about_InedoLicense in step with ErrorIds.cs: every constant is
/// documented, no documented id is stale, and each entry names every category the code raises it
/// with. ErrorIds is internal, so its constants are read from the source file.
/// </summary>
public sealed partial class ErrorIdDocumentationTests
{
    private const int MaxLineLength = 80;

    private static string AboutPath => Path.Combine(ModuleSession.RepoRoot, "module", "en-US", "about_InedoLicense.help.txt");
    private static string CmdletsSource => Path.Combine(ModuleSession.RepoRoot, "src", "InedoLicense.Cmdlets");
    private static string ErrorIdsPath => Path.Combine(CmdletsSource, "Infrastructure", "ErrorIds.cs");

    /// <summary>Constant name → ErrorId value.</summary>
    private static Dictionary<string, string> ErrorIdsInCode()
    {
        var ids = ErrorIdConstant().Matches(File.ReadAllText(ErrorIdsPath))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
        Assert.True(ids.Count >= 10, $"Only {ids.Count} ErrorIds constants were read from {ErrorIdsPath}; has its form changed?");
        return ids;
    }

    /// <summary>ErrorId → the text of its entry in the ERROR IDS section (the categories in parentheses, then what to do).</summary>
    private static Dictionary<string, (string Categories, string Body)> ErrorIdsInAbout()
    {
        var text = File.ReadAllText(AboutPath).Replace("\r\n", "\n");
        var section = Regex.Match(text, @"^ERROR IDS\n(?<body>.*?)(?=^[A-Z][A-Z ]+\n|\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, $"{AboutPath} has no ERROR IDS section.");
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match entry in AboutEntry().Matches(section.Groups["body"].Value))
        {
            var id = entry.Groups["id"].Value;
            Assert.True(entries.TryAdd(id, (Whitespace().Replace(entry.Groups["categories"].Value, " "), entry.Groups["body"].Value.Trim())),
                $"{id} is documented twice in about_InedoLicense.");
        }
        return entries;
    }

    [Fact]
    public void EveryErrorIdIsDocumented()
    {
        var documented = ErrorIdsInAbout();
        var missing = ErrorIdsInCode().Values.Where(id => !documented.ContainsKey(id)).Order().ToList();
        Assert.True(missing.Count == 0,
            $"about_InedoLicense (ERROR IDS) does not document: {string.Join(", ", missing)}. Add an entry 'Id (Category)' with what to do.");
    }

    [Fact]
    public void NoDocumentedErrorIdIsStale()
    {
        var inCode = ErrorIdsInCode().Values.ToHashSet(StringComparer.Ordinal);
        var stale = ErrorIdsInAbout().Keys.Where(id => !inCode.Contains(id)).Order().ToList();
        Assert.True(stale.Count == 0, $"about_InedoLicense documents ErrorIds that ErrorIds.cs no longer has: {string.Join(", ", stale)}.");
    }

    [Fact]
    public void EachEntryNamesItsCategoriesAndWhatToDo()
    {
        var problems = new List<string>();
        foreach (var (id, (categories, body)) in ErrorIdsInAbout())
        {
            var named = Word().Matches(categories).Select(m => m.Value).Where(w => Enum.TryParse<ErrorCategory>(w, out _)).ToList();
            if (named.Count == 0) problems.Add($"{id}: '({categories})' names no ErrorCategory");
            if (body.Length < 20) problems.Add($"{id}: the entry does not say what to do");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EachEntryNamesEveryCategoryTheCodeRaisesItWith()
    {
        var values = ErrorIdsInCode();
        var documented = ErrorIdsInAbout();
        var raised = Directory.EnumerateFiles(CmdletsSource, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => IdWithCategory().Matches(File.ReadAllText(f)))
            .SelectMany(m => m.Groups["name"].Captures.Select(c => (Id: values.GetValueOrDefault(c.Value, c.Value), Category: m.Groups["category"].Value)))
            .Distinct()
            .ToList();
        Assert.True(raised.Count >= 10, $"Only {raised.Count} (ErrorId, category) pairs were found in {CmdletsSource}; has the form of Errors.Record changed?");
        var problems = raised
            .Where(r => documented.TryGetValue(r.Id, out var entry) && !Word().Matches(entry.Categories).Any(w => w.Value == r.Category))
            .Select(r => $"{r.Id} is raised with {r.Category}, but its entry says ({documented[r.Id].Categories})")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void AboutLinesFitInEightyColumns()
    {
        var lines = File.ReadAllLines(AboutPath);
        var tooLong = lines.Select((line, index) => (line, number: index + 1)).Where(l => l.line.Length > MaxLineLength)
            .Select(l => $"line {l.number} ({l.line.Length} characters): {l.line}").ToList();
        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }

    [GeneratedRegex(@"public\s+const\s+string\s+(?<name>\w+)\s*=\s*""(?<value>[^""]+)""")]
    private static partial Regex ErrorIdConstant();

    // "    Id (Category, or Other)" at the section's indentation; the parentheses may wrap onto the next line.
    [GeneratedRegex(@"^    (?<id>[A-Z]\w+) \((?<categories>[^)]*)\)[^\n]*\n(?<body>(?:(?!    [A-Z]\w+ \()(?:[ \t]*\n|      .*\n))*)", RegexOptions.Multiline)]
    private static partial Regex AboutEntry();

    // Errors.Record/Wrap(ErrorIds.X, ErrorCategory.Y, ...), also (X ? ErrorIds.A : ErrorIds.B, ErrorCategory.Y) and tuples (ErrorIds.X, ErrorCategory.Y).
    [GeneratedRegex(@"ErrorIds\.(?<name>\w+)(?:\s*:\s*ErrorIds\.(?<name>\w+))?\s*,\s*ErrorCategory\.(?<category>\w+)")]
    private static partial Regex IdWithCategory();

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
