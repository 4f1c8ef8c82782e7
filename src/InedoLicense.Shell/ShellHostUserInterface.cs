using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace InedoLicense.Shell;

/// <summary>Writes what the engine renders: output, verbose, debug and warning lines to stdout
/// (as pwsh does), errors to stderr. Never reads input.</summary>
internal sealed class ShellHostUserInterface : PSHostUserInterface
{
    private static readonly ConsoleStream StandardOutput = ConsoleStream.StandardOutput;
    private static readonly ConsoleStream StandardError = ConsoleStream.StandardError;

    private readonly ShellRawUserInterface _rawUI = new();
    private bool _outputToError;

    public override PSHostRawUserInterface RawUI => _rawUI;

    private ConsoleStream Output => _outputToError ? StandardError : StandardOutput;

    /// <summary>Sends ordinary output to stderr until disposed: for rendering a terminating error with
    /// Out-Default, which would otherwise print it as output.</summary>
    public IDisposable WriteOutputToError()
    {
        _outputToError = true;
        return new Restore(this);
    }

    public override void Write(string value) => Output.Write(value);

    // The color arguments are dropped (pwsh's formatter colors text with ANSI sequences inside it instead).
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        Output.Write(value);

    public override void WriteLine(string value) => Output.WriteLine(value);

    public override void WriteErrorLine(string value) => StandardError.WriteLine(value);

    public override void WriteWarningLine(string message) => StandardOutput.WriteLine("WARNING: " + message);

    public override void WriteVerboseLine(string message) => StandardOutput.WriteLine("VERBOSE: " + message);

    public override void WriteDebugLine(string message) => StandardOutput.WriteLine("DEBUG: " + message);

    // Progress bars only make sense on an interactive console; a non-interactive host shows none.
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override string ReadLine() => throw NonInteractive.Exception("reading input");

    public override SecureString ReadLineAsSecureString() => throw NonInteractive.Exception("reading input");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw NonInteractive.Exception($"prompting for input ({Describe(caption, message)})");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
        throw NonInteractive.Exception($"prompting for a choice ({Describe(caption, message)})");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw NonInteractive.Exception($"prompting for a credential ({Describe(caption, message)})");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw NonInteractive.Exception($"prompting for a credential ({Describe(caption, message)})");

    private static string Describe(string caption, string message) =>
        string.Join(": ", new[] { caption, message }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private sealed class Restore(ShellHostUserInterface ui) : IDisposable
    {
        public void Dispose() => ui._outputToError = false;
    }
}
