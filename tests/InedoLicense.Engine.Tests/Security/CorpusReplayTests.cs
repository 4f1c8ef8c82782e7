using System.Globalization;

namespace InedoLicense.Engine.Tests.Security;

/// <summary>tests/corpus/hostile-keys.txt through Test-LicenseKey -Path: each key gets the status its comment names.</summary>
public sealed class CorpusReplayTests
{
    [Fact]
    public void EveryCorpusKeyGetsItsExpectedStatus()
    {
        var corpus = Path.Combine(ModuleSession.RepoRoot, "tests", "corpus", "hostile-keys.txt");
        var trust = Path.Combine(ModuleSession.RepoRoot, "tests", "corpus", "trust.pem");
        var (at, expected) = Read(corpus);
        using var session = new ModuleSession(createAuthority: false);

        // The corpus's agent keys are bound to 00-1A-2B-3C-4D-5E; without -MacId they would be compared with this machine's.
        var results = session.Run("Test-LicenseKey -Path $args[0] -TrustBundle $args[1] -At $args[2] -MacId 00-1A-2B-3C-4D-5E -StorePath $StorePath", corpus, trust, at);

        Assert.Equal(expected.Count, results.Count);
        var wrong = new List<string>();
        foreach (var result in results)
        {
            var source = (string)result.Properties["Source"].Value;
            var line = int.Parse(source[(source.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var (name, status) = expected[line];
            var actual = result.Properties["Status"].Value.ToString();
            if (actual != status) wrong.Add($"line {line}, {name}: expected {status}, got {actual} ({result.Properties["Message"].Value})");
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    // "# at: <moment>", then "# case: NAME; expected: STATUS" before each key line.
    private static (DateTimeOffset At, Dictionary<int, (string Name, string Status)> Expected) Read(string path)
    {
        DateTimeOffset? at = null;
        (string, string)? pending = null;
        var expected = new Dictionary<int, (string, string)>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("# at:", StringComparison.Ordinal))
                at = DateTimeOffset.Parse(line[5..].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            else if (line.StartsWith("# case:", StringComparison.Ordinal))
            {
                var parts = line[7..].Split("; expected:", StringSplitOptions.TrimEntries);
                pending = (parts[0], parts[1]);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                expected[i + 1] = pending ?? throw new FormatException($"{path}:{i + 1} has no '# case:' comment");
                pending = null;
            }
        }
        return (at ?? throw new FormatException($"{path} has no '# at:' line"), expected);
    }
}
