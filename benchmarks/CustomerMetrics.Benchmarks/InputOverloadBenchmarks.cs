using System.Collections.ObjectModel;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// What each input overload costs against the span path it wraps, in the same run. NPS over 1 M byte scores held as an
/// array (the span path, baseline), a <see cref="List{T}"/>, a <see cref="Collection{T}"/> (an ICollection copied to a
/// pooled buffer), a lazy LINQ sequence, and what a user would write without the overloads (<c>ToArray</c>, LINQ Count).
/// RFM over 1 M transactions of 100 K customers with int ids and DateOnly dates (baseline) against string, sparse long
/// and Guid keys, a reused key map, a hand-written dictionary mapping, and DateTime / DateTimeOffset dates.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class InputOverloadBenchmarks
{
    private const int Scores = 1_000_000;
    private const int Rows = 1_000_000;
    private const int Customers = 100_000;
    private static readonly DateOnly Start = new(2023, 1, 1);
    private static readonly DateOnly End = new(2024, 3, 31);
    private static readonly RfmOptions Options = RfmOptions.Weeks;

    private byte[] _scores = [];
    private List<byte> _scoreList = [];
    private Collection<byte> _scoreCollection = [];
    private IEnumerable<byte> _scoreSequence = [];

    private int[] _ids = [];
    private string[] _stringKeys = [];
    private long[] _longKeys = [];
    private Guid[] _guidKeys = [];
    private DateOnly[] _dates = [];
    private DateTime[] _dateTimes = [];
    private DateTimeOffset[] _instants = [];
    private double[] _amounts = [];
    private CustomerKeys<string> _stringMap = null!;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261125);
        _scores = new byte[Scores];
        for (int i = 0; i < Scores; i++)
        {
            _scores[i] = (byte)random.Next(0, 11);
        }

        _scoreList = [.. _scores];
        _scoreCollection = new Collection<byte>([.. _scores]);
        _scoreSequence = _scores.Select(s => s);

        string[] names = Enumerable.Range(0, Customers).Select(c => $"CRM-{c * 7919 % 1_000_003:D7}").ToArray();
        long[] longs = Enumerable.Range(0, Customers).Select(c => 9_000_000_000L + ((long)c * 104_729)).ToArray();
        Guid[] guids = Enumerable.Range(0, Customers).Select(_ => Guid.NewGuid()).ToArray();
        _ids = new int[Rows];
        _stringKeys = new string[Rows];
        _longKeys = new long[Rows];
        _guidKeys = new Guid[Rows];
        _dates = new DateOnly[Rows];
        _dateTimes = new DateTime[Rows];
        _instants = new DateTimeOffset[Rows];
        _amounts = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            int c = random.Next(Customers);
            _ids[i] = c;
            _stringKeys[i] = names[c];
            _longKeys[i] = longs[c];
            _guidKeys[i] = guids[c];
            _dates[i] = Start.AddDays(random.Next(0, 455));
            _dateTimes[i] = _dates[i].ToDateTime(new TimeOnly(random.Next(24), random.Next(60)));
            _instants[i] = new DateTimeOffset(_dateTimes[i], TimeSpan.Zero);
            _amounts[i] = Math.Round(5 + (random.NextDouble() * 195), 2);
        }

        _stringMap = CustomerKeys.Create<string>(_stringKeys);
        try
        {
            _zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        }
        catch (TimeZoneNotFoundException)
        {
            _zone = TimeZoneInfo.CreateCustomTimeZone("Fixed+01", TimeSpan.FromHours(1), "Fixed+01", "Fixed+01");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Nps 1 M scores")]
    public double NpsSpan() => Nps.Calculate(_scores.AsSpan()).Score;

    [Benchmark, BenchmarkCategory("Nps 1 M scores")]
    public double NpsList() => Nps.Calculate(_scoreList).Score;

    [Benchmark, BenchmarkCategory("Nps 1 M scores")]
    public double NpsListToArray() => Nps.Calculate(_scoreList.ToArray()).Score;

    [Benchmark, BenchmarkCategory("Nps 1 M scores")]
    public double NpsCollectionCopiedToPool() => Nps.Calculate(_scoreCollection).Score;

    [Benchmark, BenchmarkCategory("Nps 1 M scores")]
    public double NpsLazySequenceCopiedToPool() => Nps.Calculate(_scoreSequence).Score;

    [Benchmark, BenchmarkCategory("Nps 1 M scores")]
    public double NpsLinqOnList() => 100.0 * (_scoreList.Count(s => s >= 9) - _scoreList.Count(s => s <= 6)) / _scoreList.Count;

    [Benchmark, BenchmarkCategory("Nps 1 M scores")]
    public double NpsScalarLoopOnList()
    {
        long promoters = 0, detractors = 0;
        foreach (byte s in _scoreList)
        {
            promoters += s >= 9 ? 1 : 0;
            detractors += s <= 6 ? 1 : 0;
        }

        return 100.0 * (promoters - detractors) / _scoreList.Count;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmIntIdsDateOnly() => Rfm.Summarize(_ids, _dates, _amounts, End, Options).Count;

    [Benchmark, BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmStringKeys() => Rfm.Summarize<string>(_stringKeys, _dates, _amounts, End, Options, null).Count;

    [Benchmark, BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmStringKeysReusedMap() => Rfm.Summarize<string>(_stringKeys, _dates, _amounts, End, Options, _stringMap).Count;

    [Benchmark, BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmStringKeysHandWrittenDictionary()
    {
        var map = new Dictionary<string, int>();
        var ids = new int[_stringKeys.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (!map.TryGetValue(_stringKeys[i], out int id))
            {
                id = map.Count;
                map.Add(_stringKeys[i], id);
            }

            ids[i] = id;
        }

        return Rfm.Summarize(ids, _dates, _amounts, End, Options).Count;
    }

    [Benchmark, BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmSparseLongKeys() => Rfm.Summarize<long>(_longKeys, _dates, _amounts, End, Options, null).Count;

    [Benchmark, BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmGuidKeys() => Rfm.Summarize<Guid>(_guidKeys, _dates, _amounts, End, Options, null).Count;

    [Benchmark, BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmIntIdsDateTime() => Rfm.Summarize<int>(_ids, _dateTimes, _amounts, End, Options, null).Count;

    [Benchmark, BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmIntIdsDateTimeOffsetUtc() => Rfm.Summarize<int>(_ids, _instants, TimeZoneInfo.Utc, _amounts, End, Options, null).Count;

    [Benchmark, BenchmarkCategory("Rfm 1 M rows, 100 K customers")]
    public int RfmIntIdsDateTimeOffsetBerlin() => Rfm.Summarize<int>(_ids, _instants, _zone, _amounts, End, Options, null).Count;
}
