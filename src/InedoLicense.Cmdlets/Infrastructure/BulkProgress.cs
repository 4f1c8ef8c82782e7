using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>
/// Write-Progress for a bulk command. A pipeline's length is unknown, so it shows a count; a total is
/// given only when the items were bound directly (an array argument), and then it shows a percentage.
/// Nothing is shown for the first few items (a bar would only flicker), then at most four updates a
/// second, and a Completed record at the end when anything was shown.
/// </summary>
internal sealed class BulkProgress(Cmdlet cmdlet, int activityId, string activity, string itemsDone)
{
    /// <summary>Below this many items no progress is shown.</summary>
    public const int Threshold = 10;
    private const long MinimumIntervalMs = 250;

    private long _done;
    private long _lastShown;
    private ProgressRecord? _shown;

    /// <summary>Counts items as done; <paramref name="current"/> names the last one; <paramref name="total"/> when it is known.</summary>
    public void Advance(long items = 1, string? current = null, long? total = null)
    {
        _done += items;
        if (_done < Threshold) return;
        var now = Environment.TickCount64;
        if (_shown is not null && now - _lastShown < MinimumIntervalMs) return;
        _lastShown = now;
        // A new record each time: hosts and callers may keep the ones written (the Progress stream does).
        _shown = new ProgressRecord(activityId, activity, total is > 0 ? $"{_done:N0} of {total:N0} {itemsDone}" : $"{_done:N0} {itemsDone}")
        {
            PercentComplete = total is > 0 ? (int)Math.Min(100, _done * 100 / total.Value) : -1,
            CurrentOperation = current,
        };
        cmdlet.WriteProgress(_shown);
    }

    /// <summary>Ends the bar, if one was shown. Call from EndProcessing.</summary>
    public void Complete()
    {
        if (_shown is null) return;
        cmdlet.WriteProgress(new ProgressRecord(activityId, activity, _shown.StatusDescription) { RecordType = ProgressRecordType.Completed });
        _shown = null;
    }
}
