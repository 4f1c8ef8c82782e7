namespace InedoLicense.HelpBuilder;

public sealed class ParameterHelp
{
    public required string Name { get; init; }
    public List<string> Description { get; } = [];
    /// <summary>One per yaml block: a parameter may differ between parameter sets (another position, say).</summary>
    public List<ParameterMetadata> Metadata { get; } = [];
}
