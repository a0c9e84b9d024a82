using System.Collections.Immutable;
using CustomerMetrics.Benchmarks;
using CustomerMetrics.Serialization;
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

    public static TheoryData<int> ForkSeeds => [1, 2, 3];

    [Theory]
    [MemberData(nameof(ForkSeeds))]
    public void The_forked_path_gives_the_one_core_result_bit_for_bit(int seed)
    {
        // Forced: a threshold of 2 records splits the preparation and the pass over customers into one range per core
        // (the FixedMoney book), against a threshold no book reaches. Decimals compare as text (value and scale).
        SubscriptionRecord<long, long>[] book = LedgerBaselines.Book(6_000, seed);
        SubscriptionLedger<long> forked = SubscriptionLedger.BuildCore(book, LedgerBaselines.Through, LedgerOptions.ChartMogul, lenient: false, parallelRecords: 2);
        SubscriptionLedger<long> single = SubscriptionLedger.BuildCore(book, LedgerBaselines.Through, LedgerOptions.ChartMogul, lenient: false, parallelRecords: int.MaxValue);
        AssertIdentical(single, forked);
        Assert.True(single.Entries.Length > 1_000);

        // An edge-rich book (trials, pauses, discounts, weekly plans: the decimal pass, whose preparation still forks), leniently.
        List<SubscriptionRecord<string, string>> rich = LedgerBooks.RandomBook(seed, 400);
        foreach (LedgerOptions options in new[] { LedgerOptions.ChartMogul, LedgerOptions.Stripe, LedgerOptions.Baremetrics, LedgerOptions.ProfitWell })
        {
            AssertIdentical(
                SubscriptionLedger.BuildCore(rich, LedgerBooks.Through, options, lenient: true, parallelRecords: int.MaxValue),
                SubscriptionLedger.BuildCore(rich, LedgerBooks.Through, options, lenient: true, parallelRecords: 2));
        }

        // Without weekly plans and discounts the amounts are whole cents: the integer path, whose pass over customers forks too.
        List<SubscriptionRecord<string, string>> whole = rich.FindAll(r => r.Interval != BillingInterval.Week && r.Discount is null);
        AssertIdentical(
            SubscriptionLedger.BuildCore(whole, LedgerBooks.Through, LedgerOptions.ChartMogul, lenient: true, parallelRecords: int.MaxValue),
            SubscriptionLedger.BuildCore(whole, LedgerBooks.Through, LedgerOptions.ChartMogul, lenient: true, parallelRecords: 2));
    }

    [Theory]
    [MemberData(nameof(ForkSeeds))]
    public void A_dirty_book_gives_the_one_core_result_and_error_on_every_split(int seed)
    {
        // Bad records (first checked where they are prepared, which sends the build back to check them first) and
        // overlapping duplicates, spread over the book so that each core's customer range holds some.
        List<SubscriptionRecord<string, string>> book = LedgerBooks.RandomBook(seed, 400);
        var dirty = new List<SubscriptionRecord<string, string>>(book);
        var random = new Random(seed);
        for (int k = 0; k < 12; k++)
        {
            int i = random.Next(book.Count);
            dirty[i] = (k % 4) switch
            {
                0 => book[i] with { Price = -1m },
                1 => book[i] with { EndsOn = book[i].Start.AddDays(-1) },
                2 => null!,
                _ => book[i] with { Quantity = -2 },
            };
            int j = random.Next(book.Count);
            dirty.Add(book[j] with { Start = book[j].Start.AddDays(-1), Price = book[j].Price + 10 }); // overlaps record j
        }

        foreach (LedgerOptions options in new[] { LedgerOptions.ChartMogul, LedgerOptions.Stripe })
        {
            SubscriptionLedger<string> single = SubscriptionLedger.BuildCore(dirty, LedgerBooks.Through, options, lenient: true, parallelRecords: int.MaxValue);
            AssertIdentical(single, SubscriptionLedger.BuildCore(dirty, LedgerBooks.Through, options, lenient: true, parallelRecords: 2));
            Assert.Contains(single.Rejected, r => r.Reason == RejectionReason.OverlappingDuplicate);
            Assert.Contains(single.Rejected, r => r.Reason == RejectionReason.MissingKey);
            Assert.Contains(single.Rejected, r => r.Reason == RejectionReason.NegativePrice);
        }

        // Strictly, every split throws what one pass throws: the first bad record, else the first duplicate in customer order.
        string Error(List<SubscriptionRecord<string, string>> records, int threshold) =>
            Assert.ThrowsAny<ArgumentException>(() => SubscriptionLedger.BuildCore(records, LedgerBooks.Through, LedgerOptions.ChartMogul, lenient: false, parallelRecords: threshold)).Message;
        int firstBad = dirty.FindIndex(r => r is null || r.Price < 0 || r.Quantity < 0 || r.EndsOn < r.Start);
        Assert.Equal(Error(dirty, int.MaxValue), Error(dirty, 2));
        Assert.Contains($"records[{firstBad}]", Error(dirty, 2), StringComparison.Ordinal);
        List<SubscriptionRecord<string, string>> duplicates = [.. book, .. dirty.Skip(book.Count)];
        Assert.Equal(Error(duplicates, int.MaxValue), Error(duplicates, 2));
        Assert.Contains("overlapping", Error(duplicates, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_amounts_keep_their_scale_to_the_last_period()
    {
        // A free plan priced 0.00 adds no MRR but gives decimal sums two decimals: the walk over a customer's periods may
        // stop a year after its last amount only if that amount is the empty 0, so the last period still ends at 0.00.
        SubscriptionRecord<string, string>[] book =
        [
            new() { CustomerKey = "free", SubscriptionKey = "1", Start = new(2023, 1, 1), Price = 0.00m },
            new() { CustomerKey = "paid", SubscriptionKey = "1", Start = new(2023, 1, 1), EndsOn = new(2023, 3, 1), Price = 5m },
        ];
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, new DateOnly(2024, 12, 31));
        Assert.Equal(24, ledger.Periods.Length);
        Assert.Equal(Text(0m + 0.00m + 0m), Text(ledger.Periods[^1].Movements.EndingMrr));
        Assert.Equal("0.00", Text(ledger.Periods[^1].Movements.StartingMrr));
        Assert.Equal(0, ledger.Periods[^1].CustomersAtEnd);
        Assert.Equal(5m, ledger.Periods[1].Movements.EndingMrr);
        Assert.Equal(1, ledger.Periods[2].Movements.ChurnedCustomers);
    }

    private static void AssertIdentical<TCustomer>(SubscriptionLedger<TCustomer> expected, SubscriptionLedger<TCustomer> actual)
        where TCustomer : notnull
    {
        static string Json(LedgerPeriod period) => System.Text.Json.JsonSerializer.Serialize(period, CustomerMetricsJsonContext.Default.LedgerPeriod);
        Assert.Equal(expected.Periods.Select(Json), actual.Periods.Select(Json));
        Assert.Equal(expected.Segments.Keys.Order(StringComparer.Ordinal), actual.Segments.Keys.Order(StringComparer.Ordinal));
        foreach ((string segment, ImmutableArray<LedgerPeriod> periods) in expected.Segments)
        {
            Assert.Equal(periods.Select(Json), actual.Segments[segment].Select(Json));
        }

        static string Entry(LedgerEntry<TCustomer> e) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.Customer} {e.Period} {e.Kind} {Text(e.PreviousMrr)} {Text(e.CurrentMrr)}");
        Assert.Equal(expected.Entries.Select(Entry), actual.Entries.Select(Entry));
        Assert.Equal(expected.Cohorts.CohortSizes.ToArray(), actual.Cohorts.CohortSizes.ToArray()); // ImmutableArray equality is by reference
        Assert.Equal(expected.Cohorts.ActiveCustomers.ToArray(), actual.Cohorts.ActiveCustomers.ToArray()); // ImmutableArray equality is by reference
        Assert.Equal(expected.Cohorts.Revenue.ToArray(), actual.Cohorts.Revenue.ToArray()); // ImmutableArray equality is by reference
        Assert.Equal(expected.Rejected.ToArray(), actual.Rejected.ToArray()); // ImmutableArray equality is by reference
        Assert.Equal(expected.Customers, actual.Customers);
    }

    private static string Text(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
