using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>The README's intervals-and-DERT example, compiled and run on CDNOW.</summary>
public class ModelIntervalsReadMeTests
{
    [Fact]
    public void Intervals_example_runs_and_is_in_the_readme()
    {
        var d = CdnowSummary.Data;
        RfmSummary rfm = RfmSummary.FromColumns(Enumerable.Range(0, d.Frequency.Length).ToArray(), d.Frequency, d.Recency, d.Age, d.MeanSpend, PeriodUnit.Week);

        // README model intervals begin
        BgNbdModel purchases = BgNbd.Fit(rfm);
        GammaGammaModel spend = GammaGamma.Fit(rfm);
        var uncertainty = BgNbdUncertainty.Estimate(purchases, spend, rfm);   // delta method on the observed information
        ConfidenceInterval alive = uncertainty.ProbabilityAlive(frequency: 2, recency: 30.43, age: 38.86);
        ConfidenceInterval next39 = uncertainty.ConditionalExpectedPurchases(t: 39, frequency: 2, recency: 30.43, age: 38.86);
        ConfidenceInterval clv = uncertainty.Clv(ProbabilisticClv.UnitsPerMonth(PeriodUnit.Week), months: 12, monthlyDiscountRate: 0.01,
            frequency: 2, recency: 30.43, age: 38.86, meanSpend: 22.35);
        ConfidenceInterval baseClv = uncertainty.BaseClv(rfm, months: 12, monthlyDiscountRate: 0.01);
        double dert = purchases.DiscountedExpectedResidualTransactions(discountRate: Math.Log(1.15) / 52, 2, 30.43, 38.86);

        BgNbdBootstrap bootstrap = BgNbdBootstrap.Run(purchases, rfm, draws: 100, seed: 1);  // seeded refits, in parallel
        ConfidenceInterval count39 = bootstrap.PurchasesPredictionInterval(t: 39, frequency: 2, recency: 30.43, age: 38.86);
        // README model intervals end

        Assert.True(alive.Contains(purchases.ProbabilityAlive(2, 30.43, 38.86)));
        Assert.True(next39.Contains(purchases.ConditionalExpectedPurchases(39, 2, 30.43, 38.86)));
        Assert.True(clv.Lower > 0 && baseClv.Lower > clv.Upper);
        Assert.True(dert > 0 && count39.Lower == 0 && count39.Upper >= 2);
        Assert.Contains(CustomerMetrics.Tests.ReadMeTests.Snippet("README model intervals"), CustomerMetrics.Tests.ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
