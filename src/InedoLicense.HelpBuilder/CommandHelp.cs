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

public sealed class ParameterHelp
{
    public required string Name { get; init; }
    public List<string> Description { get; } = [];
    /// <summary>One per yaml block: a parameter may differ between parameter sets (another position, say).</summary>
    public List<ParameterMetadata> Metadata { get; } = [];
}

/// <summary>A parameter's yaml block.</summary>
public sealed record ParameterMetadata(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool Globbing)
{
    public const string AllParameterSets = "__AllParameterSets";

    public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter" or "switch";

    public bool IsIn(string setName) =>
        ParameterSets.Contains(AllParameterSets) || ParameterSets.Contains(setName, StringComparer.OrdinalIgnoreCase);
}

public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

public sealed record ExampleHelp(string Title, IReadOnlyList<string> Code, IReadOnlyList<string> Remarks);
