using System.Management.Automation;

namespace InedoLicense.Engine.Tests.Docs;

/// <summary>
/// Fails when a cmdlet and its docs/ page disagree: syntax, parameter names, types, sets, mandatory,
/// position, pipeline input, wildcards, aliases; an undocumented or a stale parameter.
/// </summary>
public sealed class DocumentationDriftTests : IClassFixture<DocumentationDriftTests.Commands>
{
    private static readonly HashSet<string> CommonParameters = new(
        [.. Cmdlet.CommonParameters, .. Cmdlet.OptionalCommonParameters], StringComparer.OrdinalIgnoreCase);
    private readonly Commands _commands;

    public DocumentationDriftTests(Commands commands) => _commands = commands;

    public static TheoryData<string> ExportedCmdlets => new(Commands.ExportedNames());

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void PageExistsWithExamples(string cmdlet)
    {
        var page = CmdletHelpPage.Load(cmdlet);
        Assert.True(page is not null, $"docs/{cmdlet}.md is missing.");
        Assert.Contains("schema: 2.0.0", page!.Text);
        Assert.True(page.Examples.Count >= 2, $"docs/{cmdlet}.md has {page.Examples.Count} examples; at least two are expected.");
        foreach (var heading in (string[])["## SYNOPSIS", "## DESCRIPTION", "## INPUTS", "## OUTPUTS"])
            Assert.Contains(heading, page.Text);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void SyntaxMatchesTheEngine(string cmdlet)
    {
        var page = CmdletHelpPage.Load(cmdlet)!;
        var engine = _commands.Syntax(cmdlet).ToList();
        var missing = engine.Except(page.SyntaxLines).ToList();
        var stale = page.SyntaxLines.Except(engine).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"docs/{cmdlet}.md SYNTAX differs from the engine.\nEngine has, docs lack:\n  {string.Join("\n  ", missing)}\nDocs have, engine lacks:\n  {string.Join("\n  ", stale)}");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void EveryParameterIsDocumentedAndNoneIsStale(string cmdlet)
    {
        var page = CmdletHelpPage.Load(cmdlet)!;
        var command = _commands.Get(cmdlet);
        var inCode = command.Parameters.Keys.Where(p => !CommonParameters.Contains(p) || IsShouldProcess(command, p)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inDocs = page.Parameters.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(inCode.SetEquals(inDocs),
            $"{cmdlet}: undocumented [{string.Join(", ", inCode.Except(inDocs))}], stale in docs [{string.Join(", ", inDocs.Except(inCode))}].");
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void ParameterDetailsMatchTheCode(string cmdlet)
    {
        var page = CmdletHelpPage.Load(cmdlet)!;
        var command = _commands.Get(cmdlet);
        var problems = new List<string>();
        foreach (var (name, blocks) in page.Parameters)
        {
            if (!command.Parameters.TryGetValue(name, out var parameter)) continue; // reported by the test above
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            foreach (var block in blocks)
            {
                void Check(string field, string expected)
                {
                    var documented = block.GetValueOrDefault(field, "");
                    if (!string.Equals(documented, expected, StringComparison.OrdinalIgnoreCase))
                        problems.Add($"-{name} {field}: docs say '{documented}', code says '{expected}'");
                }
                Check("Type", type.Name);
                Check("Aliases", string.Join(", ", parameter.Aliases));
                Check("Accept wildcard characters", parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any() ? "True" : "False");
                var sets = block.GetValueOrDefault("Parameter Sets", "");
                var setNames = sets == "(All)" ? parameter.ParameterSets.Keys.ToList() : sets.Split(',', StringSplitOptions.TrimEntries).ToList();
                var inCodeSets = parameter.ParameterSets.Keys.Where(k => k != "__AllParameterSets" || sets == "(All)").ToList();
                if (sets == "(All)" && !parameter.ParameterSets.ContainsKey("__AllParameterSets"))
                    problems.Add($"-{name} Parameter Sets: docs say (All), code says {string.Join(", ", inCodeSets)}");
                foreach (var set in setNames)
                {
                    if (!parameter.ParameterSets.TryGetValue(set, out var metadata))
                    {
                        problems.Add($"-{name} is not in parameter set '{set}'");
                        continue;
                    }
                    Check("Required", metadata.IsMandatory ? "True" : "False");
                    Check("Position", metadata.Position == int.MinValue ? "Named" : metadata.Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var pipeline = new List<string>();
                    if (metadata.ValueFromPipelineByPropertyName) pipeline.Add("ByPropertyName");
                    if (metadata.ValueFromPipeline) pipeline.Add("ByValue");
                    Check("Accept pipeline input", pipeline.Count == 0 ? "False" : $"True ({string.Join(", ", pipeline)})");
                }
            }
        }
        Assert.True(problems.Count == 0, $"{cmdlet}: " + string.Join("; ", problems));
    }

    private static bool IsShouldProcess(CommandInfo command, string parameter) =>
        parameter is "WhatIf" or "Confirm" && command.Parameters.ContainsKey(parameter);

    /// <summary>The module's commands, read once from the engine.</summary>
    public sealed class Commands : IDisposable
    {
        private readonly ModuleSession _session = new(createAuthority: false);

        public static IEnumerable<string> ExportedNames() => LaidOutManifest.Read().Strings("CmdletsToExport");

        public CommandInfo Get(string name) => (CommandInfo)_session.Run("Get-Command -Name $args[0] -Module InedoLicense", name).Single().BaseObject;

        public IEnumerable<string> Syntax(string name) =>
            Get(name) is CmdletInfo cmdlet
                ? cmdlet.ParameterSets.Select(set => CmdletHelpPage.Normalize($"{cmdlet.Name} {set}"))
                : [];

        public void Dispose() => _session.Dispose();
    }
}
