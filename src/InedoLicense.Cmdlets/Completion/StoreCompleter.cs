using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Completion;

/// <summary>One value a completer offers, with the tooltip shown beside it.</summary>
public readonly record struct CompletionCandidate(string Value, string ToolTip);

/// <summary>
/// Base of the completers that read the store: the store of -StorePath when it is typed (resolved
/// against the PowerShell location, as the cmdlet will), else the default store. Completion never
/// creates a store and never fails: a store that does not exist yet is passed as null, one that
/// cannot be read offers nothing. The typed text matches as a WildcardPattern prefix, any case.
/// </summary>
public abstract class StoreCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        var request = new CompletionRequest(commandName, parameterName, typed, fakeBoundParameters);
        List<CompletionCandidate> candidates;
        try
        {
            var storePath = StorePath(fakeBoundParameters);
            using var store = StoreEngine.MayExist(storePath) ? OpenExisting(storePath) : null;
            candidates = Candidates(store, request).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException
                                      or ArgumentException or System.Data.Common.DbException or RuntimeException)
        {
            return [];
        }
        var pattern = Pattern(typed);
        return candidates.Where(c => pattern.IsMatch(c.Value)).DistinctBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, c.ToolTip))
            .ToList();
    }

    /// <summary>The values to offer, in the order to offer them; <paramref name="store"/> is null when it does not exist yet.
    /// The base keeps those that match the typed text, so a subclass may offer more.</summary>
    protected abstract IEnumerable<CompletionCandidate> Candidates(ILicenseStore? store, CompletionRequest request);

    private static string StorePath(IDictionary fakeBoundParameters) =>
        fakeBoundParameters["StorePath"] is string { Length: > 0 } typed
            ? StoreEngine.IsPostgres(typed) ? typed.Trim() : ResolvePath(typed)
            : StoreEngine.DefaultPath;

    // A PostgreSQL location whose database holds no store yet offers nothing, as a missing file does.
    private static ILicenseStore? OpenExisting(string location)
    {
        try { return StoreEngine.Open(location, StoreOpenMode.Existing); }
        catch (StoreNotFoundException) { return null; }
    }

    // Relative to the PowerShell location, as the cmdlet will resolve it, not the process's working folder.
    private static string ResolvePath(string path)
    {
        try
        {
            var resolved = ScriptBlock.Create("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").Invoke(path);
            if (resolved.Count == 1 && resolved[0]?.BaseObject is string full) return full;
        }
        catch (RuntimeException)
        {
            // No runspace on this thread, or not a file system path: the process's folder is the best guess.
        }
        return Path.GetFullPath(path);
    }

    // The typed text may hold wildcards; text that is not a valid pattern (an unclosed '[') matches literally.
    private static WildcardPattern Pattern(string typed)
    {
        var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
        try
        {
            pattern.IsMatch("");
            return pattern;
        }
        catch (WildcardPatternException)
        {
            return WildcardPattern.Get(WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase);
        }
    }

    // Quote anything the parser would split or expand.
    private static string Quote(string value) =>
        value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || "'\"`$,;(){}[]@#|&<>".Contains(c)) ? "'" + value.Replace("'", "''") + "'" : value;
}

/// <summary>What is being completed: the command, the parameter, the text typed so far (unquoted) and the other parameters typed.</summary>
public sealed record CompletionRequest(string CommandName, string ParameterName, string Typed, IDictionary BoundParameters)
{
    /// <summary>The typed text up to its first wildcard character: what a store query can narrow by.</summary>
    public string LiteralPrefix => Typed[..(Typed.IndexOfAny(['*', '?', '[']) is var i and >= 0 ? i : Typed.Length)];

    /// <summary>Another parameter's value when it was typed as text.</summary>
    public string? Bound(string parameterName) => BoundParameters[parameterName] switch
    {
        string { Length: > 0 } text => text,
        PSObject { BaseObject: string { Length: > 0 } wrapped } => wrapped,
        _ => null,
    };
}
