using CustomerMetrics.Value.Models;
using MathNet.Numerics.Integration;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>BG/NBD DERT against two independent routes: the Laplace transform of E[Y(t)] and a discounted sum of increments.</summary>
public class BgNbdDertTests
{
    public static TheoryData<double, double, double, double> Models() => new()
    {
        { 0.243, 4.414, 0.793, 2.426 },  // CDNOW (a < 1)
        { 1.5, 10, 2.5, 3 },             // a > 1
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Dert_is_the_discounted_integral_of_expected_purchases(double r, double alpha, double a, double b)
    {
        var m = new BgNbdModel(r, alpha, a, b);
        foreach ((double x, double tx, double age) in new[] { (0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (7.0, 35.0, 38.0), (1.0, 1.71, 38.86) })
        {
            var alive = new BgNbdModel(r + x, alpha + age, a, b + x); // the posterior of a customer alive now
            double pAlive = m.ProbabilityAlive(x, tx, age);
            foreach (double delta in new[] { Math.Log(1.15) / 52, 0.01, 0.1, 1.0 })
            {
                // DERT = ∫ e^−δt dE[Y(t)] = δ ∫ e^−δt E[Y(t)] dt (parts; E[Y(0)] = 0, e^−δt E[Y(t)] → 0).
                double laplace = delta * GaussKronrodRule.Integrate(s => Math.Exp(-delta * s) * alive.ExpectedPurchases(s), 0, double.PositiveInfinity, out _, out _, 1e-12, 25, 61);
                double dert = m.DiscountedExpectedResidualTransactions(delta, x, tx, age);
                Assert.Equal(pAlive * laplace, dert, 1e-7 * Math.Max(1, dert));
            }
        }
    }

    [Fact]
    public void Dert_matches_discounted_increments_of_conditional_expected_purchases()
    {
        var m = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        double delta = 0.02, h = 0.25;
        double sum = 0, previous = 0;
        for (int k = 1; k * h < 40 / delta; k++)
        {
            double current = m.ConditionalExpectedPurchases(k * h, 2, 30.43, 38.86);
            sum += Math.Exp(-delta * (k - 0.5) * h) * (current - previous); // midpoint of each step
            previous = current;
        }

        Assert.Equal(sum, m.DiscountedExpectedResidualTransactions(delta, 2, 30.43, 38.86), 1e-5 * sum);
    }

    [Fact]
    public void Dert_falls_with_the_discount_rate_stays_below_lifetime_purchases_and_checks_arguments()
    {
        var m = new BgNbdModel(1.5, 10, 2.5, 3);
        double lifetime = m.ProbabilityAlive(2, 30, 38) * new BgNbdModel(3.5, 48, 2.5, 5).ExpectedPurchases(double.PositiveInfinity);
        double low = m.DiscountedExpectedResidualTransactions(0.001, 2, 30, 38), high = m.DiscountedExpectedResidualTransactions(0.1, 2, 30, 38);
        Assert.True(high < low && low < lifetime);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.DiscountedExpectedResidualTransactions(0, 2, 30, 38));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.DiscountedExpectedResidualTransactions(0.1, 2, 40, 38));
        Assert.Throws<InvalidOperationException>(() => default(BgNbdModel).DiscountedExpectedResidualTransactions(0.1, 2, 30, 38));
    }
}
