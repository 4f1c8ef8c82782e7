using InedoLicense.Core.Tests.Vectors;

namespace InedoLicense.Engine.Tests.Security;

/// <summary>docs/design/test-vectors through Test-LicenseKey, each with the parameters its vector states.</summary>
public sealed class TestVectorEngineTests
{
    [Fact]
    public void EveryVectorGetsItsStatusThroughTestLicenseKey()
    {
        var folder = Path.Combine(ModuleSession.RepoRoot, "docs", "design", "test-vectors");
        var file = TestVectorFile.Load(folder);
        using var session = new ModuleSession(createAuthority: false);
        session.CreateEmptyStore(); // a store of its own, without revocations (verifying never creates one)
        var wrong = new List<string>();

        foreach (var vector in file.Vectors)
        {
            var results = session.Run("""
                param($Key, $Trust, $At, $Product, $Organization, $Mac, $List)
                $parameters = @{ Key = $Key; TrustBundle = $Trust; At = $At; StorePath = $StorePath }
                if ($Product) { $parameters.Product = $Product }
                if ($Organization) { $parameters.OrganizationId = $Organization }
                if ($Mac) { $parameters.MacId = $Mac }
                if ($List) { $parameters.RevocationList = $List }
                Test-LicenseKey @parameters
                """,
                vector.Key, Path.Combine(folder, file.TrustBundle), vector.Moment, vector.Product, vector.OrganizationId, vector.MacId,
                vector.RevocationList ? Path.Combine(folder, file.RevocationList) : null);
            var status = results.Single().Text("Status");
            if (status != vector.Expected) wrong.Add($"{vector.Name}: expected {vector.Expected}, got {status} ({results.Single().Text("Message")})");
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(file.Vectors.Count >= 60);
    }
}
