using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>-Path values (wildcards allowed) resolved to files; each one that matches nothing is a non-terminating error.</summary>
internal static class FilePaths
{
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, string notFoundErrorId)
    {
        foreach (var path in paths)
        {
            IEnumerable<string> resolved;
            try
            {
                resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
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
                        Strings.PathIsFolder,
                        file, Path.Combine(file, "*")));
                else
                    yield return file;
            }
        }
    }
}
