using BenchmarkDotNet.Attributes;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// <see cref="CohortTable.Build(ReadOnlySpan{long}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, int)"/>
/// over 10 M activity records (1 M customers, 36 monthly periods, sorted by customer then period) against the LINQ
/// <c>GroupBy</c> a user would write and a pass that only reads the same buffers. Inputs are generated once in
/// <see cref="Setup"/>.
/// </summary>
[MemoryDiagnoser]
public class SubscriptionsCohortBenchmarks
{
    private const int Periods = 36;
    private long[] _customers = [];
    private int[] _cohorts = [];
    private int[] _active = [];
    private double[] _revenue = [];
    private Activity[] _records = [];

    [Params(10_000_000)]
    public int Records { get; set; }

    public readonly record struct Activity(long Customer, int Cohort, int Active, double Revenue);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var records = new List<Activity>(Records);
        for (long customer = 0; records.Count < Records; customer++)
        {
            int cohort = random.Next(Periods);
            for (int period = cohort; period < Periods && records.Count < Records; period++)
            {
                records.Add(new Activity(customer, cohort, period, 10 * random.Next(1, 50)));
                if (random.Next(8) == 0)
                {
                    break; // churned
                }
            }
        }

        _records = [.. records];
        _customers = Array.ConvertAll(_records, r => r.Customer);
        _cohorts = Array.ConvertAll(_records, r => r.Cohort);
        _active = Array.ConvertAll(_records, r => r.Active);
        _revenue = Array.ConvertAll(_records, r => r.Revenue);
    }

    [Benchmark(Baseline = true)]
    public double Linq() => _records
        .GroupBy(r => (r.Cohort, Age: r.Active - r.Cohort))
        .Select(g => (g.Key, Active: g.Select(r => r.Customer).Distinct().Count(), Revenue: g.Sum(r => r.Revenue)))
        .Sum(cell => cell.Active + cell.Revenue);

    [Benchmark]
    public CohortTable Library() => CohortTable.Build(_customers, _cohorts, _active, _revenue, Periods - 1);

    /// <summary>Reads the four input buffers once and does nothing else.</summary>
    [Benchmark]
    public long ReadOnlyPass()
    {
        long sum = 0;
        double revenue = 0;
        for (int i = 0; i < _customers.Length; i++)
        {
            sum += _customers[i] + _cohorts[i] + _active[i];
            revenue += _revenue[i];
        }

        return sum + (long)revenue;
    }
}
