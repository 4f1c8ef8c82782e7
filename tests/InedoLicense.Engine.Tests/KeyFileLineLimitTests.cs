namespace InedoLicense.Engine.Tests;

/// <summary>
/// A key file with a 50 MB line: the line is reported Malformed (naming it), the keys around it are verified,
/// and it is never held in memory. Runs alone (the process environment collection), so that the bytes
/// allocated while it runs are its own.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KeyFileLineLimitTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int HugeLine = 50_000_000;

    [Fact]
    public void AHugeLineIsMalformedAndCostsNoMemory()
    {
        using var session = new ModuleSession();
        var first = session.IssueKey("First").Text("Key")!;
        var last = session.IssueKey("Last").Text("Key")!;
        var file = Path.Combine(session.Folder, "keys.txt");
        using (var writer = new StreamWriter(file))
        {
            writer.WriteLine(first);
            writer.Write("ILK1.");
            for (var i = 0; i < HugeLine / 1_000_000; i++) writer.Write(new string('A', 1_000_000)); // valid key characters all along
            writer.Write("\r\n");
            writer.Write(last); // the last line has no line break
        }
        session.Run("$null = Test-LicenseKey -Path $args[0] -StorePath $StorePath", file); // warmed up: code loaded and jitted

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var results = session.Run("Test-LicenseKey -Path $args[0] -StorePath $StorePath", file);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"Test-LicenseKey -Path over a file with a {HugeLine:N0}-character line allocated {allocated:N0} bytes");
        // Reading the line whole would allocate 100 MB (UTF-16) at least; a bounded read allocates a few hundred KB.
        Assert.True(allocated < HugeLine / 5, $"verifying the file allocated {allocated:N0} bytes");
        Assert.Equal(["Valid", "Malformed", "Valid"], results.Texts("Status"));
        Assert.Equal($"{file}:2", results[1].Text("Source"));
        Assert.Contains("more than 65,536 characters", results[1].Text("Message"));
        Assert.Equal($"{file}:3", results[2].Text("Source"));
    }
}
