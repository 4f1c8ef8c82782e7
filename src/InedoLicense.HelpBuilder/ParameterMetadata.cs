namespace InedoLicense.HelpBuilder;

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
