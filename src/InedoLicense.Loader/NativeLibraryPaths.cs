using System.Runtime.InteropServices;

namespace InedoLicense.Loader;

/// <summary>
/// Where the module keeps native e_sqlite3 for a platform. PowerShell does not probe
/// runtimes/&lt;rid&gt;/native for a module, so the module's load context asks this.
/// </summary>
public static class NativeLibraryPaths
{
    /// <summary>The platforms the module ships native SQLite for: $(SupportedNativeRids) of Directory.Build.props, stamped into this assembly.</summary>
    public static readonly IReadOnlyList<string> SupportedRids =
        typeof(NativeLibraryPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "SupportedNativeRids").Value!.Split(',');

    /// <summary>The RID of the running process, e.g. linux-musl-x64 on Alpine.</summary>
    public static string CurrentRid() => RuntimeInformation.RuntimeIdentifier;

    /// <summary>The file, relative to the dependencies folder, for a native library on a RID; null when the RID is not shipped.</summary>
    public static string? RelativePath(string rid, string libraryName)
    {
        var shipped = SupportedRids.Contains(rid) ? rid : Fallback(rid);
        if (shipped is null) return null;
        var fileName = shipped.StartsWith("win-", StringComparison.Ordinal) ? libraryName + ".dll"
            : shipped.StartsWith("osx-", StringComparison.Ordinal) ? "lib" + libraryName + ".dylib"
            : "lib" + libraryName + ".so";
        return Path.Combine("runtimes", shipped, "native", fileName);
    }

    // Unix RIDs that are not Linux: a Linux build would not load there, so they get the "not shipped" message instead.
    private static readonly string[] OtherUnixes =
        ["freebsd", "netbsd", "openbsd", "illumos", "solaris", "android", "linux-bionic", "ios", "tvos", "browser", "wasi", "haiku"];

    // Distro-specific RIDs (e.g. ubuntu.24.04-x64 from older runtimes) map to the portable ones.
    private static string? Fallback(string rid)
    {
        if (OtherUnixes.Any(os => rid.StartsWith(os, StringComparison.Ordinal))) return null;
        var architecture = rid[(rid.LastIndexOf('-') + 1)..];
        var os = rid.StartsWith("win", StringComparison.Ordinal) ? "win"
            : rid.StartsWith("osx", StringComparison.Ordinal) || rid.StartsWith("mac", StringComparison.Ordinal) ? "osx"
            : rid.Contains("musl", StringComparison.Ordinal) || rid.StartsWith("alpine", StringComparison.Ordinal) ? "linux-musl"
            : "linux";
        var candidate = $"{os}-{architecture}";
        return SupportedRids.Contains(candidate) ? candidate : null;
    }
}
