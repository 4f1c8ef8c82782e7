using System.Diagnostics;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>
/// Signs keys and records them in batches: one transaction per batch, and no key is handed back
/// before its batch is committed. A full batch is signed on every core and committed on a
/// connection of its own while the caller fills the next one (docs/design/performance.md).
/// </summary>
public sealed class KeyIssuer(LicenseSigner signer, LicenseStore store, bool includeCertificates = false) : IDisposable
{
    public const int DefaultBatchSize = 256;
    private const int BatchesInFlight = 2;
    private static readonly TimeSpan MaxBatchAge = TimeSpan.FromMilliseconds(250);
    private readonly List<Request> _pending = [];
    private readonly Queue<Task<IReadOnlyList<LicenseRecord>>> _inFlight = new();
    private readonly AuditActor _actor = AuditActor.CurrentUser(signer.Thumbprint);
    private readonly Stopwatch _batchAge = new();
    private LicenseStore? _writer;

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Now, to whole seconds: what a payload can carry.</summary>
    public static DateTimeOffset Now() => Terms.LicenseTerm.ToWholeSeconds(DateTimeOffset.UtcNow);

    /// <summary>
    /// Validates one payload and queues it; returns the keys committed since the last call (often none)
    /// and the failure of a batch that could not be committed (none of its keys exist). Throws
    /// ArgumentException for a payload that must not be signed.
    /// </summary>
    /// <param name="stopgapFor">For a stopgap key: the lapsed licence it bridges (recorded, not signed).</param>
    public CommittedKeys Add(LicensePayload payload, string? auditNote = null, string? stopgapFor = null)
    {
        Authorize(payload.Kind);
        PayloadRules.Validate(payload);
        if (_pending.Count == 0) _batchAge.Restart();
        _pending.Add(new Request(payload, auditNote, stopgapFor));
        if (_pending.Count >= BatchSize || _batchAge.Elapsed >= MaxBatchAge) StartBatch();
        return Collect(waitForAll: false);
    }

    /// <summary>
    /// The role check, the one place it is made for keys: throws <see cref="IssuerNotAuthorizedException"/> unless
    /// the signer holds the role keys of <paramref name="kind"/> need. <see cref="Add"/> makes it for every key; a
    /// command may make it before its first key, to refuse at once.
    /// </summary>
    public void Authorize(LicenseKind kind)
    {
        if (!signer.MaySign(kind)) throw new IssuerNotAuthorizedException(signer.Thumbprint, kind);
    }

    /// <summary>Signs and commits everything queued, waits for it, and returns what was committed since the last call.</summary>
    public CommittedKeys Flush()
    {
        StartBatch();
        return Collect(waitForAll: true);
    }

    public void Dispose()
    {
        try { Task.WaitAll([.. _inFlight]); } catch (AggregateException) { } // a failed batch was not issued; nothing to undo
        _writer?.Dispose();
    }

    // Signing runs on every core; commits run one after another, in order, on the writer connection, so
    // batch N+1 is signed while batch N commits.
    private void StartBatch()
    {
        if (_pending.Count == 0) return;
        var batch = _pending.ToList();
        _pending.Clear(); // committed, or rolled back as a whole: never handed out either way
        var signing = Task.Run(() => Sign(batch));
        var previous = _inFlight.LastOrDefault() ?? Task.FromResult<IReadOnlyList<LicenseRecord>>([]);
        var writer = _writer ??= LicenseStore.Open(store.Path); // its own connection: the caller's may be reading meanwhile
        _inFlight.Enqueue(Commit(previous, signing, writer));
    }

    private async Task<IReadOnlyList<LicenseRecord>> Commit(Task previous, Task<(LicenseRecord Record, string? AuditNote)[]> signing, LicenseStore writer)
    {
        try { await previous.ConfigureAwait(false); } catch (Exception) { } // its failure is reported with its own batch
        var signed = await signing.ConfigureAwait(false);
        writer.AddLicenses(signed, _actor);
        return signed.Select(s => s.Record).ToList();
    }

    private (LicenseRecord Record, string? AuditNote)[] Sign(List<Request> batch)
    {
        var signed = new (LicenseRecord Record, string? AuditNote)[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            var (payload, note, stopgapFor) = batch[i];
            var key = KeyText.Encode(signer.Sign(payload, includeCertificates));
            signed[i] = (LicenseRecord.FromPayload(payload, key, signer.Thumbprint) with { StopgapFor = stopgapFor }, note);
        });
        return signed;
    }

    // Oldest first; waits when more than BatchesInFlight are held, so memory stays bounded.
    private CommittedKeys Collect(bool waitForAll)
    {
        var records = new List<LicenseRecord>();
        var failures = new List<Exception>();
        while (_inFlight.TryPeek(out var oldest) && (waitForAll || oldest.IsCompleted || _inFlight.Count > BatchesInFlight))
        {
            _inFlight.Dequeue();
            try { records.AddRange(oldest.GetAwaiter().GetResult()); }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException) { failures.Add(e); }
        }
        return new CommittedKeys(records, failures);
    }

    private sealed record Request(LicensePayload Payload, string? AuditNote, string? StopgapFor);

    /// <summary>A fresh payload skeleton: new serial, issued now, valid from now.</summary>
    public static LicensePayload NewPayload(LicenseKind kind)
    {
        var now = Now();
        return new LicensePayload { Serial = LicenseSerial.NewSerial(), Kind = kind, IssuedAt = now, NotBefore = now };
    }
}

/// <summary>The keys a batch commit made real since the last call, in issue order, and the failures of batches that were not recorded.</summary>
public sealed record CommittedKeys(IReadOnlyList<LicenseRecord> Records, IReadOnlyList<Exception> Failures);
