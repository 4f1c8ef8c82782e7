using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace InedoLicense.Loader;

/// <summary>
/// On Import-Module (as the manifest's first nested module, so before the cmdlets assembly is
/// inspected), routes InedoLicense.Core into the module's own load context, so that its
/// dependencies never clash with another module's (the PowerShell docs' pattern for module
/// dependency conflicts). Where Core is already loadable (tests that reference it) the default
/// context finds it first and this resolver is never asked.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer
{
    private const string CoreAssemblyName = "InedoLicense.Core";
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
            AssemblyLoadContext.Default.Resolving += ResolveCore;
        }
    }

    private static Assembly? ResolveCore(AssemblyLoadContext defaultContext, AssemblyName name) =>
        name.Name == CoreAssemblyName ? _context?.LoadFromAssemblyName(name) : null;
}
