namespace InedoLicense.HelpBuilder;

public sealed record ExampleHelp(string Title, IReadOnlyList<string> Code, IReadOnlyList<string> Remarks);
