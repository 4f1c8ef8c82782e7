using System.Management.Automation;
using System.Management.Automation.Internal;

namespace InedoLicense.Shell;

/// <summary>stdout or stderr as pwsh's console writes it: the formatter always decorates text with ANSI colors,
/// and the host removes them where $PSStyle.OutputRendering says so (by default: when the stream is redirected).</summary>
internal sealed class ConsoleStream
{
    public static readonly ConsoleStream StandardOutput = new(isError: false);
    public static readonly ConsoleStream StandardError = new(isError: true);

    private readonly bool _isError;

    private ConsoleStream(bool isError) => _isError = isError;

    // Looked up on every write, so a Console.SetOut/SetError by the caller is honoured.
    private TextWriter Writer => _isError ? Console.Error : Console.Out;

    private bool IsRedirected => _isError ? Console.IsErrorRedirected : Console.IsOutputRedirected;

    public void Write(string text) => Writer.Write(Render(text));

    public void WriteLine(string text) => Writer.WriteLine(Render(text));

    private string Render(string text)
    {
        var plain = PSStyle.Instance.OutputRendering switch
        {
            OutputRendering.PlainText => true,
            OutputRendering.Ansi => false,
            _ => IsRedirected,
        };
        return plain ? new StringDecorated(text).ToString(OutputRendering.PlainText) : text;
    }
}
