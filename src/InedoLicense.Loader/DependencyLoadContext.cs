using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace InedoLicense.Loader;

/// <summary>
/// Loads the module's private dependencies (Core, Verification, Microsoft.Data.Sqlite, SQLitePCLRaw, Npgsql) from
/// dependencies/, apart from whatever versions other modules loaded, and its native SQLite.
/// Anything not in that folder (the BCL, Pkcs, the engine) comes from the default context.
/// </summary>
internal sealed class DependencyLoadContext(string dependencyFolder) : AssemblyLoadContext("InedoLicense")
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(dependencyFolder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var relative = NativeLibraryPaths.RelativePath(NativeLibraryPaths.CurrentRid(), unmanagedDllName);
        var path = relative is null ? null : Path.Combine(dependencyFolder, relative);
        if (path is null || !File.Exists(path))
            throw new DllNotFoundException(
                $"InedoLicense ships no {unmanagedDllName} for {NativeLibraryPaths.CurrentRid()}; supported: {string.Join(", ", NativeLibraryPaths.SupportedRids)}.");
        return LoadUnmanagedDllFromPath(path);
    }
}
