using System.Globalization;
using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>Warns once per column that a command's rows carry but the command does not read (a typo such as "Month").</summary>
internal sealed class RowColumnCheck(string command, params string[] known)
{
    private readonly HashSet<string> _known = new(known, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _warned = new(StringComparer.OrdinalIgnoreCase);

    private bool _checked;

    /// <summary>Checks the first row only: rows of one CSV share their columns, and listing a row's columns is costly.</summary>
    public void WarnOfUnused(Cmdlet cmdlet, PipelineRow row)
    {
        if (_checked || row.Source.BaseObject is not PSCustomObject) return;
        _checked = true;
        foreach (var column in row.Columns)
        {
            if (_known.Contains(column) || !_warned.Add(column)) continue;
            cmdlet.WriteWarning($"{command} does not use the column '{column}' of the piped rows. It reads {string.Join(", ", known)}.");
        }
    }
}
