using System.Diagnostics;

namespace InedoLicense.Bench;

/// <summary>Operations per second: warm up, then the median of three timed runs.</summary>
internal static class Measure
{
    public static double Rate(Action operation, TimeSpan duration)
    {
        Run(operation, duration / 4);
        var runs = Enumerable.Range(0, 3).Select(_ => Run(operation, duration)).Order().ToList();
        return runs[1];
    }

    /// <summary>Items per second of a batch job: median of <paramref name="repeats"/> runs.</summary>
    public static double BatchRate(int items, Action job, int repeats = 3)
    {
        var runs = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            job();
            runs.Add(items / watch.Elapsed.TotalSeconds);
        }
        runs.Sort();
        return runs[runs.Count / 2];
    }

    private static double Run(Action operation, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 64; i++) operation();
            count += 64;
        }
        return count / watch.Elapsed.TotalSeconds;
    }
}
