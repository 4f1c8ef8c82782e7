using System.Globalization;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Security;

/// <summary>
/// tests/corpus/hostile-keys.txt: one key a line, each after a "# case: NAME; expected: STATUS"
/// comment, evaluated at the "# at:" moment against tests/corpus/trust.pem. The same file replays
/// through Test-LicenseKey -Path (comment lines are skipped there). The engine tests compile this
/// file too (linked), so both read the corpus one way.
/// </summary>
public sealed partial record HostileKeyCorpus(DateTimeOffset At, IReadOnlyList<HostileKeyCorpus.Entry> Entries)
{
    public const string KeysFile = "hostile-keys.txt";
    public const string TrustFile = "trust.pem";

    public sealed record Entry(int Line, string Name, LicenseStatus Expected, string Key);

    public static HostileKeyCorpus Load(string path)
    {
        DateTimeOffset? at = null;
        (string Name, LicenseStatus Expected)? pending = null;
        var entries = new List<Entry>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("# at:", StringComparison.Ordinal))
                at = DateTimeOffset.Parse(line[5..].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            else if (line.StartsWith("# case:", StringComparison.Ordinal))
            {
                var parts = line[7..].Split("; expected:", StringSplitOptions.TrimEntries);
                pending = (parts[0], Enum.Parse<LicenseStatus>(parts[1]));
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                if (pending is not { } meta) throw new FormatException($"{path}:{i + 1}: a key without a '# case:' comment before it.");
                entries.Add(new Entry(i + 1, meta.Name, meta.Expected, line));
                pending = null;
            }
        }
        return new HostileKeyCorpus(at ?? throw new FormatException($"{path} has no '# at:' line."), entries);
    }

    /// <summary>The committed corpus, copied beside the test assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "corpus");
}
