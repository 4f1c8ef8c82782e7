using System.Diagnostics;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>
/// Signs keys and records them in batches: one transaction per batch, and no key is handed back
/// before its batch is committed. A full batch is committed on a connection of its own while the
/// next batch is signed, so bulk issuance uses a second core for the store (docs/performance.md).
/// </summary>
public sealed class KeyIssuer(LicenseSigner signer, LicenseStore store, bool includeCertificates = false) : IDisposable
{
    public const int DefaultBatchSize = 256;
    private static readonly TimeSpan MaxBatchAge = TimeSpan.FromMilliseconds(250);
    private readonly List<(LicenseRecord Record, string? AuditNote)> _pending = [];
    private readonly AuditActor _actor = AuditActor.CurrentUser(signer.Thumbprint);
    private readonly Stopwatch _batchAge = new();
    private LicenseStore? _writer;
    private Task<IReadOnlyList<LicenseRecord>>? _committing;

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Now, to whole seconds: what a payload can carry.</summary>
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>
    /// Validates and signs one payload; returns the records committed since the last call (often none).
    /// Throws the store's exception when an earlier batch could not be committed: none of its keys exist.
    /// </summary>
    /// <param name="stopgapFor">For a stopgap key: the lapsed licence it bridges (recorded, not signed).</param>
    public IReadOnlyList<LicenseRecord> Add(LicensePayload payload, string? auditNote = null, string? stopgapFor = null)
    {
        if (!signer.MaySign(payload.Kind)) throw new IssuerNotAuthorizedException(signer.Thumbprint, payload.Kind);
        PayloadRules.Validate(payload);
        var key = KeyText.Encode(signer.Sign(payload, includeCertificates));
        if (_pending.Count == 0) _batchAge.Restart();
        _pending.Add((LicenseRecord.FromPayload(payload, key, signer.Thumbprint) with { StopgapFor = stopgapFor }, auditNote));
        return _pending.Count >= BatchSize || _batchAge.Elapsed >= MaxBatchAge ? CommitInBackground() : [];
    }

    /// <summary>Commits everything pending, waits for it, and returns what was committed since the last call.</summary>
    public IReadOnlyList<LicenseRecord> Flush()
    {
        var earlier = WaitForCommit();
        if (_pending.Count == 0) return earlier;
        var batch = TakePending();
        Writer.AddLicenses(batch, _actor);
        return [.. earlier, .. batch.Select(p => p.Record)];
    }

    public void Dispose()
    {
        try { _committing?.Wait(); } catch (AggregateException) { } // a failed batch was not issued; nothing to undo
        _writer?.Dispose();
    }

    // Hands back the previous batch once committed, and starts committing this one.
    private IReadOnlyList<LicenseRecord> CommitInBackground()
    {
        IReadOnlyList<LicenseRecord> earlier;
        try
        {
            earlier = WaitForCommit();
        }
        finally
        {
            var batch = TakePending();
            var writer = Writer;
            _committing = Task.Run(() =>
            {
                writer.AddLicenses(batch, _actor);
                return (IReadOnlyList<LicenseRecord>)batch.Select(p => p.Record).ToList();
            });
        }
        return earlier;
    }

    private IReadOnlyList<LicenseRecord> WaitForCommit()
    {
        if (_committing is not { } committing) return [];
        _committing = null;
        return committing.GetAwaiter().GetResult(); // rethrows the store's own exception
    }

    private List<(LicenseRecord Record, string? AuditNote)> TakePending()
    {
        var batch = _pending.ToList();
        _pending.Clear(); // committed, or rolled back as a whole: never handed out either way
        return batch;
    }

    // Its own connection: the caller's may be reading on the pipeline thread while a batch commits.
    private LicenseStore Writer => _writer ??= LicenseStore.Open(store.Path);

    /// <summary>A fresh payload skeleton: new serial, issued now, valid from now.</summary>
    public static LicensePayload NewPayload(LicenseKind kind)
    {
        var now = Now();
        return new LicensePayload { Serial = LicenseSerial.NewSerial(), Kind = kind, IssuedAt = now, NotBefore = now };
    }
}
