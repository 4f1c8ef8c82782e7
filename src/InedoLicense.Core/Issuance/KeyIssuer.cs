using System.Diagnostics;
using InedoLicense.KeyFormat;
using InedoLicense.Signing;
using InedoLicense.Store;

namespace InedoLicense.Issuance;

/// <summary>
/// Signs keys and records them in batches: one transaction per batch, and no key is handed back
/// before its batch is committed. A full batch is signed on every core and committed on a
/// connection of its own while the caller fills the next one (docs/design/performance.md). The store holds its
/// <see cref="IssuanceRule"/>s in each commit: a key a rule refuses comes back in <see cref="CommittedKeys.Refused"/>.
/// </summary>
public sealed class KeyIssuer : IDisposable
{
    public const int DefaultBatchSize = 256;
    private const int BatchesInFlight = 2;
    private static readonly TimeSpan MaxBatchAge = TimeSpan.FromMilliseconds(250);
    private readonly LicenseSigner signer;
    private readonly Func<ILicenseStore> _openWriter;
    private readonly bool includeCertificates;
    private readonly List<Request> _pending = [];
    private readonly Queue<Task<BatchResult>> _inFlight = new();
    private readonly AuditActor _actor;
    private readonly Stopwatch _batchAge = new();
    private ILicenseStore? _writer;

    /// <summary>Records into <paramref name="store"/>, committing on a second connection to it.</summary>
    public KeyIssuer(LicenseSigner signer, ILicenseStore store, bool includeCertificates = false)
        : this(signer, store.OpenAnother, includeCertificates)
    {
    }

    /// <summary>Records into the store <paramref name="openWriter"/> opens on the first commit (which may create it).</summary>
    public KeyIssuer(LicenseSigner signer, Func<ILicenseStore> openWriter, bool includeCertificates = false)
    {
        this.signer = signer;
        _openWriter = openWriter;
        this.includeCertificates = includeCertificates;
        _actor = AuditActor.CurrentUser(signer.Thumbprint);
    }

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Now, to whole seconds: what a payload can carry.</summary>
    public static DateTimeOffset Now() => Terms.LicenseTerm.ToWholeSeconds(DateTimeOffset.UtcNow);

    /// <summary>
    /// Validates one payload and queues it; returns the keys committed since the last call (often none)
    /// and the failure of a batch that could not be committed (none of its keys exist). Throws
    /// ArgumentException for a payload that must not be signed.
    /// </summary>
    /// <param name="stopgapFor">For a stopgap key: the lapsed licence it bridges (recorded, not signed).</param>
    /// <param name="mayOverride">The rule this request may get past (an explicit -Force); recorded when it does.</param>
    /// <param name="origin">What the caller asked with (a pipeline row, say): handed back with the key if a rule refuses it.</param>
    public CommittedKeys Add(LicensePayload payload, string? auditNote = null, string? stopgapFor = null,
        IssuanceRule? mayOverride = null, object? origin = null)
    {
        Authorize(payload.Kind);
        PayloadRules.Validate(payload);
        if (_pending.Count == 0) _batchAge.Restart();
        _pending.Add(new Request(payload, auditNote, stopgapFor, mayOverride, origin));
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
        var previous = _inFlight.LastOrDefault() ?? Task.FromResult(new BatchResult([], []));
        // Its own connection (the caller's may be reading meanwhile), and the first write may create the store.
        var writer = _writer ??= _openWriter();
        _inFlight.Enqueue(Commit(previous, signing, batch, writer));
    }

    private async Task<BatchResult> Commit(Task previous, Task<KeyToRecord[]> signing, List<Request> batch, ILicenseStore writer)
    {
        try { await previous.ConfigureAwait(false); } catch (Exception) { } // its failure is reported with its own batch
        var signed = await signing.ConfigureAwait(false);
        var result = writer.Licenses.AddLicenses(signed, _actor);
        if (result.Refused.Count == 0) return new BatchResult(result.Recorded, []);
        var origins = batch.ToDictionary(r => r.Payload.Serial, r => r.Origin, StringComparer.Ordinal);
        return new BatchResult(result.Recorded, result.Refused.Select(c => new RefusedKey(c, origins[c.Refused.Serial])).ToList());
    }

    private KeyToRecord[] Sign(List<Request> batch)
    {
        var signed = new KeyToRecord[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            var (payload, note, stopgapFor, mayOverride, _) = batch[i];
            var key = KeyText.Encode(signer.Sign(payload, includeCertificates));
            signed[i] = new KeyToRecord(LicenseRecord.FromPayload(payload, key, signer.Thumbprint) with { StopgapFor = stopgapFor }, note, mayOverride);
        });
        return signed;
    }

    // Oldest first; waits when more than BatchesInFlight are held, so memory stays bounded.
    private CommittedKeys Collect(bool waitForAll)
    {
        // Most calls (one per key) find nothing finished: no lists for them.
        if (!_inFlight.TryPeek(out var first) || !(waitForAll || first.IsCompleted || _inFlight.Count > BatchesInFlight))
            return CommittedKeys.None;
        var records = new List<LicenseRecord>();
        var failures = new List<Exception>();
        var refused = new List<RefusedKey>();
        while (_inFlight.TryPeek(out var oldest) && (waitForAll || oldest.IsCompleted || _inFlight.Count > BatchesInFlight))
        {
            _inFlight.Dequeue();
            try
            {
                var result = oldest.GetAwaiter().GetResult();
                records.AddRange(result.Records);
                refused.AddRange(result.Refused);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                failures.Add(e);
            }
        }
        return new CommittedKeys(records, failures) { Refused = refused };
    }

    private sealed record Request(LicensePayload Payload, string? AuditNote, string? StopgapFor, IssuanceRule? MayOverride, object? Origin);

    private sealed record BatchResult(IReadOnlyList<LicenseRecord> Records, IReadOnlyList<RefusedKey> Refused);

    /// <summary>A fresh payload skeleton: new serial, issued now, valid from now.</summary>
    public static LicensePayload NewPayload(LicenseKind kind)
    {
        var now = Now();
        return new LicensePayload { Serial = LicenseSerial.NewSerial(), Kind = kind, IssuedAt = now, NotBefore = now };
    }
}

/// <summary>The keys a batch commit made real since the last call, in issue order, and the failures of batches that were not recorded.</summary>
public sealed record CommittedKeys(IReadOnlyList<LicenseRecord> Records, IReadOnlyList<Exception> Failures)
{
    /// <summary>Nothing committed since the last call.</summary>
    public static CommittedKeys None { get; } = new([], []);

    /// <summary>Keys the store refused under one of its rules (never handed out), with what the caller asked with.</summary>
    public IReadOnlyList<RefusedKey> Refused { get; init; } = [];
}

/// <summary>A signed key the store did not record because <see cref="RuleConflict.Rule"/> already had its key; it was never handed out.</summary>
public sealed record RefusedKey(RuleConflict Conflict, object? Origin);
