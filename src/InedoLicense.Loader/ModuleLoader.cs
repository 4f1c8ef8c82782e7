using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace InedoLicense.Loader;

/// <summary>
/// On Import-Module (as the manifest's first nested module, so before the cmdlets assembly is
/// inspected), routes InedoLicense.Core and InedoLicense.Verification (the verifier Core builds
/// on, which the cmdlets also use) into the module's own load context, so that their dependencies
/// never clash with another module's (the PowerShell docs' pattern for module dependency
/// conflicts). Where they are already loadable (tests that reference them) the default context
/// finds them first and this resolver is never asked.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer
{
    private static readonly string[] OwnAssemblyNames = ["InedoLicense.Core", "InedoLicense.Verification"];
    private static readonly object Gate = new();
    private static DependencyLoadContext? _context;

    public void OnImport()
    {
        var folder = Path.Combine(Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location)!, "dependencies");
        if (!Directory.Exists(folder)) return;
        lock (Gate)
        {
            if (_context is not null) return; // re-import in the same process
            _context = new DependencyLoadContext(folder);
            AssemblyLoadContext.Default.Resolving += ResolveOwnAssembly;
        }
    }

    private static Assembly? ResolveOwnAssembly(AssemblyLoadContext defaultContext, AssemblyName name) =>
        OwnAssemblyNames.Contains(name.Name, StringComparer.Ordinal) ? _context?.LoadFromAssemblyName(name) : null;
}
