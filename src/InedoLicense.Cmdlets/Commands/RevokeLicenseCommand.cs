using System.Management.Automation;
using InedoLicense.Cmdlets.Completion;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.KeyFormat;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>Revokes keys by serial. Verifiers that consult the store (or a revocation list) then report Revoked.</summary>
[Cmdlet(VerbsSecurity.Revoke, "License", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(LicenseRecord))]
public sealed class RevokeLicenseCommand : StoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SerialCompleter))]
    public string[] Serial { get; set; } = [];

    /// <summary>Recorded with the revocation and shown by Test-LicenseKey. One line: no control characters, which could forge lines in logs,
    /// and no bidirectional controls, which make text display in another order.</summary>
    [Parameter]
    [ValidateLength(1, 200)]
    [ValidatePattern(@"^[^\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]+$")]
    public string? Reason { get; set; }

    /// <summary>Outputs the revoked records.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private BulkProgress? _progress;
    private bool _clockChecked;
    private BulkProgress Progress => _progress ??= new BulkProgress(this, 4, "Revoke-License", "serials");

    protected override void ProcessRecord()
    {
        // An array argument has a known length; a pipeline does not.
        long? total = MyInvocation.ExpectingInput ? null : Serial.Length;
        foreach (var text in Serial)
        {
            Progress.Advance(current: text, total: total);
            if (SerialOrError(text) is not { } serial) continue;
            // The prompt names whose key it is: a serial alone cannot be checked by the person confirming.
            if (Store.Licenses.Find(serial) is not { } record)
            {
                WriteLicenseNotFound(serial);
                continue;
            }
            if (!ShouldProcess(Describe(record), "Revoke licence")) continue;
            if (!_clockChecked)
            {
                // A revocation is stamped with this machine's clock, like an issued key: warn as the issuing cmdlets do.
                WarnIfClockIsBehindStore();
                _clockChecked = true;
            }
            switch (Store.Revocations.Revoke(serial, Reason, AuditActor.CurrentUser(), DateTimeOffset.UtcNow))
            {
                case RevokeOutcome.NotFound:
                    WriteLicenseNotFound(serial);
                    break;
                case RevokeOutcome.AlreadyRevoked:
                    WriteWarning($"Licence {serial} was already revoked; nothing changed.");
                    if (PassThru) WriteObject(Store.Licenses.Find(serial));
                    break;
                default:
                    if (PassThru) WriteObject(Store.Licenses.Find(serial));
                    break;
            }
        }
    }

    protected override void EndProcessing() => _progress?.Complete();

    // "9F3A1C0B2D4E5F60 (License: Contoso Ltd, ProGet Basic, expires 2027-05-01)": what the confirmation shows.
    private static string Describe(LicenseRecord record)
    {
        var subject = record.OrganizationId is { } organization
            ? string.Join(" / ", new[] { organization, record.MacId, record.Audience }.Where(p => p is not null))
            : $"{record.Customer}, {record.Product} {record.Edition}";
        var end = record.ExpiresAt is { } expires ? $"expires {expires.UtcDateTime:yyyy-MM-dd}" : "perpetual";
        var revoked = record.RevokedAt is not null ? ", already revoked" : "";
        return $"{record.Serial} ({record.Kind}: {subject}, {end}{revoked})";
    }
}
