using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CustomerMetrics.Value;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// RFM summary of 10 M transactions over 1 M customers (ids 1..1 M, 18 months of dates, rows in date order as a
/// typical export; also shuffled), against a read-only pass over the same buffers, a hand-written dictionary loop and LINQ GroupBy.
/// </summary>
[MemoryDiagnoser]
public class ValueRfmBenchmarks
{
    private const int Rows = 10_000_000;
    private const int Customers = 1_000_000;
    private static readonly DateOnly Start = new(2023, 1, 1);
    private static readonly DateOnly End = new(2024, 3, 31);
    private int[] _ids = [];
    private DateOnly[] _dates = [];
    private double[] _amounts = [];
    private int[] _shuffledIds = [];
    private DateOnly[] _shuffledDates = [];
    private double[] _shuffledAmounts = [];
    private int[] _byCustomerIds = [];
    private DateOnly[] _byCustomerDates = [];
    private double[] _byCustomerAmounts = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260124);
        _ids = new int[Rows];
        _dates = new DateOnly[Rows];
        _amounts = new double[Rows];
        var days = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            days[i] = random.Next(0, 547);
        }

        Array.Sort(days);
        for (int i = 0; i < Rows; i++)
        {
            _ids[i] = 1 + random.Next(Customers);
            _dates[i] = Start.AddDays(days[i]);
            _amounts[i] = Math.Round(5 + (random.NextDouble() * 195), 2);
        }

        int[] order = Enumerable.Range(0, Rows).ToArray();
        random.Shuffle(order);
        _shuffledIds = order.Select(i => _ids[i]).ToArray();
        _shuffledDates = order.Select(i => _dates[i]).ToArray();
        _shuffledAmounts = order.Select(i => _amounts[i]).ToArray();

        // Sorted by customer, each customer's rows in date order (a stable sort of the date-ordered rows), as databases export.
        int[] byCustomer = Enumerable.Range(0, Rows).OrderBy(i => _ids[i]).ToArray();
        _byCustomerIds = byCustomer.Select(i => _ids[i]).ToArray();
        _byCustomerDates = byCustomer.Select(i => _dates[i]).ToArray();
        _byCustomerAmounts = byCustomer.Select(i => _amounts[i]).ToArray();
    }

    /// <summary>Reads every id, date and amount once (the memory-bandwidth floor).</summary>
    [Benchmark]
    public double ReadOnlyPass()
    {
        long ids = 0, days = 0;
        double amounts = 0;
        ReadOnlySpan<int> dayNumbers = MemoryMarshal.Cast<DateOnly, int>(_dates);
        for (int i = 0; i < _ids.Length; i++)
        {
            ids += _ids[i];
            days += dayNumbers[i];
            amounts += _amounts[i];
        }

        return ids + days + amounts;
    }

    [Benchmark]
    public int RfmSummarize() => Rfm.Summarize(_ids, _dates, _amounts, End, RfmOptions.Weeks).Count;

    /// <summary>The same call on one core (fork threshold never reached).</summary>
    [Benchmark]
    public int RfmSummarizeOneCore() => Rfm.SummarizeCore(_ids, _dates, _amounts, End, RfmOptions.Weeks, int.MaxValue).Count;

    /// <summary>The chunked date-ordered path of the last release (chunks of 4 x the id range, row-split count and scatter, id-split apply with prefetch), which now serves logs over 2^25 rows: the same-run baseline of the global partition.</summary>
    [Benchmark]
    public int RfmSummarizeChunked() =>
        Rfm.SummarizeCore(_ids, _dates, _amounts, End, RfmOptions.Weeks, Rfm.DefaultForkRows, chunkedOrderedPath: true).Count;

    /// <summary>The previous date-ordered path (chunks of 2^20 rows, id halves each reading every row, one-core first pass), as on both cores before: the same-run baseline.</summary>
    [Benchmark]
    public int RfmSummarizePrevious() =>
        Rfm.SummarizeCore(_ids, _dates, _amounts, End, RfmOptions.Weeks, Rfm.DefaultForkRows, previousOrderedPath: true).Count;

    /// <summary>The same rows in random order (partitioned whole, counting sort per id block, 16 bytes of scratch per row).</summary>
    [Benchmark]
    public int RfmSummarizeUnordered() => Rfm.Summarize(_shuffledIds, _shuffledDates, _shuffledAmounts, End, RfmOptions.Weeks).Count;

    /// <summary>The shuffled rows with the previous one-core first pass (the unordered path itself is unchanged).</summary>
    [Benchmark]
    public int RfmSummarizeUnorderedPrevious() =>
        Rfm.SummarizeCore(_shuffledIds, _shuffledDates, _shuffledAmounts, End, RfmOptions.Weeks, Rfm.DefaultForkRows, previousOrderedPath: true).Count;

    /// <summary>The same rows sorted by customer (ascending ids, each customer's rows in date order): one pass per customer run.</summary>
    [Benchmark]
    public int RfmSummarizeByCustomer() => Rfm.Summarize(_byCustomerIds, _byCustomerDates, _byCustomerAmounts, End, RfmOptions.Weeks).Count;

    /// <summary>The customer-sorted rows through the counting-sort path they took before the customer-run path.</summary>
    [Benchmark]
    public int RfmSummarizeByCustomerPrevious() =>
        Rfm.SummarizeCore(_byCustomerIds, _byCustomerDates, _byCustomerAmounts, End, RfmOptions.Weeks, Rfm.DefaultForkRows,
            customerRunsPath: false).Count;

    /// <summary>The loop a user would write for date-ordered input: one dictionary entry per customer.</summary>
    [Benchmark]
    public int PlainDictionaryLoop()
    {
        var state = new Dictionary<int, (int First, int Last, int Periods, double FirstSpend, double Total)>();
        int end = End.DayNumber;
        for (int i = 0; i < _ids.Length; i++)
        {
            int day = _dates[i].DayNumber;
            if (day > end)
            {
                continue;
            }

            ref var s = ref CollectionsMarshal.GetValueRefOrAddDefault(state, _ids[i], out bool exists);
            if (!exists)
            {
                s = (day, day, 1, _amounts[i], _amounts[i]);
            }
            else
            {
                if (day != s.Last)
                {
                    s.Periods++;
                    s.Last = day;
                }
                else if (day == s.First)
                {
                    s.FirstSpend += _amounts[i];
                }

                s.Total += _amounts[i];
            }
        }

        int count = 0;
        foreach (var (_, s) in state.OrderBy(p => p.Key))
        {
            double x = s.Periods - 1;
            double m = x > 0 ? (s.Total - s.FirstSpend) / x : 0;
            count += m >= 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The LINQ a user would write: group by customer, then by day.</summary>
    [Benchmark(Baseline = true)]
    public int LinqGroupBy()
    {
        int end = End.DayNumber;
        return Enumerable.Range(0, _ids.Length)
            .Where(i => _dates[i].DayNumber <= end)
            .GroupBy(i => _ids[i])
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var periods = g.GroupBy(i => _dates[i]).Select(p => (Day: p.Key.DayNumber, Spend: p.Sum(i => _amounts[i])))
                    .OrderBy(p => p.Day).ToList();
                int x = periods.Count - 1;
                return (Id: g.Key, X: x, Recency: (periods[^1].Day - periods[0].Day) / 7.0, T: (end - periods[0].Day) / 7.0,
                    M: x > 0 ? periods.Skip(1).Sum(p => p.Spend) / x : 0);
            })
            .Count();
    }
}
