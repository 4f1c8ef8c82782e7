using System.Management.Automation;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.KeyFormat;

namespace InedoLicense.Cmdlets.Commands;

// -Path: streaming the keys of a file, one a line.
public sealed partial class TestLicenseKeyCommand
{
    private static readonly string TooLongLine = new('-', KeyText.MaxLength + 1);

    private void VerifyFiles(bool literal)
    {
        foreach (var file in FilePaths.Resolve(this, literal ? LiteralPath : Path, ErrorIds.KeyFileNotFound, literal))
        {
            try
            {
                VerifyFile(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(Errors.Wrap(ErrorIds.KeyFileUnreadable, ErrorCategory.ReadError, file, e,
                    Strings.KeyFileUnreadable, file, e.Message));
            }
        }
    }

    private void VerifyFile(string file)
    {
        var activity = $"Verifying keys in {file}";
        var lastProgress = Environment.TickCount64;
        using var reader = new StreamReader(file);
        var length = Math.Max(1, reader.BaseStream.Length);
        var lineNumber = 0;
        var lines = new BoundedLineReader(reader, KeyText.MaxLength);
        while (lines.TryReadLine(out var line))
        {
            lineNumber++;
            if (line is null)
            {
                // Longer than any key: reported Malformed without being held in memory (all such lines share one text).
                Enqueue(TooLongLine, $"{file}:{lineNumber}");
                continue;
            }
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            Enqueue(trimmed, $"{file}:{lineNumber}");
            if (Environment.TickCount64 - lastProgress > 250)
            {
                lastProgress = Environment.TickCount64;
                // A new record each time: the Progress stream keeps the ones written.
                WriteProgress(new ProgressRecord(1, "Test-LicenseKey", $"Line {lineNumber:N0} of {file}")
                {
                    PercentComplete = (int)Math.Min(100, reader.BaseStream.Position * 100 / length),
                });
            }
        }
        WriteProgress(new ProgressRecord(1, "Test-LicenseKey", activity) { RecordType = ProgressRecordType.Completed });
    }
}
