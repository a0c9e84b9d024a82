using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions.Ledger;

public class LedgerMergeTests
{
    private static readonly DateOnly Through = new(2025, 2, 10);

    [FsCheck.Xunit.Property(MaxTest = 15)]
    public void Segments_merge_to_the_total_and_each_is_the_ledger_of_its_customers(ushort seed)
    {
        List<SubscriptionRecord<string, string>> book = LedgerBooks.RandomBook(seed, 30);
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, Through, LedgerOptions.Stripe);
        var merged = new LedgerPeriod[ledger.Periods.Length];
        foreach ((string segment, var periods) in ledger.Segments)
        {
            for (int p = 0; p < merged.Length; p++)
            {
                merged[p] += periods[p];
            }

            // The segment's customers alone (segment = that of a customer's earliest record) give the same periods.
            var customers = book.GroupBy(r => r.CustomerKey)
                .Where(g => (g.OrderBy(r => r.Start).First().Segment ?? string.Empty) == segment).SelectMany(g => g).ToList();
            SubscriptionLedger<string> alone = SubscriptionLedger.Build(customers, Through, LedgerOptions.Stripe);
            foreach (LedgerPeriod period in alone.Periods)
            {
                LedgerPeriod inFull = periods.Single(x => x.Period == period.Period);
                Assert.Equal(WithoutIdle(period.Movements), WithoutIdle(inFull.Movements));
                Assert.Equal(period.CustomersAtEnd, inFull.CustomersAtEnd);
                Assert.Equal(period.JoinedAndChurnedCustomers, inFull.JoinedAndChurnedCustomers);
                Assert.Equal(period.YearAgoMrrNow, inFull.YearAgoMrrNow);
            }
        }

        for (int p = 0; p < merged.Length; p++)
        {
            AssertClose(ledger.Periods[p], merged[p]);
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 15)]
    public void Period_merge_is_associative_commutative_with_default_identity(ushort seed)
    {
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(LedgerBooks.RandomBook(seed, 30), Through, LedgerOptions.ChartMogul);
        var parts = ledger.Segments.Values.Select(s => s[^1]).ToArray();
        LedgerPeriod a = parts[0], b = parts.Length > 1 ? parts[1] : default, c = parts.Length > 2 ? parts[2] : default;
        AssertClose((a + b) + c, a + (b + c));
        Assert.Equal(a + b, b + a);
        Assert.Equal(a, a + default(LedgerPeriod));
        AssertClose(ledger.Periods[^1], parts.Aggregate(default(LedgerPeriod), LedgerPeriod.Add));
    }

    [Fact]
    public void Ledger_cohorts_count_each_paying_customer_once()
    {
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(LedgerBooks.EdgeBook(), LedgerBooks.Through);
        // Everyone who paid at a month end: all but "joinchurn" (paid only inside March) and "trialonly" (never paid).
        Assert.Equal(ledger.Customers - 2, ledger.Cohorts.Customers);
        for (int cohort = ledger.Cohorts.FirstCohort; cohort <= ledger.Cohorts.ObservedThrough; cohort++)
        {
            long joined = ledger.Entries.Count(e => e.Period == cohort && e.Kind == MovementKind.New);
            Assert.Equal(joined, ledger.Cohorts.CohortSize(cohort));
        }
    }

    /// <summary>The movements without the unchanged and inactive counts, which depend on who else is in the book.</summary>
    private static object WithoutIdle(MrrMovements<decimal> m) => (
        m.StartingMrr, m.EndingMrr, m.NewMrr, m.ExpansionMrr, m.ContractionMrr, m.ChurnedMrr, m.ReactivationMrr,
        (m.NewCustomers, m.ExpansionCustomers, m.ContractionCustomers, m.ChurnedCustomers, m.ReactivatedCustomers));

    /// <summary>Counts exactly; decimal sums to 1e-20 (a sum of thirds rounds at the 28th digit differently by order).</summary>
    private static void AssertClose(LedgerPeriod expected, LedgerPeriod actual)
    {
        static object Round(MrrMovements<decimal> m) => (
            Math.Round(m.StartingMrr, 20), Math.Round(m.EndingMrr, 20), Math.Round(m.NewMrr, 20), Math.Round(m.ExpansionMrr, 20),
            Math.Round(m.ContractionMrr, 20), Math.Round(m.ChurnedMrr, 20), Math.Round(m.ReactivationMrr, 20),
            (m.NewCustomers, m.ExpansionCustomers, m.ContractionCustomers, m.ChurnedCustomers, m.ReactivatedCustomers, m.UnchangedCustomers, m.InactiveCustomers));

        Assert.Equal(Round(expected.Movements), Round(actual.Movements));
        Assert.Equal((expected.Period, expected.JoinedAndChurnedCustomers, expected.VoluntaryChurnedCustomers, expected.DelinquentChurnedCustomers, expected.YearAgoCustomers, expected.YearAgoCustomersRetained),
            (actual.Period, actual.JoinedAndChurnedCustomers, actual.VoluntaryChurnedCustomers, actual.DelinquentChurnedCustomers, actual.YearAgoCustomers, actual.YearAgoCustomersRetained));
        Assert.Equal(Math.Round(expected.YearAgoMrr, 20), Math.Round(actual.YearAgoMrr, 20));
        Assert.Equal(Math.Round(expected.YearAgoMrrNow, 20), Math.Round(actual.YearAgoMrrNow, 20));
        Assert.Equal(Math.Round(expected.VoluntaryChurnedMrr, 20), Math.Round(actual.VoluntaryChurnedMrr, 20));
    }
}
