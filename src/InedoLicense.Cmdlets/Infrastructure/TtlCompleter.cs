using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using InedoLicense.Issuance;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// Offers the store's allowed TTLs for -Ttl (the store of -StorePath when it is typed, else the
/// default store). Completion never creates a store and never fails: when the policy
/// cannot be read it offers nothing.
/// </summary>
public sealed class TtlCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        TtlPolicy policy;
        try
        {
            policy = ReadPolicy(fakeBoundParameters);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException
                                      or System.Data.Common.DbException or RuntimeException)
        {
            return [];
        }
        var typed = wordToComplete.Trim('\'', '"');
        var pattern = new WildcardPattern(WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase);
        return policy.Allowed.Where(t => pattern.IsMatch(t.Ttl))
            .Select(t => new CompletionResult(Quote(t.Ttl), t.Ttl, CompletionResultType.ParameterValue, t.Describe()))
            .ToList();
    }

    private static TtlPolicy ReadPolicy(IDictionary fakeBoundParameters)
    {
        var storePath = fakeBoundParameters["StorePath"] is string typed && typed.Length > 0 ? ResolvePath(typed) : LicenseStore.DefaultPath;
        if (!File.Exists(storePath)) return TtlPolicy.Default;
        using var store = LicenseStore.Open(storePath);
        return TtlPolicy.Load(store);
    }

    // Relative to the PowerShell location, as the cmdlet will resolve it, not the process's working folder.
    private static string ResolvePath(string path)
    {
        var resolved = ScriptBlock.Create("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").Invoke(path);
        return resolved.Count == 1 && resolved[0]?.BaseObject is string full ? full : Path.GetFullPath(path);
    }

    // TTLs are plain tokens today; quote anything a policy might one day hold that the parser would split.
    private static string Quote(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || "'\"`$,;(){}[]@#|&<>".Contains(c)) ? "'" + value.Replace("'", "''") + "'" : value;
}
