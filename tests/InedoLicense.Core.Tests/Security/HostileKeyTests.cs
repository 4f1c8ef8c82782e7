using InedoLicense.Issuance;
using InedoLicense.Verification;
using Xunit.Abstractions;

namespace InedoLicense.Core.Tests.Security;

public sealed class HostileKeyTests(ITestOutputHelper output)
{
    public const string WriteCorpusVariable = "INEDOLICENSE_WRITE_CORPUS";

    [Fact]
    public void StructuredHostileKeysGetTheirStatus()
    {
        using var cases = new HostileKeyCases(KeyIssuer.Now());
        using var trust = cases.LoadTrust();
        var verifier = new LicenseVerifier(trust);
        var context = new VerificationContext { At = cases.At };

        var wrong = cases.Cases
            .Select(c => (Case: c, Result: verifier.Verify(c.Text, context)))
            .Where(r => r.Result.Status != r.Case.Expected)
            .Select(r => $"{r.Case.Name}: expected {r.Case.Expected}, got {r.Result.Status} ({r.Result.Message})")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(cases.Cases.Count >= 50, $"only {cases.Cases.Count} cases");

        if (Environment.GetEnvironmentVariable(WriteCorpusVariable) is { Length: > 0 } folder)
        {
            HostileKeyCorpus.Write(folder, cases);
            output.WriteLine($"Wrote {cases.Cases.Count} cases to {folder}.");
        }
    }

    [Fact]
    public void CorpusReplaysThroughTheVerifier()
    {
        var corpus = HostileKeyCorpus.Load(Path.Combine(HostileKeyCorpus.Folder, HostileKeyCorpus.KeysFile));
        using var trust = TrustBundle.Load(Path.Combine(HostileKeyCorpus.Folder, HostileKeyCorpus.TrustFile));
        var verifier = new LicenseVerifier(trust);
        var context = new VerificationContext { At = corpus.At };

        Assert.True(corpus.Entries.Count >= 50, $"only {corpus.Entries.Count} cases in the corpus");
        foreach (var entry in corpus.Entries)
        {
            var result = verifier.Verify(entry.Key, context);
            Assert.True(entry.Expected == result.Status, $"line {entry.Line}, {entry.Name}: expected {entry.Expected}, got {result.Status} ({result.Message})");
        }
        // Every status a key can earn without a store or a -Product/-OrganizationId/-MacId context is represented.
        var statuses = corpus.Entries.Select(e => e.Expected).ToHashSet();
        foreach (var status in new[] { LicenseStatus.Valid, LicenseStatus.Malformed, LicenseStatus.UnsupportedVersion, LicenseStatus.BadSignature,
                     LicenseStatus.UntrustedIssuer, LicenseStatus.IssuerNotAuthorizedForKind, LicenseStatus.NotYetValid, LicenseStatus.Expired })
            Assert.Contains(status, statuses);
    }
}
