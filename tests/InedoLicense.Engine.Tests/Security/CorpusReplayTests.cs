using System.Globalization;
using InedoLicense.Core.Tests.Security;

namespace InedoLicense.Engine.Tests.Security;

/// <summary>tests/corpus/hostile-keys.txt through Test-LicenseKey -Path: each key gets the status its comment names.</summary>
public sealed class CorpusReplayTests
{
    [Fact]
    public void EveryCorpusKeyGetsItsExpectedStatus()
    {
        var corpus = Path.Combine(ModuleSession.RepoRoot, "tests", "corpus", HostileKeyCorpus.KeysFile);
        var trust = Path.Combine(ModuleSession.RepoRoot, "tests", "corpus", HostileKeyCorpus.TrustFile);
        var loaded = HostileKeyCorpus.Load(corpus);
        var expected = loaded.Entries.ToDictionary(e => e.Line);
        using var session = new ModuleSession(createAuthority: false);
        session.CreateEmptyStore(); // a store of its own, without revocations (verifying never creates one)

        // The corpus's agent keys are bound to 00-1A-2B-3C-4D-5E; without -MacId they would be compared with this machine's.
        var results = session.Run("Test-LicenseKey -Path $args[0] -TrustBundle $args[1] -At $args[2] -MacId 00-1A-2B-3C-4D-5E -StorePath $StorePath", corpus, trust, loaded.At);

        Assert.Equal(expected.Count, results.Count);
        var wrong = new List<string>();
        foreach (var result in results)
        {
            var source = (string)result.Properties["Source"].Value;
            var line = int.Parse(source[(source.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var entry = expected[line];
            var actual = result.Properties["Status"].Value.ToString();
            if (actual != entry.Expected.ToString()) wrong.Add($"line {line}, {entry.Name}: expected {entry.Expected}, got {actual} ({result.Properties["Message"].Value})");
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
