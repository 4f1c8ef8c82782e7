using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace InedoLicense.Shell;

/// <summary>The non-interactive host the engine talks to: names itself, renders through
/// <see cref="ShellHostUserInterface"/> and records the code of `exit N`.</summary>
internal sealed class ShellHost : PSHost
{
    private readonly ShellHostUserInterface _ui = new();

    // Captured once: the engine may run pipelines on other threads with other cultures.
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public override string Name => "InedoLicense.Shell";

    public override Version Version => PSVersionInfo.PSVersion;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override CultureInfo CurrentCulture => _culture;

    public override CultureInfo CurrentUICulture => _uiCulture;

    public override PSHostUserInterface UI => _ui;

    /// <summary>The N of the script's `exit N`, or null when the script did not call exit.</summary>
    public int? ExitCode { get; private set; }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() => throw NonInteractive.Exception("nested prompts");

    public override void ExitNestedPrompt() => throw NonInteractive.Exception("nested prompts");

    public override void NotifyBeginApplication()
    {
        // Nothing to hand over: native programs write straight to the inherited stdout/stderr.
    }

    public override void NotifyEndApplication()
    {
    }
}
