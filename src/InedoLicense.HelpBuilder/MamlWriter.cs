using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace InedoLicense.HelpBuilder;

/// <summary>
/// Writes cmdlet help as MAML in the shape platyPS's New-ExternalHelp gives it: one command:command per
/// cmdlet with details, description, syntax (one item per parameter set), parameters, input and return
/// types, notes, examples (every code block of an example in dev:code, its text in dev:remarks) and
/// related links (only absolute URIs keep their address; Get-Help cannot use a relative one).
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static void Write(IEnumerable<CommandHelp> commands, string path)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
                commands.Select(CommandElement)));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    private static XElement CommandElement(CommandHelp help)
    {
        var dash = help.Name.IndexOf('-');
        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", dash < 0 ? help.Name : help.Name[..dash]),
                new XElement(Command + "noun", dash < 0 ? "" : help.Name[(dash + 1)..]),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", SyntaxItems(help)),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, p.Metadata[0], inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeElement("inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeElement("returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", help.Links.Select(Link)));
    }

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

    /// <summary>One syntax item per parameter set of the SYNTAX section, its parameters in that section's order.</summary>
    private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
    {
        var sets = help.Syntax.Count > 0
            ? help.Syntax
            : SetsOfParameters(help).Select(set => (set, new List<string>())).ToList();
        foreach (var (setName, order) in sets)
        {
            var members = help.Parameters
                .Select(p => (Parameter: p, Metadata: MetadataFor(p, setName)))
                .Where(m => m.Metadata is not null)
                .OrderBy(m => Rank(order, m.Parameter.Name))
                .ToList();
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                members.Select(m => Parameter(m.Parameter, m.Metadata!, inSyntax: true)));
        }
    }

    private static List<string> SetsOfParameters(CommandHelp help)
    {
        var sets = help.Parameters.SelectMany(p => p.Metadata).SelectMany(m => m.ParameterSets)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (sets.Count > 1) sets.Remove(ParameterMetadata.AllParameterSets);
        return sets.Count == 0 ? [ParameterMetadata.AllParameterSets] : sets;
    }

    private static ParameterMetadata? MetadataFor(ParameterHelp parameter, string setName) =>
        parameter.Metadata.FirstOrDefault(m => m.ParameterSets.Contains(setName, StringComparer.OrdinalIgnoreCase))
        ?? parameter.Metadata.FirstOrDefault(m => m.IsIn(setName));

    private static int Rank(List<string> order, string name)
    {
        var index = order.FindIndex(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? int.MaxValue : index;
    }

    private static XElement Parameter(ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax)
    {
        var type = metadata.IsSwitch ? "SwitchParameter" : metadata.Type;
        return new XElement(Command + "parameter",
            new XAttribute("required", Bool(metadata.Required)),
            new XAttribute("variableLength", Bool(type.EndsWith("[]", StringComparison.Ordinal))),
            new XAttribute("globbing", Bool(metadata.Globbing)),
            new XAttribute("pipelineInput", metadata.PipelineInput),
            new XAttribute("position", metadata.Position.ToLowerInvariant()),
            new XAttribute("aliases", metadata.Aliases.Count > 0 ? string.Join(", ", metadata.Aliases) : "none"),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description),
            inSyntax && metadata.AcceptedValues.Count > 0
                ? new XElement(Command + "parameterValueGroup", metadata.AcceptedValues.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v)))
                : null,
            // A switch shows no value in the syntax.
            inSyntax && metadata.IsSwitch
                ? null
                : new XElement(Command + "parameterValue", new XAttribute("required", Bool(!metadata.IsSwitch)), new XAttribute("variableLength", "false"), type),
            new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", metadata.IsSwitch && metadata.DefaultValue is "None" or "" ? "False" : metadata.DefaultValue));
    }

    private static XElement TypeElement(string element, TypeHelp type) =>
        new(Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(type.Description));

    private static XElement Example(ExampleHelp example) =>
        new(Command + "example",
            new XElement(Maml + "title", PadTitle(example.Title)),
            new XElement(Dev + "code", string.Join("\n\n", example.Code)),
            // An empty paragraph after the remarks puts a blank line before the next example's title.
            new XElement(Dev + "remarks", Paras(example.Remarks.Count > 0 ? [.. example.Remarks, ""] : example.Remarks)));

    /// <summary>Dashes either side up to 64 characters, as Get-Help's own examples look; long titles stay as they are.</summary>
    private static string PadTitle(string title)
    {
        if (title.Length >= 62) return title;
        var dashes = new string('-', (64 - title.Length - 2) / 2);
        return $"{dashes} {title} {dashes}";
    }

    private static XElement Link((string Text, string Uri) link) =>
        new(Maml + "navigationLink",
            new XElement(Maml + "linkText", link.Text),
            new XElement(Maml + "uri", Uri.TryCreate(link.Uri, UriKind.Absolute, out _) ? link.Uri : ""));

    private static string Bool(bool value) => value ? "true" : "false";
}
