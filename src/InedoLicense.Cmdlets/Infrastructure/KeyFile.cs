using System.Management.Automation;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>Streams the keys of a text file (one a line; blank lines and # comments skipped), with progress.</summary>
internal static class KeyFile
{
    /// <summary>Yields each key with its source ("file:line"); reports progress through <paramref name="progress"/> about 4 times a second.</summary>
    public static IEnumerable<(string Key, string Source)> Read(string file, Action<ProgressRecord> progress)
    {
        var record = new ProgressRecord(1, "Test-LicenseKey", $"Verifying keys in {file}");
        var lastProgress = Environment.TickCount64;
        using var reader = new StreamReader(file);
        var length = Math.Max(1, reader.BaseStream.Length);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            yield return (trimmed, $"{file}:{lineNumber}");
            if (Environment.TickCount64 - lastProgress > 250)
            {
                lastProgress = Environment.TickCount64;
                record.PercentComplete = (int)Math.Min(100, reader.BaseStream.Position * 100 / length);
                record.StatusDescription = $"Line {lineNumber:N0} of {file}";
                progress(record);
            }
        }
        record.RecordType = ProgressRecordType.Completed;
        progress(record);
    }
}
