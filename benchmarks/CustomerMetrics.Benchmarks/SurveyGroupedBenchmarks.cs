using System.Globalization;
using BenchmarkDotNet.Attributes;
using CustomerMetrics.Surveys;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// NPS per group over 100 M responses by default (set <c>CM_BENCH_N</c>, for example 10000000, to run a smaller size on a
/// loaded machine): byte scores with byte group ids (G ≤ 255) or ushort group ids (larger G). Baselines in the same
/// run: a pass that only reads both buffers (memory bandwidth), the plain scalar grouped loop a user would write (a
/// branch per category, counts in an array) and LINQ GroupBy. The library rows write into a preallocated destination;
/// CSAT (ratings 1–5 in a buffer of the same size) and CES (7-point agreement, ratings 1–7) against their own plain loops
/// and their own LINQ GroupBy (slow: run those at 10 M).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SurveyGroupedBenchmarks
{
    private byte[] _scores = [];
    private byte[] _ratings = [];
    private byte[] _cesRatings = [];
    private byte[] _byteGroups = [];
    private ushort[] _ushortGroups = [];
    private long[] _counts = [];
    private long[] _csatCounts = [];
    private long[] _cesCounts = [];
    private NpsResult[] _nps = [];
    private CsatResult[] _csat = [];
    private CesResult[] _ces = [];

    public static IEnumerable<int> Sizes =>
        [int.Parse(Environment.GetEnvironmentVariable("CM_BENCH_N") ?? "100000000", CultureInfo.InvariantCulture)];

    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>Group counts: 16, 1,000 and 65,536, or the comma-separated list in <c>CM_BENCH_G</c> (for example 1000,65536 for the slow LINQ rows).</summary>
    public static IEnumerable<int> GroupCounts =>
        Environment.GetEnvironmentVariable("CM_BENCH_G") is { Length: > 0 } list
            ? list.Split(',').Select(g => int.Parse(g, CultureInfo.InvariantCulture))
            : [16, 1000, 65_536];

    [ParamsSource(nameof(GroupCounts))]
    public int G { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scores = SyntheticScores.Bytes(N, 11);
        _ratings = SyntheticScores.Bytes(N, 5, 1);
        _cesRatings = SyntheticScores.Bytes(N, 7, 1);
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
        _csatCounts = new long[G * 5];
        _nps = new NpsResult[G];
        _csat = new CsatResult[G];
        _cesCounts = new long[G * 7];
        _ces = new CesResult[G];
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
    public int LinqGroupBy() => (G <= 256
            ? _scores.Zip(_byteGroups, (s, g) => (Score: s, Group: (int)g))
            : _scores.Zip(_ushortGroups, (s, g) => (Score: s, Group: (int)g)))
        .GroupBy(r => r.Group)
        .Select(g => NpsResult.FromCounts(g.Count(r => r.Score >= 9), g.Count(r => r.Score is 7 or 8), g.Count(r => r.Score <= 6))).Count();

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

    /// <summary>The plain CSAT loop a user writes (range check, one counter per group and rating, no category branch): the baseline of <see cref="LibraryCsat"/>.</summary>
    [Benchmark]
    public long ScalarGroupedLoopCsat()
    {
        long[] counts = _csatCounts;
        Array.Clear(counts);
        byte[] ratings = _ratings;
        for (int i = 0; i < ratings.Length; i++)
        {
            int group = G <= 256 ? _byteGroups[i] : _ushortGroups[i];
            int rating = ratings[i];
            if (rating < 1 || rating > 5)
            {
                throw new ArgumentOutOfRangeException(nameof(rating));
            }

            counts[(group * 5) + rating - 1]++;
        }

        return counts[0];
    }

    /// <summary>CSAT per group through the library (ratings 1–5), to compare with <see cref="ScalarGroupedLoopCsat"/>.</summary>
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

    /// <summary>The plain CES loop a user writes (7-point scale: range check, one counter per group and rating): the baseline of <see cref="LibraryCes"/>.</summary>
    [Benchmark]
    public long ScalarGroupedLoopCes()
    {
        long[] counts = _cesCounts;
        Array.Clear(counts);
        byte[] ratings = _cesRatings;
        for (int i = 0; i < ratings.Length; i++)
        {
            int group = G <= 256 ? _byteGroups[i] : _ushortGroups[i];
            int rating = ratings[i];
            if (rating < 1 || rating > 7)
            {
                throw new ArgumentOutOfRangeException(nameof(rating));
            }

            counts[(group * 7) + rating - 1]++;
        }

        return counts[0];
    }

    /// <summary>The LINQ a user writes for CSAT per group: group by id, count each rating, build a <see cref="CsatResult"/> per group.</summary>
    [Benchmark]
    public int LinqGroupByCsat() => (G <= 256
            ? _ratings.Zip(_byteGroups, (r, g) => (Rating: r, Group: (int)g))
            : _ratings.Zip(_ushortGroups, (r, g) => (Rating: r, Group: (int)g)))
        .GroupBy(r => r.Group)
        .Select(g => new CsatResult(5, 2, Enumerable.Range(1, 5).Select(point => (long)g.Count(r => r.Rating == point)).ToArray()))
        .Count();

    /// <summary>The LINQ a user writes for CES per group (7-point agreement): group by id, count each rating, build a <see cref="CesResult"/> per group.</summary>
    [Benchmark]
    public int LinqGroupByCes() => (G <= 256
            ? _cesRatings.Zip(_byteGroups, (r, g) => (Rating: r, Group: (int)g))
            : _cesRatings.Zip(_ushortGroups, (r, g) => (Rating: r, Group: (int)g)))
        .GroupBy(r => r.Group)
        .Select(g => new CesResult(CesScale.SevenPointAgreement, Enumerable.Range(1, 7).Select(point => (long)g.Count(r => r.Rating == point)).ToArray()))
        .Count();

    /// <summary>CES per group through the library (7-point agreement scale), to compare with <see cref="ScalarGroupedLoopCes"/>.</summary>
    [Benchmark]
    public CesResult LibraryCes()
    {
        if (G <= 256)
        {
            Ces.Calculate(_cesRatings, _byteGroups, CesScale.SevenPointAgreement, _ces);
        }
        else
        {
            Ces.Calculate(_cesRatings, _ushortGroups, CesScale.SevenPointAgreement, _ces);
        }

        return _ces[0];
    }
}
