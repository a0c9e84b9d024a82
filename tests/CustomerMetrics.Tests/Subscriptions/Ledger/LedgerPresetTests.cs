using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions.Ledger;

public class LedgerPresetTests
{
    public static TheoryData<string> Vendors => new() { "ChartMogul", "Stripe", "Baremetrics", "ProfitWell", "Cancellation" };

    private static LedgerOptions Options(string vendor) => vendor switch
    {
        "Cancellation" => LedgerOptions.ChartMogul with { ChurnTiming = ChurnTiming.Cancellation },
        _ => LedgerOptions.Presets.Single(p => p.Name == vendor),
    };

    private static void AssertClose(decimal expected, decimal actual) =>
        Assert.True(Math.Abs(expected - actual) < 1e-15m, $"expected {expected}, actual {actual}");

    private static void AssertSame(IReadOnlyList<SubscriptionRecord<string, string>> book, DateOnly through, string vendor)
    {
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, through, Options(vendor));
        List<LedgerOracle.Month> oracle = LedgerOracle.Build(book, through, vendor);
        Assert.Equal(oracle.Count, ledger.Periods.Length);
        for (int p = 0; p < oracle.Count; p++)
        {
            LedgerOracle.Month o = oracle[p];
            LedgerPeriod l = ledger.Periods[p];
            MrrMovements<decimal> m = l.Movements;
            Assert.Equal((o.Start, o.Read), (l.Start, l.End));
            AssertClose(o.StartMrr, m.StartingMrr);
            AssertClose(o.EndMrr, m.EndingMrr);
            AssertClose(o.New, m.NewMrr);
            AssertClose(o.Expansion, m.ExpansionMrr);
            AssertClose(o.Contraction, m.ContractionMrr);
            AssertClose(o.Churned, m.ChurnedMrr);
            AssertClose(o.Reactivation, m.ReactivationMrr);
            Assert.Equal((o.NewCount, o.ExpansionCount, o.ContractionCount, o.ChurnedCount, o.ReactivatedCount, o.JoinedAndChurned, o.AtStart, o.AtEnd),
                ((int)m.NewCustomers, (int)m.ExpansionCustomers, (int)m.ContractionCustomers, (int)m.ChurnedCustomers, (int)m.ReactivatedCustomers,
                 (int)l.JoinedAndChurnedCustomers, (int)l.CustomersAtStart, (int)l.CustomersAtEnd));
            Assert.Equal(o.LogoChurn, l.LogoChurn, 12);
            if (o.StartMrr != 0)
            {
                Assert.Equal((double)((o.Churned + o.Contraction) / o.StartMrr), l.GrossMrrChurn, 12);
                Assert.Equal((double)((o.StartMrr + o.Expansion - o.Contraction - o.Churned) / o.StartMrr), l.NetRevenueRetention, 12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Preset_matches_an_independent_implementation_on_the_edge_book(string vendor) =>
        AssertSame(LedgerBooks.EdgeBook(), LedgerBooks.Through, vendor);

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Preset_matches_an_independent_implementation_on_random_books(string vendor)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            AssertSame(LedgerBooks.RandomBook(seed, 40), new DateOnly(2025, 3, 15), vendor);
        }
    }

    [Fact]
    public void Edge_book_holds_every_edge()
    {
        SubscriptionLedger<string> chartMogul = SubscriptionLedger.Build(LedgerBooks.EdgeBook(), LedgerBooks.Through, LedgerOptions.ChartMogul);
        SubscriptionLedger<string> stripe = SubscriptionLedger.Build(LedgerBooks.EdgeBook(), LedgerBooks.Through, LedgerOptions.Stripe);
        LedgerEntry<string>[] Of(SubscriptionLedger<string> l, string customer) => [.. l.Entries.Where(e => e.Customer == customer)];

        Assert.Equal([MovementKind.JoinedAndChurned], Of(chartMogul, "joinchurn").Select(e => e.Kind));
        Assert.Equal([MovementKind.New, MovementKind.Churn, MovementKind.Reactivation], Of(chartMogul, "paused").Select(e => e.Kind));
        Assert.Equal([MovementKind.New, MovementKind.Churn, MovementKind.Reactivation], Of(chartMogul, "react").Select(e => e.Kind));
        Assert.Equal([MovementKind.New, MovementKind.Expansion], Of(chartMogul, "yearly").Select(e => e.Kind));
        Assert.Equal(100m, Of(chartMogul, "yearly")[1].Amount); // 1200/12 -> 2400/12
        Assert.Equal([MovementKind.New], Of(chartMogul, "trial").Select(e => e.Kind));
        Assert.Equal(new DateOnly(2024, 3, 1), chartMogul.PeriodOf(new DateOnly(2024, 3, 1)).Start);
        Assert.Equal((2024 * 12) + 3 - 1, Of(chartMogul, "trial")[0].Period); // months: year × 12 + month − 1
        Assert.Empty(Of(chartMogul, "trialonly"));
        Assert.Equal([MovementKind.New, MovementKind.Expansion], Of(chartMogul, "discount").Select(e => e.Kind)); // 75 -> 100 when it expires
        Assert.Equal([MovementKind.New], Of(stripe, "discount").Select(e => e.Kind));                             // Stripe: finite coupons ignored
        Assert.Equal(70m, Of(chartMogul, "forever")[0].CurrentMrr);
        Assert.Equal([MovementKind.New, MovementKind.Expansion, MovementKind.Contraction], Of(chartMogul, "two").Select(e => e.Kind));
        Assert.Equal(12m * 52 / 12, Of(chartMogul, "weekly")[0].CurrentMrr);
        Assert.Equal(1, chartMogul.PeriodOf(new DateOnly(2024, 2, 1)).DelinquentChurnedCustomers);
    }
}
