using BenchmarkDotNet.Attributes;
using CustomerMetrics.Surveys;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// NPS over 0–10 byte scores: the library kernel against a plain branch-free scalar loop (the baseline), the LINQ a
/// user would write, and a pass that only reads the same buffer (memory bandwidth).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class NpsByteBenchmarks
{
    private byte[] _scores = [];

    [Params(1_000, 1_000_000, 100_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _scores = SyntheticScores.Bytes(N, 11);

    [Benchmark(Baseline = true)]
    public long ScalarLoop()
    {
        long promoters = 0, detractors = 0;
        foreach (byte score in _scores)
        {
            if (score > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(score));
            }

            promoters += score >= 9 ? 1 : 0;
            detractors += score <= 6 ? 1 : 0;
        }

        return promoters - detractors;
    }

    [Benchmark]
    public long LinqCount() => _scores.Count(s => s >= 9) - _scores.Count(s => s <= 6);

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<byte>(_scores);

    [Benchmark]
    public NpsResult Library() => Nps.Calculate(_scores);
}

/// <summary>NPS over 0–10 scores stored as 32-bit integers, against the same baselines over the int buffer.</summary>
[Config(typeof(BenchmarkConfig))]
public class NpsInt32Benchmarks
{
    private int[] _scores = [];

    [Params(1_000, 1_000_000, 100_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _scores = SyntheticScores.Bytes(N, 11).Select(b => (int)b).ToArray();

    [Benchmark(Baseline = true)]
    public long ScalarLoop()
    {
        long promoters = 0, detractors = 0;
        foreach (int score in _scores)
        {
            if ((uint)score > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(score));
            }

            promoters += score >= 9 ? 1 : 0;
            detractors += score <= 6 ? 1 : 0;
        }

        return promoters - detractors;
    }

    [Benchmark]
    public long LinqCount() => _scores.Count(s => s >= 9) - _scores.Count(s => s <= 6);

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<int>(_scores);

    [Benchmark]
    public NpsResult Library() => Nps.Calculate(_scores);
}

/// <summary>CES (7-point) and CSAT (5- and 10-point) over byte ratings against the read-only pass and a scalar histogram.</summary>
[Config(typeof(BenchmarkConfig))]
public class CesCsatBenchmarks
{
    private byte[] _ces = [];
    private byte[] _csat = [];
    private byte[] _csat10 = [];

    [Params(1_000_000, 100_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ces = SyntheticScores.Bytes(N, 7, offset: 1);
        _csat = SyntheticScores.Bytes(N, 5, offset: 1);
        _csat10 = SyntheticScores.Bytes(N, 10, offset: 1);
    }

    [Benchmark(Baseline = true)]
    public long ScalarHistogram()
    {
        Span<long> counts = stackalloc long[8];
        foreach (byte rating in _ces)
        {
            if (rating is < 1 or > 7)
            {
                throw new ArgumentOutOfRangeException(nameof(rating));
            }

            counts[rating]++;
        }

        return counts[7];
    }

    [Benchmark]
    public double LinqAverage() => _ces.Average(r => (double)r);

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<byte>(_ces);

    [Benchmark]
    public CesResult Ces7() => Ces.Calculate(_ces, CesScale.SevenPointAgreement);

    [Benchmark]
    public CsatResult Csat5() => Csat.Calculate(_csat);

    [Benchmark]
    public CsatResult Csat10() => Csat.Calculate(_csat10, 10);
}

internal static class SyntheticScores
{
    /// <summary>Deterministic pseudo-random values offset..offset+range−1.</summary>
    public static byte[] Bytes(int n, int range, int offset = 0)
    {
        var random = new Random(42);
        byte[] values = new byte[n];
        random.NextBytes(values);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (byte)((values[i] % range) + offset);
        }

        return values;
    }
}
