using System.Management.Automation;

namespace InedoLicense.Engine.Tests;

/// <summary>Test-LicenseKey: where keys come from (-Key, the pipeline, -Path files) and the order results come back in.</summary>
public sealed class TestLicenseKeyInputTests
{
    [Fact]
    public void TakesKeysAsParameterStringsAndObjectsWithAKeyProperty()
    {
        using var session = new ModuleSession();
        var first = session.IssueKey("First");
        var second = session.IssueKey("Second");
        var serials = new[] { first.Text("Serial"), second.Text("Serial") };

        var byParameter = session.Run("Test-LicenseKey -Key $args[0].Key, $args[1].Key -StorePath $StorePath", first, second);
        var byPosition = session.Run("Test-LicenseKey $args[0].Key -StorePath $StorePath", first);
        var strings = session.Run("$args[0].Key, $args[1].Key | Test-LicenseKey -StorePath $StorePath", first, second);
        var records = session.Run("$args[0], $args[1] | Test-LicenseKey -StorePath $StorePath", first, second);
        var rows = session.Run("[pscustomobject]@{ Key = $args[0].Key }, [pscustomobject]@{ Key = $args[1].Key } | Test-LicenseKey -StorePath $StorePath", first, second);

        foreach (var results in new[] { byParameter, strings, records, rows })
        {
            Assert.Equal(serials, results.Texts("Serial"));
            Assert.All(results, r => Assert.Equal("Valid", r.Text("Status")));
            Assert.All(results, r => Assert.Equal(true, r.Value("IsValid")));
        }
        Assert.Equal([serials[0]], byPosition.Texts("Serial"));
        Assert.Equal(["First", "Second"], records.Texts("Customer"));
    }

    [Fact]
    public void ManyKeysComeBackInInputOrderThroughTheParallelChunks()
    {
        using var session = new ModuleSession();
        var issued = session.Run("""
            $global:keys = 1..1500 | ForEach-Object { [pscustomobject]@{ Product = 'ProGet'; Customer = "Customer $_"; Edition = 'Basic' } } |
                New-License -StorePath $StorePath
            $global:keys
            """);
        Assert.Equal(Enumerable.Range(1, 1500).Select(i => $"Customer {i}"), issued.Texts("Customer"));

        var results = session.Run("$keys | Test-LicenseKey -StorePath $StorePath");
        Assert.Equal(issued.Texts("Serial"), results.Texts("Serial"));
        Assert.All(results, r => Assert.Equal("Valid", r.Text("Status")));

        // Every 97th input is not a key: each Malformed result must land exactly there.
        var mixed = session.Run("""
            $index = 0
            $keys | ForEach-Object { if (++$index % 97 -eq 0) { "not a key $index" } else { $_.Key } } | Test-LicenseKey -Quiet -StorePath $StorePath
            """);
        Assert.Equal(Enumerable.Range(1, 1500).Select(i => i % 97 != 0), mixed.Select(r => (bool)r.BaseObject));
    }

    [Fact]
    public void ReadsKeyFilesSkippingBlankAndCommentLines()
    {
        using var session = new ModuleSession();
        var first = session.IssueKey("First");
        var second = session.IssueKey("Second");
        var file = Path.Combine(session.Folder, "keys.txt");
        File.WriteAllLines(file, ["# keys for Contoso", "", first.Text("Key")!, "   ", "  # indented comment", "ILK1.not-a-key", "  " + second.Text("Key") + "  "]);

        var (results, errors) = session.Invoke("Test-LicenseKey -Path $args[0] -StorePath $StorePath", file);

        Assert.Empty(errors);
        Assert.Equal(["Valid", "Malformed", "Valid"], results.Texts("Status"));
        Assert.Equal([$"{file}:3", $"{file}:6", $"{file}:7"], results.Texts("Source"));
        Assert.Equal([first.Text("Serial"), null, second.Text("Serial")], results.Texts("Serial"));
    }

    [Fact]
    public void AMissingFileIsANonTerminatingErrorAndTheOtherFilesAreRead()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var good = Path.Combine(session.Folder, "good.txt");
        var other = Path.Combine(session.Folder, "other.keys");
        var missing = Path.Combine(session.Folder, "missing.txt");
        File.WriteAllText(good, key.Text("Key") + "\n");
        File.WriteAllText(other, key.Text("Key") + "\n");

        var (results, errors) = session.Invoke("Test-LicenseKey -Path $args[0], $args[1], $args[2] -StorePath $StorePath", good, missing, other);

        ErrorAssert.Single(errors, "KeyFileNotFound", ErrorCategory.ObjectNotFound, missing);
        Assert.Equal([$"{good}:1", $"{other}:1"], results.Texts("Source"));
    }

    [Fact]
    public void TakesFilesFromThePipelineByFullNameAndWildcards()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var file = Path.Combine(session.Folder, "batch.keys");
        File.WriteAllText(file, key.Text("Key") + "\n");

        var byName = session.Run("[pscustomobject]@{ FullName = $args[0] } | Test-LicenseKey -StorePath $StorePath", file);
        var byWildcard = session.Run("Test-LicenseKey -Path ([System.IO.Path]::Combine($TestFolder, '*.keys')) -StorePath $StorePath");

        Assert.Equal([$"{file}:1"], byName.Texts("Source"));
        Assert.Equal([$"{file}:1"], byWildcard.Texts("Source"));
    }

    [Fact]
    public void QuietReturnsOnlyBooleans()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var results = session.Run("$args[0].Key, 'garbage', $args[0].Key | Test-LicenseKey -Quiet -StorePath $StorePath", key);
        Assert.All(results, r => Assert.IsType<bool>(r.BaseObject));
        Assert.Equal([true, false, true], results.Select(r => (bool)r.BaseObject));
    }

    [Fact]
    public void AFolderIsANonTerminatingErrorAndTheOtherFilesAreRead()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var folder = Directory.CreateDirectory(Path.Combine(session.Folder, "keys")).FullName;
        var file = Path.Combine(session.Folder, "good.txt");
        File.WriteAllText(file, key.Text("Key") + "\n");

        var (results, errors) = session.Invoke("Test-LicenseKey -Path $args[0], $args[1] -StorePath $StorePath", folder, file);

        ErrorAssert.Single(errors, "KeyFileNotFound", ErrorCategory.ObjectNotFound, folder);
        Assert.Contains("folder", errors[0].Exception.Message);
        Assert.Equal([$"{file}:1"], results.Texts("Source"));
    }

    [Fact]
    public void EveryTruncatedOrAlteredKeyIsAResultNeverValidNeverAnError()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey().Text("Key")!;
        var truncated = Enumerable.Range(0, key.Length).Select(n => key[..n]);
        var altered = Enumerable.Range(0, key.Length).Select(i => key[..i] + (key[i] == 'A' ? 'B' : 'A') + key[(i + 1)..]);
        var inputs = truncated.Concat(altered).ToList();

        var (results, errors) = session.Invoke("$args[0] | Test-LicenseKey -StorePath $StorePath", inputs);
        Assert.Empty(errors);
        Assert.Equal(inputs.Count, results.Count);
        Assert.All(results, r => Assert.NotEqual("Valid", r.Text("Status")));

        var (decoded, decodeErrors) = session.Invoke("$args[0] | ConvertFrom-LicenseKey", inputs);
        Assert.Equal(inputs.Count, decoded.Count + decodeErrors.Count);
        Assert.All(decodeErrors, e => Assert.Equal("MalformedLicenseKey", e.Id()));
    }

    [Fact]
    public void KeysWrappedByMailOrArmouredVerify()
    {
        using var session = new ModuleSession();
        var key = session.IssueKey();
        var text = key.Text("Key")!;
        var wrapped = "  " + string.Join("\r\n", text.Chunk(60).Select(chunk => new string(chunk))) + "\n";
        var armoured = $"-----BEGIN INEDO LICENSE KEY-----\n{string.Join('\n', text.Chunk(64).Select(chunk => new string(chunk)))}\n-----END INEDO LICENSE KEY-----";

        var results = session.Run("$args[0], $args[1] | Test-LicenseKey -StorePath $StorePath", wrapped, armoured);

        Assert.Equal(["Valid", "Valid"], results.Texts("Status"));
        Assert.Equal([key.Text("Serial"), key.Text("Serial")], results.Texts("Serial"));
    }
}
