using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>The README's models example, compiled and run.</summary>
public class ModelsReadMeTests
{
    [Fact]
    public void Models_example_runs_and_is_in_the_readme()
    {
        // README models begin
        // Fitted from an RfmSummary (its unit travels with it): BgNbd.Fit(rfm), GammaGamma.Fit(rfm). Published CDNOW values, weeks:
        var purchases = new BgNbdModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426);
        var spend = new GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44);

        // Every prediction takes the horizon t first, then the customer: frequency x, recency tₓ, age T (and mean spend z̄).
        double alive = purchases.ProbabilityAlive(frequency: 2, recency: 30.43, age: 38.86);                  // 0.72
        double aliveIn52 = purchases.ProbabilityAliveAt(t: 52, frequency: 2, recency: 30.43, age: 38.86);     // still alive a year later
        double next39 = purchases.ConditionalExpectedPurchases(t: 39, frequency: 2, recency: 30.43, age: 38.86);
        double none39 = purchases.ConditionalProbabilityOfPurchases(t: 39, n: 0, frequency: 2, recency: 30.43, age: 38.86);
        double newCustomer = purchases.ProbabilityOfPurchases(t: 39, n: 0);                                     // lifetimes' (t, n) order
        double clv = ProbabilisticClv.Discounted(purchases, spend, PeriodUnit.Week, months: 12, monthlyDiscountRate: 0.01,
            frequency: 2, recency: 30.43, age: 38.86, meanSpend: 22.35);
        var perMonth = new double[12];                                                                          // month by month, lifetimes' 4.345 weeks a month
        ProbabilisticClv.MonthlyCashFlows(purchases, spend, ProbabilisticClv.LifetimesWeeksPerMonth, 0.01, 2, 30.43, 38.86, 22.35, perMonth);

        ShiftedBetaGeometricModel cohort = ShiftedBetaGeometric.Fit([1000, 631, 468, 382, 326, 289, 262, 241]);
        ShiftedBetaGeometricModel ridge = ShiftedBetaGeometric.Fit([1000, 990]);  // one period: Converged = false, Reason says why
        // README models end

        Assert.Equal(0.72, alive, 0.01);
        Assert.True(aliveIn52 < alive && next39 > 0 && none39 is > 0 and < 1 && newCustomer is > 0 and < 1);
        Assert.Equal(clv, perMonth.Sum(), 0.2); // months of 4.345 against 4.348 weeks: nearly the same
        Assert.True(cohort.FitInfo.Converged && !ridge.FitInfo.Converged && ridge.FitInfo.Reason.Length > 0);
        Assert.Contains(CustomerMetrics.Tests.ReadMeTests.Snippet("README models"), CustomerMetrics.Tests.ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
