using InedoLicense.Shell;

// Entry point: parse pwsh's command line, open a session with the module (unless -NoModule), run the script, exit with its code.
try
{
    var commandLine = CommandLine.Parse(args);
    if (commandLine.ShowHelp)
    {
        Console.Out.WriteLine(CommandLine.HelpText);
        return 0;
    }

    string? scriptFile = null;
    if (commandLine.File is { } file)
    {
        scriptFile = Path.GetFullPath(file);
        if (!File.Exists(scriptFile))
            throw new UsageException($"The script file '{file}' does not exist.");
    }

    // Read stdin before the engine starts, so a script cannot compete with us for it.
    if (commandLine.ReadCommandFromStdin && !Console.IsInputRedirected)
        throw new UsageException("-Command - reads the script from standard input, but standard input is not redirected.");
    var commandText = commandLine.ReadCommandFromStdin ? Console.In.ReadToEnd() : commandLine.CommandText;

    using var session = ShellSession.Open(ModuleLocation.Resolve(commandLine.ModulePath), commandLine.ImportModule);
    if (session is null)
        return 1;

    return scriptFile is not null
        ? session.RunFile(scriptFile, commandLine.FileArguments)
        : session.RunCommand(commandText ?? "");
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("Run with -Help for usage.");
    return UsageException.ExitCode;
}
catch (Exception e)
{
    // Whatever escapes the engine is reported as a message, never as a stack dump.
    Console.Error.WriteLine($"InedoLicense.Shell: {e.Message}");
    return 1;
}
