using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using InedoLicense.KeyFormat;
using InedoLicense.Verification;
using Xunit.Abstractions;

namespace InedoLicense.Core.Tests.Security;

/// <summary>
/// Mutates every key of the committed corpus many times over with a fixed seed (override it with
/// INEDOLICENSE_FUZZ_SEED) and verifies each mutant: the verifier must never throw, must give a
/// defined status with a message, and may say Valid only for a key whose signed parts (content,
/// signer identifier, signature) are those of a corpus key that is itself Valid — the untouched key.
/// </summary>
public sealed class KeyFuzzTests(ITestOutputHelper output)
{
    public const int DefaultSeed = 20260523;
    public const int MutantCount = 120_000;

    private sealed record Seed(HostileKeyCorpus.Entry Entry, byte[]? Der);

    [Fact]
    public void MutatedKeysNeverThrowNeverPassAndAllGetAStatus()
    {
        var seed = Environment.GetEnvironmentVariable("INEDOLICENSE_FUZZ_SEED") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;
        output.WriteLine($"Fuzz seed: {seed} (set INEDOLICENSE_FUZZ_SEED to replay another)");

        var corpus = HostileKeyCorpus.Load(Path.Combine(HostileKeyCorpus.Folder, HostileKeyCorpus.KeysFile));
        using var trust = TrustBundle.Load(Path.Combine(HostileKeyCorpus.Folder, HostileKeyCorpus.TrustFile));
        var verifier = new LicenseVerifier(trust);
        var context = new VerificationContext { At = corpus.At };
        var seeds = corpus.Entries.Select(e => new Seed(e, TryDecode(e.Key))).ToArray();
        var validSeeds = seeds.Where(s => s.Entry.Expected == LicenseStatus.Valid && s.Der is not null).ToArray();
        var untouched = validSeeds.Select(s => SignedParts(s.Der!)!).ToHashSet(StringComparer.Ordinal);

        var statuses = new ConcurrentDictionary<LicenseStatus, int>();
        var perMutator = new int[KeyMutator.Names.Length];
        var acceptedPerMutator = new int[KeyMutator.Names.Length];
        var failures = new ConcurrentQueue<string>();
        long sameAsUntouched = 0, falseAccepts = 0, exceptions = 0;
        var watch = Stopwatch.StartNew();

        Parallel.For(0, MutantCount, i =>
        {
            var random = new Random(unchecked(seed * 1_000_003 + i));
            // Valid keys are mutated more often: they are the ones a mutant could wrongly pass as.
            var source = random.Next(2) == 0 ? validSeeds[random.Next(validSeeds.Length)] : seeds[random.Next(seeds.Length)];
            var other = seeds[random.Next(seeds.Length)];
            var mutator = random.Next(KeyMutator.Names.Length);
            Interlocked.Increment(ref perMutator[mutator]);
            var mutant = KeyMutator.Mutate(mutator, source.Entry.Key, source.Der, other.Der, random);

            LicenseVerification result;
            try
            {
                result = verifier.Verify(mutant, context);
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref exceptions);
                failures.Enqueue($"#{i} {KeyMutator.Names[mutator]} of {source.Entry.Name} threw {e.GetType().Name}: {e.Message}");
                return;
            }
            statuses.AddOrUpdate(result.Status, 1, (_, n) => n + 1);
            if (!Enum.IsDefined(result.Status) || string.IsNullOrWhiteSpace(result.Message))
                failures.Enqueue($"#{i} {KeyMutator.Names[mutator]} of {source.Entry.Name}: status {(int)result.Status} with message '{result.Message}'");
            if (!result.IsValid) return;
            if (TryDecode(mutant) is { } der && SignedParts(der) is { } parts && untouched.Contains(parts))
            {
                Interlocked.Increment(ref sameAsUntouched);
                Interlocked.Increment(ref acceptedPerMutator[mutator]);
            }
            else
            {
                Interlocked.Increment(ref falseAccepts);
                failures.Enqueue($"#{i} {KeyMutator.Names[mutator]} of {source.Entry.Name} was accepted: {mutant}");
            }
        });

        output.WriteLine($"Corpus: {seeds.Length} keys ({validSeeds.Length} valid) at {corpus.At:u}; mutants: {MutantCount:N0} in {watch.Elapsed.TotalSeconds:N1} s");
        for (var m = 0; m < perMutator.Length; m++)
            output.WriteLine($"  {KeyMutator.Names[m],-18} {perMutator[m],7:N0} mutants, {acceptedPerMutator[m],5:N0} still the untouched key");
        foreach (var (status, count) in statuses.OrderBy(s => s.Key)) output.WriteLine($"  status {status,-26} {count,7:N0}");
        output.WriteLine($"Valid with untouched signed parts: {sameAsUntouched:N0}; false accepts: {falseAccepts:N0}; exceptions: {exceptions:N0}");

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.Equal(0, falseAccepts);
        Assert.Equal(0, exceptions);
        Assert.Equal(MutantCount, statuses.Values.Sum());
    }

    private static byte[]? TryDecode(string text)
    {
        try { return KeyText.Decode(text); }
        catch (LicenseKeyFormatException) { return null; }
    }

    // What the signature covers and names; embedded certificates are outside it by design of CMS.
    private static string? SignedParts(byte[] der)
    {
        try
        {
            var key = SignedDataCodec.Read(der);
            return $"{Convert.ToHexString(key.Content.Span)}|{key.SubjectKeyIdHex}|{key.SignatureAlgorithm}|{Convert.ToHexString(key.Signature.Span)}";
        }
        catch (LicenseKeyFormatException)
        {
            return null;
        }
    }
}
