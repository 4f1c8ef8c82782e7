using System.Management.Automation;
using System.Management.Automation.Language;

namespace InedoLicense.Engine.Tests.Docs;

/// <summary>
/// Every PowerShell example in docs/, the README, examples/ and tests/Pester is parsed by the
/// engine's parser and each of this module's commands in it is bound statically against the
/// module; examples that use only commands of the bare engine are also run, each in a fresh store.
/// (Pester and platyPS cannot run here; this keeps what they would run from rotting.)
/// </summary>
public sealed class ExampleTests : IClassFixture<DocumentationDriftTests.Commands>
{
    public sealed record Example(string Source, string Text)
    {
        public override string ToString() => Source;
    }

    public static TheoryData<Example> All()
    {
        var data = new TheoryData<Example>();
        var root = ModuleSession.RepoRoot;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md")).Order())
        {
            var index = 0;
            foreach (var block in CmdletHelpPage.PowerShellBlocks(File.ReadAllText(file)))
                data.Add(new Example($"{Path.GetRelativePath(root, file)} #{++index}", block));
        }
        foreach (var folder in (string[])["examples", "tests/Pester"])
            if (Directory.Exists(Path.Combine(root, folder)))
                foreach (var script in Directory.EnumerateFiles(Path.Combine(root, folder), "*.ps1", SearchOption.AllDirectories).Order())
                    data.Add(new Example(Path.GetRelativePath(root, script), File.ReadAllText(script)));
        return data;
    }

    private readonly DocumentationDriftTests.Commands _commands;

    public ExampleTests(DocumentationDriftTests.Commands commands) => _commands = commands;

    [Theory]
    [MemberData(nameof(All))]
    public void ParsesAndBindsAgainstTheModule(Example example)
    {
        var ast = Parser.ParseInput(example.Text, out _, out var parseErrors);
        Assert.True(parseErrors.Length == 0, $"{example}: " + string.Join("; ", parseErrors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}")));

        var exported = DocumentationDriftTests.Commands.ExportedNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var command in ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            var name = command.GetCommandName();
            if (name is null || !exported.Contains(name)) continue;
            foreach (var (parameter, error) in _commands.BindStatically(command))
                problems.Add($"line {command.Extent.StartLineNumber}: {name} {parameter}: {error}");
        }
        Assert.True(problems.Count == 0, $"{example}: " + string.Join("; ", problems));
    }

    [Fact]
    public void ExamplesThatNeedOnlyTheBareEngineRun()
    {
        var folder = Directory.CreateTempSubdirectory("inedolicense-examples-").FullName;
        try
        {
            var runnable = ((IEnumerable<object[]>)All()).Select(row => (Example)row[0]).Where(e => !e.Source.StartsWith("tests", StringComparison.Ordinal) && _commands.UsesOnlyAvailableCommands(e.Text)).ToList();
            Assert.True(runnable.Count >= 20, $"only {runnable.Count} runnable examples found");
            for (var i = 0; i < runnable.Count; i++)
                File.WriteAllText(Path.Combine(folder, $"{i:D3}.ps1"), runnable[i].Text);
            var driver = Path.Combine(folder, "run-examples.ps1");
            File.WriteAllText(driver, """
                param([string] $Folder)
                foreach ($file in [System.IO.Directory]::GetFiles($Folder, '0*.ps1')) {
                    $work = [System.IO.Directory]::CreateTempSubdirectory('example-').FullName
                    $env:INEDOLICENSE_STORE = [System.IO.Path]::Combine($work, 'licenses.db')
                    $null = $ExecutionContext.SessionState.Path.SetLocation($work)
                    [System.Environment]::CurrentDirectory = $work
                    $text = [System.IO.File]::ReadAllText($file)
                    try {
                        if ($text -notmatch 'New-LicenseAuthority') { $null = New-LicenseAuthority }
                        $null = & ([scriptblock]::Create($text))
                        "RESULT $([System.IO.Path]::GetFileName($file)) ok"
                    } catch {
                        "RESULT $([System.IO.Path]::GetFileName($file)) failed: $_"
                    }
                }
                """);
            var result = PwshProcess.Run(Path.Combine(folder, "unused.db"), "-File", driver, "-Folder", folder);
            var lines = result.StandardOutput.Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).ToList();
            Assert.Equal(runnable.Count, lines.Count);
            var failures = lines.Where(l => !l.EndsWith(" ok", StringComparison.Ordinal))
                .Select(l => { var n = int.Parse(l.Split(' ')[1][..3], System.Globalization.CultureInfo.InvariantCulture); return $"{runnable[n]}: {l}"; })
                .ToList();
            Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + result.StandardError);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
