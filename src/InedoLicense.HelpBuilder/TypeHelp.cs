namespace InedoLicense.HelpBuilder;

public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);
