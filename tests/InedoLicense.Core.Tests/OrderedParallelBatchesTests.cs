using InedoLicense.Verification;

namespace InedoLicense.Core.Tests;

public sealed class OrderedParallelBatchesTests
{
    [Fact]
    public void ResultsComeBackInInputOrderThoughWorkFinishesOutOfOrder()
    {
        // Early items take longest, so a batch's later items finish first.
        var batches = new OrderedParallelBatches<int, int>(i => { Thread.SpinWait((100 - i % 100) * 2000); return i * 2; }, batchSize: 16, batchesInFlight: 2);
        var results = new List<int>();
        for (var i = 0; i < 1000; i++) results.AddRange(batches.Add(i));
        results.AddRange(batches.Finish());
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i * 2), results);
    }

    [Fact]
    public void HoldsNoMoreThanTheBatchesInFlight()
    {
        var batches = new OrderedParallelBatches<int, int>(i => i, batchSize: 10, batchesInFlight: 2);
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
        Assert.Empty(new OrderedParallelBatches<int, int>(i => i).Finish());
}
