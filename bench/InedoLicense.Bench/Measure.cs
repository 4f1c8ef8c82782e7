using System.Diagnostics;

namespace InedoLicense.Bench;

/// <summary>Operations per second: warm up, then the median of three timed runs.</summary>
internal static class Measure
{
    public static double Rate(Action operation, TimeSpan duration) => Rate(operation, duration, out _);

    /// <param name="operations">How many times the operation ran (warm-up included).</param>
    public static double Rate(Action operation, TimeSpan duration, out long operations)
    {
        operations = 0;
        Run(operation, duration / 4, ref operations);
        var count = 0L;
        var runs = Enumerable.Range(0, 3).Select(_ => Run(operation, duration, ref count)).Order().ToList();
        operations += count;
        return runs[1];
    }

    /// <summary>
    /// CPU time of the calling thread so far (Linux: /proc/thread-self/stat, in clock ticks of 10 ms), else of the
    /// whole process: the runtime's own threads (JIT, GC) must not count against what one thread measures.
    /// </summary>
    public static TimeSpan ThreadCpu()
    {
        try
        {
            var stat = File.ReadAllText("/proc/thread-self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromMilliseconds((long.Parse(fields[11]) + long.Parse(fields[12])) * 10.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
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

    private static double Run(Action operation, TimeSpan duration, ref long operations)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 64; i++) operation();
            count += 64;
        }
        operations += count;
        return count / watch.Elapsed.TotalSeconds;
    }
}
