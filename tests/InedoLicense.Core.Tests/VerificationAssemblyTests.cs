using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

/// <summary>The verifier products embed stands alone: Core builds on it, never the other way round.</summary>
public sealed class VerificationAssemblyTests
{
    [Fact]
    public void TheVerifierReferencesNoSqliteNoPowerShellAndNotCore()
    {
        var references = typeof(LicenseVerifier).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.Contains("System.Formats.Asn1", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
            || name.StartsWith("SQLitePCLRaw", StringComparison.Ordinal)
            || name.StartsWith("System.Management.Automation", StringComparison.Ordinal)
            || name == "InedoLicense.Core");
    }

    [Fact]
    public void CoreBuildsOnTheVerifier() =>
        Assert.Contains(typeof(Signing.LicenseSigner).Assembly.GetReferencedAssemblies(), name => name.Name == "InedoLicense.Verification");
}
