using BenchmarkDotNet.Attributes;
using CustomerMetrics.Surveys;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// NPS per group over 100 M responses: byte scores with byte group ids (G ≤ 255) or ushort group ids (larger G).
/// Baselines in the same run: a pass that only reads both buffers (memory bandwidth) and the plain scalar grouped
/// loop a user would write (a branch per category, counts in an array). LINQ GroupBy takes over a minute per call at
/// 100 M on the shared machine, so it has its own class at 1 M (<see cref="SurveyGroupedLinqBenchmarks"/>). The library rows write into a
/// preallocated destination; CSAT (ratings 1–5 in a buffer of the same size) for comparison.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SurveyGroupedBenchmarks
{
    private byte[] _scores = [];
    private byte[] _ratings = [];
    private byte[] _byteGroups = [];
    private ushort[] _ushortGroups = [];
    private long[] _counts = [];
    private NpsResult[] _nps = [];
    private CsatResult[] _csat = [];

    [Params(100_000_000)]
    public int N { get; set; }

    [Params(16, 1000, 65_536)]
    public int G { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scores = SyntheticScores.Bytes(N, 11);
        _ratings = SyntheticScores.Bytes(N, 5, 1);
        var random = new Random(7);
        if (G <= 256)
        {
            _byteGroups = new byte[N];
            for (int i = 0; i < N; i++)
            {
                _byteGroups[i] = (byte)random.Next(G);
            }
        }
        else
        {
            _ushortGroups = new ushort[N];
            for (int i = 0; i < N; i++)
            {
                _ushortGroups[i] = (ushort)random.Next(G);
            }
        }

        _counts = new long[G * 3];
        _nps = new NpsResult[G];
        _csat = new CsatResult[G];
    }

    [Benchmark(Baseline = true)]
    public long ScalarGroupedLoop()
    {
        long[] counts = _counts;
        Array.Clear(counts);
        byte[] scores = _scores;
        for (int i = 0; i < scores.Length; i++)
        {
            int group = G <= 256 ? _byteGroups[i] : _ushortGroups[i];
            byte score = scores[i];
            if (score > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(score));
            }

            if (score >= 9)
            {
                counts[(group * 3) + 2]++;
            }
            else if (score >= 7)
            {
                counts[(group * 3) + 1]++;
            }
            else
            {
                counts[group * 3]++;
            }
        }

        return counts[0];
    }

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<byte>(_scores) | (G <= 256 ? ReadOnlyPass.Read<byte>(_byteGroups) : ReadOnlyPass.Read<ushort>(_ushortGroups));

    [Benchmark]
    public NpsResult Library()
    {
        if (G <= 256)
        {
            Nps.Calculate(_scores, _byteGroups, _nps);
        }
        else
        {
            Nps.Calculate(_scores, _ushortGroups, _nps);
        }

        return _nps[0];
    }

    [Benchmark]
    public CsatResult LibraryCsat()
    {
        if (G <= 256)
        {
            Csat.Calculate(_ratings, _byteGroups, _csat, 5);
        }
        else
        {
            Csat.Calculate(_ratings, _ushortGroups, _csat, 5);
        }

        return _csat[0];
    }
}

/// <summary>
/// Grouped NPS at 1 M responses with ushort group ids against LINQ GroupBy (too slow for 100 M on the shared machine)
/// and the plain scalar grouped loop, in one run.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SurveyGroupedLinqBenchmarks
{
    private byte[] _scores = [];
    private ushort[] _groups = [];
    private NpsResult[] _nps = [];

    [Params(1000, 65_536)]
    public int G { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scores = SyntheticScores.Bytes(1_000_000, 11);
        var random = new Random(7);
        _groups = [.. Enumerable.Range(0, _scores.Length).Select(_ => (ushort)random.Next(G))];
        _nps = new NpsResult[G];
    }

    [Benchmark(Baseline = true)]
    public long ScalarGroupedLoop()
    {
        long[] counts = new long[G * 3];
        for (int i = 0; i < _scores.Length; i++)
        {
            int group = _groups[i];
            byte score = _scores[i];
            if (score >= 9)
            {
                counts[(group * 3) + 2]++;
            }
            else if (score >= 7)
            {
                counts[(group * 3) + 1]++;
            }
            else
            {
                counts[group * 3]++;
            }
        }

        return counts[0];
    }

    [Benchmark]
    public int LinqGroupBy() => _scores.Zip(_groups, (s, g) => (Score: s, Group: (int)g)).GroupBy(r => r.Group)
        .Select(g => NpsResult.FromCounts(g.Count(r => r.Score >= 9), g.Count(r => r.Score is 7 or 8), g.Count(r => r.Score <= 6))).Count();

    [Benchmark]
    public NpsResult Library()
    {
        Nps.Calculate(_scores, _groups, _nps);
        return _nps[0];
    }
}
