using System.Management.Automation.Runspaces;
using System.Reflection;

namespace InedoLicense.Shell;

/// <summary>Lets `exit N` in a script file end the whole session, as pwsh -File does.</summary>
/// <remarks>Run as a command, a script file normally catches its own `exit` and only sets $LASTEXITCODE. pwsh -File
/// sets an engine switch so the exit reaches the host's SetShouldExit instead; the switch is internal, hence
/// reflection. The engine clears it when the next script starts.</remarks>
internal static class ScriptFileExit
{
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>False when this engine version has no such switch (the caller then falls back to $LASTEXITCODE).</summary>
    public static bool TryPassToHost(Runspace runspace) => TrySet(runspace, true);

    /// <summary>Clears the switch in case no script consumed it (say, the file failed to parse).</summary>
    public static void Reset(Runspace runspace) => TrySet(runspace, false);

    private static bool TrySet(Runspace runspace, bool value)
    {
        var context = runspace.GetType().GetProperty("ExecutionContext", AnyInstance)?.GetValue(runspace);
        var rethrowExit = context?.GetType().GetProperty("ScriptCommandProcessorShouldRethrowExit", AnyInstance);
        if (rethrowExit?.PropertyType != typeof(bool))
            return false;
        rethrowExit.SetValue(context, value);
        return true;
    }
}
