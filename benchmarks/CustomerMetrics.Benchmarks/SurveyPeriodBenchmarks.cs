using System.Globalization;
using BenchmarkDotNet.Attributes;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// NPS per calendar month over (date, score) rows spread over one year in random order (the worst order for any
/// per-row cache), 100 M rows by default; set <c>CM_BENCH_N</c> (for example 10000000) to run a smaller size on a loaded
/// machine. Baselines in the same run: the plain loop a user would write (Year and Month of each DateOnly, a branch
/// per category, counts in an array), LINQ GroupBy by (year, month), and a pass that only reads both buffers (the
/// dates, 4 bytes a row, and the scores, 1 byte a row). The library rows write into a preallocated destination (`Library` on
/// both cores from 2^20 rows, `LibraryOneCore` forced onto one); the DateTime row reads a third buffer of 8-byte timestamps.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SurveyPeriodBenchmarks
{
    private static readonly DateOnly Origin = new(2025, 1, 1);
    private DateOnly[] _dates = [];
    private DateTime[] _times = [];
    private byte[] _scores = [];
    private readonly NpsResult[] _months = new NpsResult[12];
    private readonly long[] _counts = new long[36];

    public static IEnumerable<int> Sizes =>
        [int.Parse(Environment.GetEnvironmentVariable("CM_BENCH_N") ?? "100000000", CultureInfo.InvariantCulture)];

    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scores = SyntheticScores.Bytes(N, 11);
        var random = new Random(3);
        _dates = new DateOnly[N];
        _times = new DateTime[N];
        for (int i = 0; i < N; i++)
        {
            _dates[i] = Origin.AddDays(random.Next(365));
            _times[i] = _dates[i].ToDateTime(new TimeOnly(random.Next(24), 0));
        }

        // Bring the library's code to its steady state (tier-1 code, per-thread fork items) before the few long
        // invocations that 100 M rows allow, as in a long-running service: 2^21 rows fork like the full size.
        int warm = Math.Min(N, 1 << 21);
        for (int round = 0; round < 2; round++)
        {
            for (int call = 0; call < 40; call++)
            {
                Nps.CalculateByPeriod(_dates.AsSpan(0, warm), _scores.AsSpan(0, warm), Origin, PeriodUnit.Month, _months);
                Nps.CalculateByPeriod(_dates.AsSpan(0, warm), _scores.AsSpan(0, warm), Origin, PeriodUnit.Month, _months, int.MaxValue, VectorPath.Auto);
                Nps.CalculateByPeriod(_times.AsSpan(0, warm), _scores.AsSpan(0, warm), Origin, PeriodUnit.Month, _months);
            }

            Thread.Sleep(500);
        }
    }

    [Benchmark(Baseline = true)]
    public long PlainLoop()
    {
        long[] counts = _counts;
        Array.Clear(counts);
        DateOnly[] dates = _dates;
        byte[] scores = _scores;
        for (int i = 0; i < scores.Length; i++)
        {
            DateOnly date = dates[i];
            int month = ((date.Year - 2025) * 12) + date.Month - 1;
            byte score = scores[i];
            if ((uint)month >= 12 || score > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(dates));
            }

            if (score >= 9)
            {
                counts[(month * 3) + 2]++;
            }
            else if (score >= 7)
            {
                counts[(month * 3) + 1]++;
            }
            else
            {
                counts[month * 3]++;
            }
        }

        return counts[0];
    }

    [Benchmark]
    public int LinqGroupBy() => _dates.Zip(_scores, (d, s) => (Date: d, Score: s))
        .GroupBy(r => (r.Date.Year, r.Date.Month))
        .Select(g => NpsResult.FromCounts(g.Count(r => r.Score >= 9), g.Count(r => r.Score is 7 or 8), g.Count(r => r.Score <= 6)))
        .Count();

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<DateOnly>(_dates) | ReadOnlyPass.Read<byte>(_scores);

    [Benchmark]
    public long Library()
    {
        Nps.CalculateByPeriod(_dates, _scores, Origin, PeriodUnit.Month, _months);
        return _months[0].Promoters;
    }

    [Benchmark]
    public long LibraryOneCore()
    {
        Nps.CalculateByPeriod(_dates, _scores, Origin, PeriodUnit.Month, _months, int.MaxValue, VectorPath.Auto);
        return _months[0].Promoters;
    }

    [Benchmark]
    public long LibraryDateTime()
    {
        Nps.CalculateByPeriod(_times, _scores, Origin, PeriodUnit.Month, _months);
        return _months[0].Promoters;
    }
}
