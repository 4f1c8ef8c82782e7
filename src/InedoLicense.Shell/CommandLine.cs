using System.Management.Automation.Runspaces;

namespace InedoLicense.Shell;

/// <summary>The parsed command line: a subset of pwsh's, with the same spelling and meaning.</summary>
internal sealed class CommandLine
{
    public const string HelpText =
        """
        Usage: InedoLicense.Shell [-NoProfile] [-ModulePath <folder>] [-NoModule] -File <path> [args...]
               InedoLicense.Shell [-NoProfile] [-ModulePath <folder>] [-NoModule] -Command <text>|-
               InedoLicense.Shell -Help

        Runs PowerShell with the InedoLicense module imported, like pwsh does.

          -File, -f <path> [args...]  Runs a script file. The remaining arguments go to the script:
                                      "-Name value" and "-Name:value" bind named parameters, the
                                      rest bind by position. A bare first argument is taken as -File.
          -Command, -c <text>|-       Runs the text (all remaining arguments, joined by spaces) as a
                                      script; "-" reads the script from standard input.
          -ModulePath <folder>        The folder holding InedoLicense.psd1 (default: the folder this
                                      build laid out; the INEDOLICENSE_MODULE_PATH variable overrides it).
          -NoModule                   Does not import the module at start. Its folder is still on
                                      PSModulePath, so `Import-Module InedoLicense` imports it when the
                                      script is ready (e.g. after loading other assemblies first).
          -NoProfile, -NonInteractive, -NoLogo
                                      Accepted for pwsh compatibility; this host never loads profiles
                                      and never prompts.
          -Help, -h, -?               Shows this text.

        Output, warnings, verbose and debug messages go to stdout, errors to stderr. Exit code: the N
        of `exit N`; 1 when the script ends on a terminating error, or (-Command only) when its last
        statement failed; 0 otherwise; 64 for bad usage.
        """;

    public string? CommandText { get; private set; }
    public bool ReadCommandFromStdin { get; private set; }
    public string? File { get; private set; }
    public List<CommandParameter> FileArguments { get; } = [];
    public string? ModulePath { get; private set; }
    public bool ImportModule { get; private set; } = true;
    public bool ShowHelp { get; private set; }

    /// <exception cref="UsageException">The arguments are not a valid command line.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsSwitch(arg))
            {
                // pwsh treats a bare first argument as the script file.
                result.SetFile(args, i);
                return result;
            }

            switch (SwitchName(arg).ToLowerInvariant())
            {
                case "file" or "f":
                    result.SetFile(args, i + 1);
                    return result;
                case "command" or "c":
                    result.SetCommand(args, i + 1);
                    return result;
                case "modulepath":
                    result.ModulePath = ValueAfter(args, ref i);
                    break;
                case "nomodule":
                    result.ImportModule = false;
                    break;
                case "noprofile" or "nop" or "noninteractive" or "noni" or "nologo":
                    break;
                case "help" or "h" or "?":
                    result.ShowHelp = true;
                    break;
                default:
                    throw new UsageException($"Unknown parameter '{arg}'.");
            }
        }

        if (!result.ShowHelp)
            throw new UsageException("Specify -File <path> or -Command <text>.");
        return result;
    }

    private void SetFile(IReadOnlyList<string> args, int index)
    {
        if (index >= args.Count || string.IsNullOrEmpty(args[index]))
            throw new UsageException("-File needs the path of a script file.");
        File = args[index];
        AddScriptArguments(args, index + 1);
    }

    private void SetCommand(IReadOnlyList<string> args, int index)
    {
        if (index >= args.Count)
            throw new UsageException("-Command needs the script text, or - to read it from standard input.");
        if (args[index] == "-")
        {
            if (index != args.Count - 1)
                throw new UsageException("-Command - must be the last argument.");
            ReadCommandFromStdin = true;
            return;
        }

        CommandText = string.Join(' ', args.Skip(index));
    }

    /// <summary>Turns the script's arguments into parameters the way pwsh -File does.</summary>
    private void AddScriptArguments(IReadOnlyList<string> args, int index)
    {
        string? pendingName = null;
        for (var i = index; i < args.Count; i++)
        {
            var arg = args[i];
            if (pendingName is not null)
            {
                FileArguments.Add(new CommandParameter(pendingName, arg));
                pendingName = null;
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                var colon = arg.IndexOf(':');
                if (colon == arg.Length - 1)
                    pendingName = arg[1..colon];                   // "-Name: value"
                else if (colon > 0)
                    FileArguments.Add(new CommandParameter(arg[1..colon], ConvertToBoolIfPossible(arg[(colon + 1)..])));
                else
                    FileArguments.Add(new CommandParameter(arg)); // the binder pairs "-Name value" itself, or it is a switch
            }
            else
            {
                FileArguments.Add(new CommandParameter(null, arg));
            }
        }

        if (pendingName is not null)
            throw new UsageException($"Parameter '-{pendingName}:' needs a value.");
    }

    // Like pwsh, "-Switch:$false" must reach the script as a bool, not as the string "$false".
    private static object ConvertToBoolIfPossible(string value) =>
        value.Length > 0 && bool.TryParse(value.AsSpan(value[0] == '$' ? 1 : 0), out var flag) ? flag : value;

    private static string ValueAfter(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || IsSwitch(args[i + 1]))
            throw new UsageException($"{args[i]} needs a value.");
        return args[++i];
    }

    private static bool IsSwitch(string arg) =>
        arg.Length > 1 && (arg[0] == '-' || (OperatingSystem.IsWindows() && arg[0] == '/'));

    private static string SwitchName(string arg) => arg.TrimStart('-', '/');
}
