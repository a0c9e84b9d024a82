using CustomerMetrics.Acquisition;
using CustomerMetrics.Subscriptions;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Tests.Subscriptions;

/// <summary>The README's subscriptions and acquisition example, run on a small book whose movements are worked by hand.</summary>
public class SubscriptionsReadMeTests
{
    [Fact]
    public void Subscriptions_example_runs_and_gives_the_hand_worked_figures()
    {
        // Six customers: +20 expansion, 50 churned, 40 reactivated (was a customer before), 20 contraction, 25 new, 30 unchanged.
        decimal[] previousMrr = [100, 50, 0, 80, 0, 30];
        decimal[] currentMrr = [120, 0, 40, 60, 25, 30];
        bool[] wasCustomerBefore = [false, false, true, false, false, false];
        double[] shard1Previous = [10, 20], shard1Current = [0, 30], shard2Previous = [5], shard2Current = [5];

        // Customers 1 and 2 join in period 0, customer 3 in period 1; sorted by customer, then active period.
        long[] customerIds = [1, 1, 1, 2, 2, 3, 3];
        int[] cohortPeriods = [0, 0, 0, 0, 0, 1, 1];
        int[] activePeriods = [0, 1, 2, 0, 2, 1, 2];
        double[] revenue = [10, 10, 10, 20, 20, 5, 5];

#pragma warning disable IDE0055 // the README aligns the churn lines in columns
        // README subscriptions example begin
        double chartMogul = Churn.Rate(customersAtStart: 1000, customersLost: 45, customersAcquired: 80, ChurnDenominator.StartOfPeriod); // 4.5 %
        double stripe     = Churn.Rate(1000, 45, 80, ChurnDenominator.StartPlusNew);                                                  // 4.17 %
        double annual     = Churn.AnnualFromMonthly(0.045);                                                                           // 42.5 %

        // Per-customer MRR snapshots, index = customer; 0 = not paying. decimal: exact; double: vectorised, pairwise sums.
        MrrMovements<decimal> m = MrrMovements.Between(previousMrr, currentMrr, wasCustomerBefore);
        Console.WriteLine($"{m.GrossMrrChurn:P1} gross, {m.NetMrrChurn:P1} net, negative churn: {m.IsNegativeChurn}, NRR {m.NetRevenueRetention:P0}");
        MrrMovements<double> total = MrrMovements.Between(shard1Previous, shard1Current) + MrrMovements.Between(shard2Previous, shard2Current);

        // Activity log sorted by customer then period → cohort × age table; Console.WriteLine(table.ToText()) prints the triangle.
        CohortTable table = CohortTable.Build(customerIds, cohortPeriods, activePeriods, revenue, observedThrough: 35);
        double[] curve = table.AverageLogoRetentionCurve();

        RetentionComparison loyalty = Retention.Compare(retainedA: 412, customersA: 480, retainedB: 1230, customersB: 1620);
        ConfidenceInterval ci = loyalty.DifferenceInterval(0.95); // Newcombe; loyalty.PValue: pooled z test

        double cac = UnitEconomics.Cac(spend: 120_000m, newCustomers: 300);
        double ltv = UnitEconomics.SimpleLtv(arpa: 99, grossMargin: 0.8, churnRate: 0.02);
        double ratio = UnitEconomics.LtvToCac(ltv, cac), payback = UnitEconomics.CacPaybackMonths(cac, arpa: 99, grossMargin: 0.8);
        // README subscriptions example end
#pragma warning restore IDE0055

        Assert.Equal(45.0 / 1000, chartMogul, 15);
        Assert.Equal(45.0 / 1080, stripe, 15);
        Assert.Equal(1 - Math.Pow(0.955, 12), annual, 12);

        Assert.Equal(260m, m.StartingMrr);
        Assert.Equal(70.0 / 260, m.GrossMrrChurn, 12);               // (churned 50 + contraction 20) ÷ 260
        Assert.Equal(10.0 / 260, m.NetMrrChurn, 12);                 // (50 + 20 − expansion 20 − reactivation 40) ÷ 260
        Assert.False(m.IsNegativeChurn);
        Assert.Equal(210.0 / 260, m.NetRevenueRetention, 12);        // (260 + 20 − 20 − 50) ÷ 260
        Assert.Equal(40m, m.ReactivationMrr);
        Assert.Equal(25m, m.NewMrr);
        Assert.Equal(35.0, total.StartingMrr);
        Assert.Equal(10.0, total.ChurnedMrr);
        Assert.Equal(10.0, total.ExpansionMrr);

        Assert.Equal(0.5, table.LogoRetention(0, 1), 15);               // customer 1 of 2 in period 1
        Assert.Equal(1.0, table.LogoRetention(0, 2), 15);               // both in period 2
        Assert.Equal(1.0, curve[0], 15);
        Assert.Equal(2.0 / 3, curve[1], 15);                            // (1 of 2 + 1 of 1) ÷ 3

        double a = 412.0 / 480, b = 1230.0 / 1620;
        Assert.Equal(a - b, loyalty.Difference, 12);
        Assert.True(ci.Contains(loyalty.Difference));
        double pooled = (412.0 + 1230) / (480 + 1620);
        double z = (a - b) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / 480) + (1.0 / 1620)));
        Assert.Equal(2 * (1 - Normal.CDF(0, 1, Math.Abs(z))), loyalty.PValue, 9);

        Assert.Equal(400, cac, 12);
        Assert.Equal(3960, ltv, 9);
        Assert.Equal(9.9, ratio, 12);
        Assert.Equal(400 / (99 * 0.8), payback, 12);
        Assert.Contains(ReadMeTests.Snippet("README subscriptions example"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
