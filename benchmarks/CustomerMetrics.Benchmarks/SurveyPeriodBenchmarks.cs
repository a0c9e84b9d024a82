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
/// CSAT (1–5, conventional top box 4–5) and CES (1–7) per month over the same dates and their own rating buffers: the
/// library, the plain loop a user writes (Year and Month, a count per month and point), LINQ GroupBy by (year, month);
/// the read-only row reads the same number of bytes (dates and one byte a row).
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
    private byte[] _csat = [];
    private byte[] _ces = [];
    private readonly CsatResult[] _csatMonths = new CsatResult[12];
    private readonly CesResult[] _cesMonths = new CesResult[12];
    private readonly long[] _pointCounts = new long[12 * 8];
    private int[] _ids = [];
    private int[] _groups = [];
    private readonly CsatResult[] _csatCells = new CsatResult[12 * Groups];
    private readonly long[] _cellCounts = new long[12 * Groups * 8];

    /// <summary>Groups (segments) of the per-month-and-group rows.</summary>
    private const int Groups = 16;

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
        _csat = new byte[N];
        _ids = new int[N];
        _ces = new byte[N];
        _groups = new int[N];
        for (int i = 0; i < N; i++)
        {
            _groups[i] = random.Next(Groups);
            _dates[i] = Origin.AddDays(random.Next(365));
            _times[i] = _dates[i].ToDateTime(new TimeOnly(random.Next(24), 0));
            _csat[i] = (byte)(1 + random.Next(5));
            _ces[i] = (byte)(1 + random.Next(7));
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
                Csat.CalculateByPeriod(_dates.AsSpan(0, warm), _csat.AsSpan(0, warm), Origin, PeriodUnit.Month, _csatMonths, 5);
                Ces.CalculateByPeriod(_dates.AsSpan(0, warm), _ces.AsSpan(0, warm), Origin, PeriodUnit.Month, CesScale.SevenPointAgreement, _cesMonths);
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

    [Benchmark]
    public long CsatPlainLoop() => PointLoop(_csat, 5);

    [Benchmark]
    public int CsatLinqGroupBy() => _dates.Zip(_csat, (d, s) => (Date: d, Rating: s))
        .GroupBy(r => (r.Date.Year, r.Date.Month))
        .Select(g => Csat.Calculate([.. g.Select(r => r.Rating)], 5))
        .Count();

    [Benchmark]
    public long CsatLibrary()
    {
        Csat.CalculateByPeriod(_dates, _csat, Origin, PeriodUnit.Month, _csatMonths, 5);
        return _csatMonths[0].Count;
    }

    /// <summary>
    /// The design before this one, from public calls: the period of each response into an int buffer (the library
    /// rented one from the pool), then the grouped CSAT over those ids.
    /// </summary>
    [Benchmark]
    public long CsatIdsThenGrouped()
    {
        DateOnly[] dates = _dates;
        int[] ids = _ids;
        for (int i = 0; i < dates.Length; i++)
        {
            DateOnly date = dates[i];
            int month = ((date.Year - 2025) * 12) + date.Month - 1;
            if ((uint)month >= 12)
            {
                throw new ArgumentOutOfRangeException(nameof(dates));
            }

            ids[i] = month;
        }

        Csat.Calculate(_csat, ids, _csatMonths, 5);
        return _csatMonths[0].Count;
    }

    /// <summary>CSAT per month and group (16 groups) in one call: the period × group cells.</summary>
    [Benchmark]
    public long CsatByMonthAndGroupLibrary()
    {
        Csat.CalculateByPeriod(_dates, _csat, _groups, Groups, Origin, PeriodUnit.Month, _csatCells, 5);
        return _csatCells[0].Count;
    }

    /// <summary>The loop a user writes for months × groups: a count per cell and point, then the results.</summary>
    [Benchmark]
    public long CsatByMonthAndGroupPlainLoop()
    {
        long[] counts = _cellCounts;
        Array.Clear(counts);
        DateOnly[] dates = _dates;
        byte[] ratings = _csat;
        int[] groups = _groups;
        for (int i = 0; i < ratings.Length; i++)
        {
            DateOnly date = dates[i];
            int month = ((date.Year - 2025) * 12) + date.Month - 1;
            int rating = ratings[i];
            int group = groups[i];
            if ((uint)month >= 12 || (uint)(rating - 1) >= 5 || (uint)group >= Groups)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings));
            }

            counts[(((month * Groups) + group) * 8) + rating]++;
        }

        return counts[9];
    }

    [Benchmark]
    public long CesPlainLoop() => PointLoop(_ces, 7);

    [Benchmark]
    public int CesLinqGroupBy() => _dates.Zip(_ces, (d, s) => (Date: d, Rating: s))
        .GroupBy(r => (r.Date.Year, r.Date.Month))
        .Select(g => Ces.Calculate([.. g.Select(r => r.Rating)], CesScale.SevenPointAgreement))
        .Count();

    [Benchmark]
    public long CesLibrary()
    {
        Ces.CalculateByPeriod(_dates, _ces, Origin, PeriodUnit.Month, CesScale.SevenPointAgreement, _cesMonths);
        return _cesMonths[0].Count;
    }

    /// <summary>The loop a user writes: Year and Month of each date, a range check, a count per month and point.</summary>
    private long PointLoop(byte[] ratings, int points)
    {
        long[] counts = _pointCounts;
        Array.Clear(counts);
        DateOnly[] dates = _dates;
        for (int i = 0; i < ratings.Length; i++)
        {
            DateOnly date = dates[i];
            int month = ((date.Year - 2025) * 12) + date.Month - 1;
            int rating = ratings[i];
            if ((uint)month >= 12 || (uint)(rating - 1) >= (uint)points)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings));
            }

            counts[(month * 8) + rating]++;
        }

        return counts[1];
    }
}
