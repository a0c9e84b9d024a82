using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Value;

/// <summary>The README's CLV and RFM example, run on a two-customer log worked by hand.</summary>
public class ValueReadMeTests
{
    [Fact]
    public void Value_example_runs_and_gives_the_hand_worked_figures()
    {
        // Customer 1 buys three times two weeks apart (10, 20, 30), customer 2 once (40).
        int[] customerIds = [1, 1, 1, 2];
        DateOnly[] dates = [new(1997, 1, 1), new(1997, 1, 15), new(1997, 1, 29), new(1997, 2, 5)];
        double[] amounts = [10, 20, 30, 40];

        // README value example begin
        HistoricalClv<decimal> exact = Clv.Historical([19.99m, 5.01m, 75.00m], averageGrossMargin: 0.30m); // decimal, exact
        HistoricalClvByCustomer<double> perCustomer = Clv.Historical(customerIds, amounts, 0.30);       // double, per customer
        PredictiveClv formula = Clv.Predictive(transactionsPerMonth: 2, averageOrderValue: 45,
            averageGrossMargin: 0.3, averageLifetimeMonths: Churn.Lifetime(0.05));                      // 540
        RetentionWhatIf whatIf = Clv.RetentionWhatIf(marginPerPeriod: 100, retentionRate: 0.80, discountRate: 0.10);
        // Retention +0.05: CLV 266.67 → 340.00 (+27.5 %)

        RfmSummary rfm = Rfm.Summarize(customerIds, dates, amounts, new DateOnly(1997, 9, 30), RfmOptions.Weeks);
        ReadOnlySpan<double> x = rfm.Frequency, tx = rfm.Recency, T = rfm.T, m = rfm.MonetaryValue; // model inputs
        RfmScores scores = Rfm.Score(rfm);                   // quintiles 1–5 and named segments
        // README value example end

        Assert.Equal(30.000m, exact.Value);                              // 100.00 × 0.30
        Assert.Equal(2, perCustomer.Count);
        Assert.Equal(18, perCustomer.Value[0], 12);                      // (10 + 20 + 30) × 0.3
        Assert.Equal(12, perCustomer.Value[1], 12);                      // 40 × 0.3
        Assert.Equal(540, formula.Value, 9);                             // 2 × 45 × 0.3 × 20 months
        Assert.Equal(100 * 0.80 / (1 + 0.10 - 0.80), whatIf.Baseline.Value, 9);
        Assert.Equal(100 * 0.85 / (1 + 0.10 - 0.85), whatIf.Improved.Value, 9);
        Assert.Equal("Retention +0.05: CLV 266.67 → 340.00 (+27.5 %)", whatIf.ToString());

        var end = new DateOnly(1997, 9, 30);
        Assert.Equal([2.0, 0.0], x.ToArray());
        Assert.Equal(4.0, tx[0], 12);                                    // 28 days
        Assert.Equal(0.0, tx[1]);
        Assert.Equal((end.DayNumber - dates[0].DayNumber) / 7.0, T[0], 12);
        Assert.Equal((end.DayNumber - dates[3].DayNumber) / 7.0, T[1], 12);
        Assert.Equal(25.0, m[0], 12);                                    // mean of the repeat purchases 20 and 30
        Assert.Equal(0.0, m[1]);
        Assert.Equal(2, scores.Count);
        Assert.Contains(ReadMeTests.Snippet("README value example"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
