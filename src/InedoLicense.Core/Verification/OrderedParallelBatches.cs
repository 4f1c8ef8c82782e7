namespace InedoLicense.Verification;

/// <summary>
/// Runs a function over a stream of items on every core and hands the results back in input
/// order, a batch at a time. While the caller writes one batch's results, the next batches are
/// already being worked on; at most <c>batchesInFlight</c> batches are held, so memory stays flat
/// however long the stream.
/// </summary>
public sealed class OrderedParallelBatches<TInput, TResult>(Func<TInput, TResult> work, Func<TInput, Exception, TResult> onFailure,
    int batchSize = 1024, int batchesInFlight = 3)
{
    private readonly Queue<Task<TResult[]>> _inFlight = new();
    private List<TInput> _current = new(batchSize);

    /// <summary>Queues one item; returns the results that are ready (in order), often none.</summary>
    public IEnumerable<TResult> Add(TInput item)
    {
        _current.Add(item);
        if (_current.Count < batchSize) return [];
        Start();
        return _inFlight.Count >= batchesInFlight ? _inFlight.Dequeue().Result : TakeFinished();
    }

    /// <summary>Waits for everything queued and returns the remaining results, in order.</summary>
    public IEnumerable<TResult> Finish()
    {
        if (_current.Count > 0) Start();
        while (_inFlight.Count > 0)
            foreach (var result in _inFlight.Dequeue().Result)
                yield return result;
    }

    private void Start()
    {
        var batch = _current;
        _current = new List<TInput>(batchSize);
        _inFlight.Enqueue(Task.Run(() =>
        {
            var results = new TResult[batch.Count];
            Parallel.For(0, batch.Count, i => results[i] = Run(batch[i]));
            return results;
        }));
    }

    private TResult Run(TInput item)
    {
        try
        {
            return work(item);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return onFailure(item, e);
        }
    }

    private IEnumerable<TResult> TakeFinished()
    {
        var ready = new List<TResult>();
        while (_inFlight.TryPeek(out var oldest) && oldest.IsCompleted)
            ready.AddRange(_inFlight.Dequeue().Result);
        return ready;
    }
}
