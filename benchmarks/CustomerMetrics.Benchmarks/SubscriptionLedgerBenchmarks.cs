using BenchmarkDotNet.Attributes;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// <see cref="SubscriptionLedger.Build{TCustomer, TSubscription}(IReadOnlyList{SubscriptionRecord{TCustomer, TSubscription}}, DateOnly, LedgerOptions)"/>
/// over a synthetic billing log (<see cref="LedgerBaselines.Book"/>: about 3.4 records per customer over 36 months) to the
/// full ledger (movements, customers, year-ago sums, segments, cohorts and the per-customer entries), and with the
/// per-customer entries off, against the LINQ a user would write and a plain loop (<see cref="LedgerBaselines"/>), in
/// the same run. The records are made once in <see cref="Setup"/>. <c>Records</c> is 1 M (250,191 customers) and 10 M (about
/// 2.5 M customers): the two sizes give the bytes per customer.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class SubscriptionLedgerBenchmarks
{
    private static readonly LedgerOptions TotalsOnly = LedgerOptions.ChartMogul with { IncludeCustomerEntries = false };
    private SubscriptionRecord<long, long>[] _records = [];

    /// <summary>Book sizes: 1 M and 10 M records, or the comma-separated list in the environment variable
    /// <c>LEDGER_BENCH_RECORDS</c> (so one size can run at a time: the 10 M LINQ baseline takes over a minute an operation).</summary>
    public static IEnumerable<int> Sizes =>
        Environment.GetEnvironmentVariable("LEDGER_BENCH_RECORDS") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            : [1_000_000, 10_000_000];

    [ParamsSource(nameof(Sizes))]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup() => _records = LedgerBaselines.Book(Records, seed: 10);

    [Benchmark(Baseline = true)]
    public MrrMovements<decimal>[] Linq() => LedgerBaselines.Linq(_records, LedgerBaselines.Through);

    [Benchmark]
    public MrrMovements<decimal>[] PlainLoop() => LedgerBaselines.Loop(_records, LedgerBaselines.Through);

    [Benchmark]
    public SubscriptionLedger<long> Library() => SubscriptionLedger.Build(_records, LedgerBaselines.Through, LedgerOptions.ChartMogul);

    [Benchmark]
    public SubscriptionLedger<long> LibraryWithoutEntries() => SubscriptionLedger.Build(_records, LedgerBaselines.Through, TotalsOnly);
}
