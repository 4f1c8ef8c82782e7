using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("InedoLicense.Engine.Tests.ModuleLoadContextFramework", "InedoLicense.Engine.Tests")]

namespace InedoLicense.Engine.Tests;

/// <summary>
/// These tests compile against InedoLicense.Core but do not ship it (the project reference is Private="false").
/// xunit builds its test framework before it looks at a single test type, so this one first imports the laid-out
/// module: its loader then routes Core, and with it Microsoft.Data.Sqlite and native SQLite, into the module's own
/// "InedoLicense" load context. Tests and cmdlets share the one Core that users get (ModuleLoadContextTests).
/// </summary>
public sealed class ModuleLoadContextFramework : XunitTestFramework
{
    public ModuleLoadContextFramework(IMessageSink messageSink) : base(messageSink)
    {
        using var shell = PowerShell.Create(InitialSessionState.CreateDefault2());
        shell.AddCommand("Import-Module").AddParameter("Name", ModuleSession.ManifestPath).AddParameter("ErrorAction", "Stop").Invoke();
    }
}
