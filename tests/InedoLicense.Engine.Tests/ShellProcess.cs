using System.Diagnostics;

namespace InedoLicense.Engine.Tests;

/// <summary>Runs the embedded shell (src/InedoLicense.Shell) as a separate process on the laid-out module.</summary>
public static class ShellProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static string ShellAssembly
    {
        get
        {
            var configuration = typeof(ShellProcess).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(ModuleSession.RepoRoot, "src", "InedoLicense.Shell", "bin", configuration, "net10.0", "InedoLicense.Shell.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the shell first (dotnet build).", path);
        }
    }

    public static Result Run(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(ShellAssembly);
        start.ArgumentList.Add("-ModulePath");
        start.ArgumentList.Add(ModuleSession.ModuleFolder);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The shell did not finish: " + string.Join(' ', start.ArgumentList));
        }
        return new Result(process.ExitCode, output.Result, errors.Result);
    }
}
