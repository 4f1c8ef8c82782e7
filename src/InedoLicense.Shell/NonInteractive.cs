using System.Management.Automation;

namespace InedoLicense.Shell;

/// <summary>The shell never prompts: every input a script needs must come in as a parameter.</summary>
internal static class NonInteractive
{
    public static PSNotSupportedException Exception(string what) =>
        new($"InedoLicense.Shell is non-interactive and does not support {what}; pass every value as a parameter.");
}
