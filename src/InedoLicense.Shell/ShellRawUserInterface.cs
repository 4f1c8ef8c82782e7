using System.Management.Automation.Host;

namespace InedoLicense.Shell;

/// <summary>The console geometry the formatter asks for. Tables are laid out to <see cref="BufferSize"/>'s width:
/// the terminal's when stdout is one, else a fixed 120 so redirected output is stable.</summary>
internal sealed class ShellRawUserInterface : PSHostRawUserInterface
{
    private const int RedirectedWidth = 120;
    private const int RedirectedHeight = 50;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override Coordinates CursorPosition { get; set; }

    public override Coordinates WindowPosition { get; set; }

    public override int CursorSize { get; set; }

    public override Size BufferSize
    {
        get => TerminalSize() ?? new Size(RedirectedWidth, RedirectedHeight);
        set => throw NonInteractive.Exception("resizing the console");
    }

    public override Size WindowSize
    {
        get => BufferSize;
        set => throw NonInteractive.Exception("resizing the console");
    }

    public override Size MaxWindowSize => BufferSize;

    public override Size MaxPhysicalWindowSize => BufferSize;

    public override bool KeyAvailable => false;

    public override string WindowTitle { get; set; } = "InedoLicense.Shell";

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw NonInteractive.Exception("reading keys");

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
        throw NonInteractive.Exception("reading the console buffer");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
        throw NonInteractive.Exception("writing the console buffer");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) =>
        throw NonInteractive.Exception("writing the console buffer");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw NonInteractive.Exception("scrolling the console buffer");

    private static Size? TerminalSize()
    {
        if (Console.IsOutputRedirected)
            return null;
        try
        {
            return Console.WindowWidth > 0 ? new Size(Console.WindowWidth, Math.Max(Console.WindowHeight, 1)) : null;
        }
        catch (IOException)
        {
            return null; // no real terminal behind stdout after all
        }
    }
}
