using InedoLicense.Verification;

namespace InedoLicense.Core.Tests.Vectors;

/// <summary>docs/test-vectors through the verifier (the engine tests run them through Test-LicenseKey).</summary>
public sealed class TestVectorTests
{
    public static TheoryData<TestVector> Committed => [.. TestVectorFile.Load(TestVectorFile.Folder).Vectors];

    [Theory]
    [MemberData(nameof(Committed))]
    public void EveryCommittedVectorGetsItsStatus(TestVector vector)
    {
        var folder = TestVectorFile.Folder;
        using var trust = TrustBundle.Load(Path.Combine(folder, TestVectorFile.TrustFile));
        var verifier = new LicenseVerifier(trust);

        var result = verifier.Verify(vector.Key, Context(vector, trust, File.ReadAllBytes(Path.Combine(folder, TestVectorFile.RevocationListFile))));

        Assert.True(vector.ExpectedStatus == result.Status, $"{vector.Name}: expected {vector.Expected}, got {result.Status} ({result.Message})");
    }

    [Fact]
    public void TheCommittedVectorsCoverEveryStatusButVerificationFailedAndEveryKindAndAlgorithm()
    {
        var file = TestVectorFile.Load(TestVectorFile.Folder);
        var statuses = file.Vectors.Select(v => v.ExpectedStatus).ToHashSet();

        Assert.Equal(Enum.GetValues<LicenseStatus>().Where(s => s != LicenseStatus.VerificationFailed).Order(), statuses.Order());
        Assert.Equal(file.Vectors.Count, file.Vectors.Select(v => v.Name).Distinct().Count());
        Assert.Equal(300, file.ClockSkewSeconds);
        foreach (var name in (string[])["license-ecdsa", "license-rsa", "stopgap", "agent", "temporary-organization", "temporary-organization-rsa"])
            Assert.Contains(file.Vectors, v => v.Name == name && v.ExpectedStatus == LicenseStatus.Valid);
    }

    /// <summary>Generates a fresh set and checks it against its own expectations; writes it where INEDOLICENSE_WRITE_VECTORS says.</summary>
    [Fact]
    public void FreshlyGeneratedVectorsGetTheirStatus()
    {
        using var set = new TestVectorSet();
        using var trust = TrustBundle.FromPem(set.TrustPem);
        var verifier = new LicenseVerifier(trust);

        var wrong = set.Vectors
            .Select(v => (Vector: v, Result: verifier.Verify(v.Key, Context(v, trust, set.RevocationListDer))))
            .Where(r => r.Result.Status != r.Vector.ExpectedStatus)
            .Select(r => $"{r.Vector.Name}: expected {r.Vector.Expected}, got {r.Result.Status} ({r.Result.Message})")
            .ToList();
        Assert.Empty(wrong);

        if (Environment.GetEnvironmentVariable("INEDOLICENSE_WRITE_VECTORS") is { Length: > 0 } folder) set.Write(folder);
    }

    internal static VerificationContext Context(TestVector vector, TrustBundle trust, byte[] revocationList) => new()
    {
        At = vector.Moment,
        Product = vector.Product,
        OrganizationId = vector.OrganizationId,
        MacId = vector.MacId,
        Revocations = vector.RevocationList ? RevocationList.Verify(revocationList, trust, vector.Moment) : null,
    };
}
