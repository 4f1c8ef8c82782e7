using System.Runtime.Loader;
using InedoLicense.Store;
using InedoLicense.Verification;

namespace InedoLicense.Engine.Tests;

/// <summary>The in-process tests run the module the way pwsh loads it: Core and its dependencies in the module's own load context.</summary>
public sealed class ModuleLoadContextTests
{
    [Fact]
    public void CoreAndSqliteLoadInTheModulesOwnContextAndTheTestsShareThatCore()
    {
        using var session = new ModuleSession();
        var record = session.IssueKey().BaseObject;

        Assert.IsType<LicenseRecord>(record); // the cmdlet's Core and the tests' Core are one assembly
        var context = AssemblyLoadContext.GetLoadContext(typeof(LicenseRecord).Assembly)!;
        Assert.Equal("InedoLicense", context.Name);
        Assert.StartsWith(ModuleSession.ModuleFolder, typeof(LicenseRecord).Assembly.Location, StringComparison.Ordinal);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(typeof(LicenseVerifier).Assembly));
        // The store has been used, so Core's SQLite is loaded: from the module's dependencies, in the same context.
        var loaded = context.Assemblies.ToDictionary(a => a.GetName().Name!, a => a.Location);
        foreach (var dependency in (string[])["Microsoft.Data.Sqlite", "SQLitePCLRaw.core"])
            Assert.StartsWith(Path.Combine(ModuleSession.ModuleFolder, "dependencies"), loaded[dependency], StringComparison.Ordinal);
    }
}
