using System.Diagnostics;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>
/// Signs keys and records them in batches: one transaction per batch, and no key is handed back
/// before its batch is committed.
/// </summary>
public sealed class KeyIssuer(LicenseSigner signer, LicenseStore store, bool includeCertificates = false)
{
    public const int DefaultBatchSize = 256;
    private static readonly TimeSpan MaxBatchAge = TimeSpan.FromMilliseconds(250);
    private readonly List<(LicenseRecord Record, string? AuditNote)> _pending = [];
    private readonly AuditActor _actor = AuditActor.CurrentUser(signer.Thumbprint);
    private readonly Stopwatch _batchAge = new();

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Now, to whole seconds: what a payload can carry.</summary>
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>Validates and signs one payload; returns the records committed by this call (often none until a batch fills).</summary>
    /// <param name="stopgapFor">For a stopgap key: the lapsed licence it bridges (recorded, not signed).</param>
    public IReadOnlyList<LicenseRecord> Add(LicensePayload payload, string? auditNote = null, string? stopgapFor = null)
    {
        if (!signer.MaySign(payload.Kind)) throw new IssuerNotAuthorizedException(signer.Thumbprint, payload.Kind);
        PayloadRules.Validate(payload);
        var key = KeyText.Encode(signer.Sign(payload, includeCertificates));
        if (_pending.Count == 0) _batchAge.Restart();
        _pending.Add((LicenseRecord.FromPayload(payload, key, signer.Thumbprint) with { StopgapFor = stopgapFor }, auditNote));
        return _pending.Count >= BatchSize || _batchAge.Elapsed >= MaxBatchAge ? Flush() : [];
    }

    /// <summary>Commits what is pending and returns it. If the commit fails, none of the pending keys exist.</summary>
    public IReadOnlyList<LicenseRecord> Flush()
    {
        if (_pending.Count == 0) return [];
        try
        {
            store.AddLicenses(_pending, _actor);
            return _pending.Select(p => p.Record).ToList();
        }
        finally
        {
            _pending.Clear(); // committed, or rolled back as a whole: never handed out either way
        }
    }

    /// <summary>A fresh payload skeleton: new serial, issued now, valid from now.</summary>
    public static LicensePayload NewPayload(LicenseKind kind)
    {
        var now = Now();
        return new LicensePayload { Serial = LicenseSerial.NewSerial(), Kind = kind, IssuedAt = now, NotBefore = now };
    }
}
