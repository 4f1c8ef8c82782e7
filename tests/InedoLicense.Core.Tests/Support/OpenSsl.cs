using System.Diagnostics;

namespace InedoLicense.Core.Tests.Support;

/// <summary>Runs the openssl command-line tool found on PATH.</summary>
internal static class OpenSsl
{
    public sealed record Result(int ExitCode, byte[] Output, string Errors);

    public static string? Locate()
    {
        var name = OperatingSystem.IsWindows() ? "openssl.exe" : "openssl";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    public static Result Run(string workingFolder, params string[] arguments)
    {
        var start = new ProcessStartInfo(Locate() ?? throw new InvalidOperationException("openssl is not on PATH"))
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        // Both streams are drained at once so that neither pipe can fill up and block openssl.
        var copying = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        copying.Wait();
        return new Result(process.ExitCode, output.ToArray(), errors.Result);
    }
}
