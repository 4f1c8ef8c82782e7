using System.Text.RegularExpressions;

namespace InedoLicense.Engine.Tests.Docs;

/// <summary>
/// Core and the verifier speak no PowerShell: no text in their sources names a cmdlet or a parameter. They refuse
/// with typed exceptions carrying data; the cmdlets word the message (Strings.resx) with the parameters to use.
/// </summary>
public sealed partial class CoreMessageTests
{
    // Text that old audit entries hold and the store still matches (IssuanceRules.LegacyForcedNote): data, not a message.
    private static readonly string[] Allowed = ["forced: -Force overrode the one-stopgap-per-term policy"];

    [Fact]
    public void NoCoreTextNamesACmdletOrAParameter()
    {
        var found = new List<string>();
        foreach (var project in new[] { "InedoLicense.Core", "InedoLicense.Verification" })
        {
            var root = Path.Combine(ModuleSession.RepoRoot, "src", project);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                    foreach (Match literal in StringLiteral().Matches(lines[i]))
                        if (PowerShellWords().IsMatch(literal.Value) && !Allowed.Any(a => literal.Value.Contains(a, StringComparison.Ordinal)))
                            found.Add($"{Path.GetRelativePath(ModuleSession.RepoRoot, file)}:{i + 1}: {literal.Value}");
                }
            }
        }
        Assert.True(found.Count == 0, "Core text that names a cmdlet or parameter:\n" + string.Join("\n", found));
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    // A cmdlet (Verb-Noun) or a parameter (-Name) in running text.
    [GeneratedRegex(@"\b(New|Set|Get|Test|Revoke|Import|Export|ConvertFrom|Remove|Add)-[A-Z][a-z]|(^|[\s(""'])-[A-Z][a-z]+")]
    private static partial Regex PowerShellWords();
}
