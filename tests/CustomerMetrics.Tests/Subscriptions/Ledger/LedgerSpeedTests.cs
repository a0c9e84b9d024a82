using CustomerMetrics.Benchmarks;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions.Ledger;

/// <summary>
/// The ledger benchmark's baselines are honest (LINQ and the plain loop give the library's totals), and the fast paths
/// of <see cref="SubscriptionLedger"/> (integer money, customer ranges on several cores) give what one decimal pass gives.
/// </summary>
public class LedgerSpeedTests
{
    [Theory]
    [InlineData(3_000, 1)]
    [InlineData(20_000, 2)]
    public void Linq_and_loop_baselines_give_the_library_totals(int records, int seed)
    {
        SubscriptionRecord<long, long>[] book = LedgerBaselines.Book(records, seed);
        SubscriptionLedger<long> ledger = SubscriptionLedger.Build(book, LedgerBaselines.Through);
        MrrMovements<decimal>[] linq = LedgerBaselines.Linq(book, LedgerBaselines.Through);
        MrrMovements<decimal>[] loop = LedgerBaselines.Loop(book, LedgerBaselines.Through);
        Assert.Equal(36, ledger.Periods.Length);
        Assert.Equal(36, linq.Length);
        for (int p = 0; p < linq.Length; p++)
        {
            Assert.Equal(linq[p], ledger.Periods[p].Movements);
            Assert.Equal(loop[p], ledger.Periods[p].Movements);
        }

        // The book exercises every movement, so the comparison can fail.
        MrrMovements<decimal> all = linq.Aggregate(MrrMovements<decimal>.Add);
        Assert.True(all.NewCustomers > 0 && all.ExpansionCustomers > 0 && all.ContractionCustomers > 0 && all.ChurnedCustomers > 0 && all.ReactivatedCustomers > 0);
    }

    [Fact]
    public void A_book_split_across_cores_equals_its_halves_built_apart_and_merged()
    {
        // 140 K records: the whole runs in customer ranges on several cores (≥ 65,536 records), each half in one pass.
        SubscriptionRecord<long, long>[] book = LedgerBaselines.Book(140_000, 3);
        int cut = Array.FindIndex(book, r => r.CustomerKey >= book[^1].CustomerKey / 2);
        var whole = SubscriptionLedger.Build(book, LedgerBaselines.Through, LedgerOptions.Stripe);
        var first = SubscriptionLedger.Build(book[..cut], LedgerBaselines.Through, LedgerOptions.Stripe);
        var second = SubscriptionLedger.Build(book[cut..], LedgerBaselines.Through, LedgerOptions.Stripe);
        Assert.Equal(36, first.Periods.Length);
        int offset = whole.Periods.Length - second.Periods.Length;
        for (int p = 0; p < whole.Periods.Length; p++)
        {
            LedgerPeriod later = p >= offset ? second.Periods[p - offset] : default;
            LedgerPeriod merged = first.Periods[p] + later;
            Assert.Equal(merged.Movements, whole.Periods[p].Movements);
            Assert.Equal(merged.YearAgoMrr, whole.Periods[p].YearAgoMrr);
            Assert.Equal(merged.YearAgoMrrNow, whole.Periods[p].YearAgoMrrNow);
            Assert.Equal(merged.JoinedAndChurnedCustomers, whole.Periods[p].JoinedAndChurnedCustomers);
        }

        Assert.Equal(first.Entries.Length + second.Entries.Length, whole.Entries.Length);
        Assert.Equal(first.Entries.Concat(second.Entries), whole.Entries);
        Assert.Equal(first.Customers + second.Customers, whole.Customers);
        Assert.Equal(first.Cohorts.Customers + second.Cohorts.Customers, whole.Cohorts.Customers);
    }

    [Fact]
    public void Amounts_keep_the_value_and_scale_of_decimal_arithmetic()
    {
        // The integer fast path must give what decimal sums give, trailing zeros included (a decimal sum or difference
        // carries the larger scale of its operands): computed here with decimals, as MRR = price × quantity × 1 ÷ 1.
        SubscriptionRecord<string, string>[] book =
        [
            new() { CustomerKey = "a", SubscriptionKey = "1", Start = new(2024, 1, 1), Price = 100.00m },
            new() { CustomerKey = "a", SubscriptionKey = "2", Start = new(2024, 2, 1), Price = 20.5m },
            new() { CustomerKey = "b", SubscriptionKey = "1", Start = new(2024, 1, 1), EndsOn = new(2024, 2, 10), Price = 49.9m },
        ];
        static decimal Mrr(decimal price) => price * 1 * 1m / 1m;
        decimal a1 = 0m + Mrr(100.00m), a2 = 0m + Mrr(100.00m) + Mrr(20.5m), b1 = 0m + Mrr(49.9m);
        decimal start = 0m + a1 + b1, end = 0m + a2 + 0m, expansion = 0m + (a2 - a1), churned = 0m + b1;

        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, new DateOnly(2024, 3, 31));
        MrrMovements<decimal> february = ledger.Periods[1].Movements;
        Assert.Equal(Text(start), Text(february.StartingMrr));
        Assert.Equal(Text(end), Text(february.EndingMrr));
        Assert.Equal(Text(expansion), Text(february.ExpansionMrr));
        Assert.Equal(Text(churned), Text(february.ChurnedMrr));
        Assert.Equal(Text(a2 - a1), Text(ledger.Entries.Single(e => e.Customer == "a" && e.Kind == MovementKind.Expansion).Amount));
        Assert.Equal("149.90", Text(start)); // the case the test is about: a scale that a normalised sum would lose
    }

    private static string Text(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
