using System.Reflection;

namespace InedoLicense.Shell;

/// <summary>Where the laid-out InedoLicense module lives: a folder InedoLicense/&lt;version&gt;/ holding the manifest.</summary>
internal sealed class ModuleLocation
{
    public const string EnvironmentVariable = "INEDOLICENSE_MODULE_PATH";
    private const string MetadataKey = "InedoLicenseModuleLayoutDir";
    private const string ManifestName = "InedoLicense.psd1";

    private ModuleLocation(string folder)
    {
        Folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
    }

    /// <summary>The version folder, e.g. &lt;repo&gt;/out/InedoLicense/0.1.0.</summary>
    public string Folder { get; }

    public string ManifestPath => Path.Combine(Folder, ManifestName);

    /// <summary>The folder to put on PSModulePath so `Import-Module InedoLicense` finds the module by name
    /// (the module search expects &lt;root&gt;/InedoLicense/&lt;version&gt;/).</summary>
    public string? ModulePathRoot => Path.GetDirectoryName(Path.GetDirectoryName(Folder));

    /// <summary>The -ModulePath argument wins, then the environment variable, then the folder baked in at build time.</summary>
    public static ModuleLocation Resolve(string? commandLineOverride)
    {
        var folder = FirstNonEmpty(commandLineOverride, Environment.GetEnvironmentVariable(EnvironmentVariable), BuiltInFolder());
        return new ModuleLocation(folder ?? AppContext.BaseDirectory);
    }

    private static string? BuiltInFolder() =>
        typeof(ModuleLocation).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataKey)?.Value;

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
