namespace InedoLicense.HelpBuilder;

/// <summary>A page that does not follow the platyPS schema; printed as <c>file(line): error: ...</c>, which MSBuild shows as a build error.</summary>
public sealed class HelpPageException(string page, int line, string message) : Exception(message)
{
    public string Page { get; } = page;
    public int Line { get; } = line;

    public override string ToString() => $"{Page}({Line}): error HELP001: {Message}";
}
