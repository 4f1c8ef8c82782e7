using InedoLicense.HelpBuilder;

// dotnet InedoLicense.HelpBuilder.dll <docs folder> <module folder>
// Writes <module folder>/<locale>/<external help file> from every cmdlet page of <docs folder>
// (the pages whose front matter names an external help file). Exit code 1, with every problem
// as "page(line): error HELP001: ...", when a page does not follow the platyPS schema.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: InedoLicense.HelpBuilder <docs folder> <module folder>");
    return 2;
}
var (docs, moduleFolder) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
if (!Directory.Exists(docs))
{
    Console.Error.WriteLine($"{docs}: error HELP002: no such folder");
    return 1;
}

var commands = new List<CommandHelp>();
var errors = new List<string>();
foreach (var page in Directory.EnumerateFiles(docs, "*.md").Order(StringComparer.Ordinal))
{
    try
    {
        if (HelpPage.Parse(File.ReadAllText(page), page) is { } help) commands.Add(help);
    }
    catch (HelpPageException problem)
    {
        errors.Add(problem.ToString());
    }
}
foreach (var twice in commands.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
    errors.Add($"{docs}: error HELP003: {twice.Key} has {twice.Count()} pages");
if (errors.Count > 0)
{
    errors.ForEach(Console.Error.WriteLine);
    return 1;
}

foreach (var file in commands.GroupBy(c => (c.Locale, c.HelpFile)))
{
    var path = Path.Combine(moduleFolder, file.Key.Locale, file.Key.HelpFile);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    MamlWriter.Write(file.OrderBy(c => c.Name, StringComparer.Ordinal), path);
    Console.WriteLine($"{path}: help for {file.Count()} cmdlets, {file.Sum(c => c.Examples.Count)} examples");
}
return 0;
