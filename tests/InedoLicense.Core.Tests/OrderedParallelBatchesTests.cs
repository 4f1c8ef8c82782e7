using System.Collections.Concurrent;
using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

public sealed class OrderedParallelBatchesTests
{
    [Fact]
    public void ResultsComeBackInInputOrderThoughWorkFinishesOutOfOrder()
    {
        // A gate, not a race: the first item of every batch waits until another item of its batch has finished.
        const int BatchSize = 16;
        var otherFinished = new ConcurrentDictionary<int, ManualResetEventSlim>();
        var finishOrder = new ConcurrentQueue<int>();
        int Work(int i)
        {
            var gate = otherFinished.GetOrAdd(i / BatchSize, _ => new ManualResetEventSlim());
            if (i % BatchSize == 0)
            {
                if (!gate.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException($"no other item of item {i}'s batch finished");
            }
            else gate.Set();
            finishOrder.Enqueue(i);
            return i * 2;
        }
        var batches = new OrderedParallelBatches<int, int>(Work, Fail, batchSize: BatchSize, batchesInFlight: 2);
        var results = new List<int>();
        for (var i = 0; i < 1000; i++) results.AddRange(batches.Add(i));
        results.AddRange(batches.Finish());

        Assert.NotEqual(Enumerable.Range(0, 1000), finishOrder); // the work really finished out of order
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i * 2), results);
    }

    [Fact]
    public void HoldsNoMoreThanTheBatchesInFlight()
    {
        var batches = new OrderedParallelBatches<int, int>(i => i, Fail, batchSize: 10, batchesInFlight: 2);
        var returned = 0;
        for (var i = 0; i < 100; i++)
        {
            returned += batches.Add(i).Count();
            // Queued but not returned: the batch being filled plus at most the batches in flight.
            Assert.True(i + 1 - returned <= 10 * 3, $"after {i + 1} items only {returned} came back");
        }
        Assert.Equal(100 - returned, batches.Finish().Count());
    }

    [Fact]
    public void FinishWithNothingQueuedReturnsNothing() =>
        Assert.Empty(new OrderedParallelBatches<int, int>(i => i, Fail).Finish());

    [Fact]
    public void AnItemThatThrowsGetsItsFailureResultAndTheOthersTheirs()
    {
        var batches = new OrderedParallelBatches<int, int>(i => i == 5 ? throw new InvalidOperationException("five") : i,
            (i, e) => -i * (e is InvalidOperationException ? 1 : 1000), batchSize: 4, batchesInFlight: 2);

        var results = Enumerable.Range(0, 10).SelectMany(batches.Add).Concat(batches.Finish()).ToList();

        Assert.Equal([0, 1, 2, 3, 4, -5, 6, 7, 8, 9], results);
    }

    private static int Fail(int item, Exception e) => throw new Xunit.Sdk.XunitException($"item {item} failed: {e}");
}
