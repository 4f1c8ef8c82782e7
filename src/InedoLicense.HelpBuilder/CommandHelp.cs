namespace InedoLicense.HelpBuilder;

/// <summary>What one platyPS page says about a cmdlet, in the shape MAML needs. Text is a list of paragraphs.</summary>
public sealed class CommandHelp
{
    public required string Name { get; init; }
    /// <summary>The MAML file the page belongs to (front matter <c>external help file</c>).</summary>
    public required string HelpFile { get; init; }
    /// <summary>The culture folder the MAML goes to (front matter <c>Locale</c>, else en-US).</summary>
    public required string Locale { get; init; }
    public List<string> Synopsis { get; } = [];
    public List<string> Description { get; } = [];
    /// <summary>Parameter set name → the parameters in the order its SYNTAX line shows them.</summary>
    public List<(string SetName, List<string> Parameters)> Syntax { get; } = [];
    public List<ParameterHelp> Parameters { get; } = [];
    public List<TypeHelp> Inputs { get; } = [];
    public List<TypeHelp> Outputs { get; } = [];
    public List<string> Notes { get; } = [];
    public List<ExampleHelp> Examples { get; } = [];
    public List<(string Text, string Uri)> Links { get; } = [];
}
