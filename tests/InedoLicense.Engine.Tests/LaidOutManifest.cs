using System.Collections;
using System.Management.Automation.Language;

namespace InedoLicense.Engine.Tests;

/// <summary>The laid-out module's manifest, read with the engine's parser (Import-PowerShellDataFile is not in the bare engine).</summary>
public static class LaidOutManifest
{
    public static Hashtable Read()
    {
        var ast = Parser.ParseFile(ModuleSession.ManifestPath, out _, out var errors);
        Assert.Empty(errors);
        return (Hashtable)ast.Find(node => node is HashtableAst, searchNestedScriptBlocks: false)!.SafeGetValue();
    }

    /// <summary>A list entry (a one-element @() reads back as a single value).</summary>
    public static List<string> Strings(this Hashtable manifest, string key) => manifest[key] switch
    {
        object[] many => many.Cast<string>().ToList(),
        string one => [one],
        var other => throw new Xunit.Sdk.XunitException($"{key} is {other?.GetType().Name ?? "missing"} in the manifest."),
    };
}
