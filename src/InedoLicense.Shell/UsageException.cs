namespace InedoLicense.Shell;

/// <summary>The command line is wrong; the shell prints the message and exits with 64 (EX_USAGE).</summary>
internal sealed class UsageException(string message) : Exception(message)
{
    public const int ExitCode = 64;
}
