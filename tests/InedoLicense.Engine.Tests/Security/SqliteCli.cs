using System.Diagnostics;

namespace InedoLicense.Engine.Tests.Security;

/// <summary>The sqlite3 command-line tool, the way someone would edit a store by hand.</summary>
public static class SqliteCli
{
    public static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "sqlite3.exe" : "sqlite3"))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs SQL against the database; returns standard output. Fails the test when sqlite3 fails.</summary>
    public static string Run(string database, string sql)
    {
        var start = new ProcessStartInfo(Locate() ?? throw new InvalidOperationException("sqlite3 is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(sql);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "sqlite3 did not finish");
        Assert.True(process.ExitCode == 0, $"sqlite3 failed ({process.ExitCode}): {errors}");
        return output.Result;
    }
}

/// <summary>A fact that needs the sqlite3 tool: skipped, visibly, where it is not installed.</summary>
public sealed class SqliteCliFactAttribute : FactAttribute
{
    public SqliteCliFactAttribute()
    {
        if (SqliteCli.Locate() is null) Skip = "the sqlite3 command-line tool is not installed";
    }
}
