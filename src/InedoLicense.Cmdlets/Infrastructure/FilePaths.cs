using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>-Path values (wildcards allowed) resolved to files; each one that matches nothing is a non-terminating error.</summary>
internal static class FilePaths
{
    /// <summary>-Path (wildcards expanded) or, when <paramref name="literal"/>, -LiteralPath (taken as written: keys[2026].txt is one file).</summary>
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, string notFoundErrorId, bool literal = false)
    {
        foreach (var path in paths)
        {
            IEnumerable<string> resolved;
            try
            {
                if (literal)
                {
                    var file = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    if (!File.Exists(file) && !Directory.Exists(file))
                        throw new ItemNotFoundException($"Cannot find path '{file}' because it does not exist.");
                    resolved = [file];
                }
                else
                {
                    resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
                }
            }
            catch (ItemNotFoundException e)
            {
                cmdlet.WriteError(Errors.Record(notFoundErrorId, ErrorCategory.ObjectNotFound, path, e));
                continue;
            }
            foreach (var file in resolved)
            {
                // A folder read as a file would end the whole command; it is one bad item among many.
                if (Directory.Exists(file))
                    cmdlet.WriteError(Errors.Record(notFoundErrorId, ErrorCategory.ObjectNotFound, file,
                        "{0} is a folder; -Path takes files. For the files in it, use a wildcard such as {1}.",
                        file, Path.Combine(file, "*")));
                else
                    yield return file;
            }
        }
    }
}
