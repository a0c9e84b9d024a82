using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// Pareto/NBD intervals: seeded simulation from known parameters (the simulator below runs each customer on through a
/// holdout too), a refit per replication, and a count of intervals holding the true value that a coverage in [93 %, 97 %]
/// could give (binomial, 0.1 % each side). CM_COVERAGE_REPS sets the replications (120 by default).
/// </summary>
public class ParetoNbdIntervalTests
{
    private static readonly ParetoNbdModel Truth = new(0.8, 8, 0.9, 12);

    /// <summary>Spend truth near CDNOW's (Fader, Hardie &amp; Lee 2005: p = 6.25, q = 3.74, γ = 15.44).</summary>
    private static readonly GammaGammaModel SpendTruth = new(6, 4, 15);

    /// <summary>
    /// Mean spend of each customer's x repeat purchases under the Gamma-Gamma model: ν ~ Gamma(q, γ), each spend ~ Gamma(p, ν),
    /// so the mean of x spends ~ Gamma(p x, ν x); 0 when x = 0. Its own seed, so the purchase histories are unchanged.
    /// </summary>
    internal static double[] SimulateSpend(GammaGammaModel m, double[] x, int seed)
    {
        var random = new Random(seed);
        var mean = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double nu = Gamma.Sample(random, m.Q, m.Gamma);
            mean[i] = x[i] > 0 ? Gamma.Sample(random, m.P * x[i], nu * x[i]) : 0;
        }

        return mean;
    }

    /// <summary>First purchase at 0, exponential gaps at rate λ ~ Gamma(r, α), death at an exponential time with rate μ ~ Gamma(s, β).</summary>
    internal static (double[] X, double[] Tx, double[] T, double[] Holdout) Simulate(ParetoNbdModel m, int n, int seed, double holdout = 0)
    {
        (var random, double[] x, double[] tx, double[] t, double[] future) = (new Random(seed), new double[n], new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++)
        {
            t[i] = 27 + (12 * random.NextDouble());
            double lambda = Gamma.Sample(random, m.R, m.Alpha), death = Exponential.Sample(random, Gamma.Sample(random, m.S, m.Beta));
            for (double now = Exponential.Sample(random, lambda); now <= Math.Min(death, t[i] + holdout); now += Exponential.Sample(random, lambda))
            {
                if (now <= t[i])
                {
                    (x[i], tx[i]) = (x[i] + 1, now);
                }
                else
                {
                    future[i]++;
                }
            }
        }

        return (x, tx, t, future);
    }

    /// <summary>Accepts <paramref name="covered"/> of <paramref name="reps"/> when a coverage in [0.93, 0.97] could give it (0.1 % each side).</summary>
    private static void AssertCoverage(int covered, int reps, string what)
    {
        int Bound(double p, double q) => Enumerable.Range(0, reps + 1).First(k => k == reps || new Binomial(p, reps).CumulativeDistribution(k) >= q);
        int low = Bound(0.93, 0.001), high = Bound(0.97, 0.999);
        Assert.True(covered >= low && covered <= high, $"{what}: {covered} of {reps} covered; accepted {low}…{high}");
    }

    [Fact]
    public void Delta_method_intervals_cover_the_truth_at_the_nominal_rate()
    {
        int reps = int.TryParse(Environment.GetEnvironmentVariable("CM_COVERAGE_REPS"), out int n) && n > 0 ? n : 120;
        double trueExpected = Truth.ExpectedPurchases(39);
        double trueAlive = Truth.ProbabilityAlive(2, 20, 38);
        double trueConditional = Truth.ConditionalExpectedPurchases(39, 2, 20, 38);
        double trueDert = Truth.DiscountedExpectedResidualTransactions(0.01, 2, 20, 38);
        double k = ProbabilisticClv.UnitsPerMonth(PeriodUnit.Week);
        double trueClv = ProbabilisticClv.Discounted(Truth, SpendTruth, k, 12, 0.01, 2, 20, 38, 30);
        int expected = 0, alive = 0, conditional = 0, dert = 0, clv = 0, used = 0;
        for (int rep = 0; rep < reps; rep++)
        {
            var (x, tx, t, _) = Simulate(Truth, 800, 2000 + rep);
            var fit = ParetoNbd.Fit(x, tx, t);
            var u = ParetoNbdUncertainty.Estimate(fit, x, tx, t);
            Assert.True(u.HasCovariance, fit.ToString());
            used++;
            expected += u.ExpectedPurchases(39).Contains(trueExpected) ? 1 : 0;
            alive += u.ProbabilityAlive(2, 20, 38).Contains(trueAlive) ? 1 : 0;
            conditional += u.ConditionalExpectedPurchases(39, 2, 20, 38).Contains(trueConditional) ? 1 : 0;
            dert += u.DiscountedExpectedResidualTransactions(0.01, 2, 20, 38).Contains(trueDert) ? 1 : 0;

            // CLV with a Gamma-Gamma spend model fitted on the same customers: the joint (block-diagonal) delta method.
            double[] spend = SimulateSpend(SpendTruth, x, 9000 + rep);
            var summary = RfmSummary.FromColumns(Enumerable.Range(0, x.Length).ToArray(), x, tx, t, spend, PeriodUnit.Week);
            var joint = ParetoNbdUncertainty.Estimate(fit, GammaGamma.Fit(summary), summary);
            Assert.True(joint.HasCovariance, fit.ToString());
            clv += joint.Clv(k, 12, 0.01, 2, 20, 38, 30).Contains(trueClv) ? 1 : 0;
        }

        Console.WriteLine($"Pareto/NBD delta coverage over {used}: E[X(39)] {expected}, P(alive) {alive}, E[Y(39)|·] {conditional}, DERT {dert}, CLV {clv}");
        AssertCoverage(expected, used, "E[X(39)]");
        AssertCoverage(alive, used, "P(alive)");
        AssertCoverage(conditional, used, "E[Y(39)|x, tx, T]");
        AssertCoverage(dert, used, "DERT");
        AssertCoverage(clv, used, "CLV (Gamma-Gamma spend)");
    }

    [Fact]
    public void Clv_intervals_bracket_their_estimates_and_need_the_spend_model()
    {
        var d = CdnowSummary.Data;
        var summary = RfmSummary.FromColumns(Enumerable.Range(0, d.Frequency.Length).ToArray(), d.Frequency, d.Recency, d.Age, d.MeanSpend, PeriodUnit.Week);
        var purchases = ParetoNbdTests.Cdnow.Value;
        var spend = GammaGammaTests.Cdnow.Value;
        var u = ParetoNbdUncertainty.Estimate(purchases, spend, summary);
        double k = ProbabilisticClv.UnitsPerMonth(PeriodUnit.Week);

        // The point CLV by its definition from the public predictions (month by month, discounted at each month's end).
        double clv = ProbabilisticClv.Discounted(purchases, spend, k, 12, 0.01, 2, 30.43, 38.86, 22.35);
        double byDefinition = 0;
        for (int month = 1; month <= 12; month++)
        {
            double increment = purchases.ConditionalExpectedPurchases(month * k, 2, 30.43, 38.86) - purchases.ConditionalExpectedPurchases((month - 1) * k, 2, 30.43, 38.86);
            byDefinition += increment / Math.Pow(1.01, month);
        }

        byDefinition *= spend.ConditionalExpectedAverageSpend(2, 22.35);
        Assert.Equal(byDefinition, clv, 1e-12 * byDefinition);
        Assert.Equal(spend.ConditionalExpectedAverageSpend(2, 22.35) * purchases.ConditionalExpectedPurchases(24 * k, 2, 30.43, 38.86),
            ProbabilisticClv.Discounted(purchases, spend, k, 24, 0, 2, 30.43, 38.86, 22.35), 1e-9);
        Assert.Equal(0, ProbabilisticClv.Discounted(purchases, spend, k, 0, 0.01, 2, 30.43, 38.86, 22.35));

        var interval = u.Clv(k, 12, 0.01, 2, 30.43, 38.86, 22.35);
        Assert.True(interval.Lower < clv && clv < interval.Upper, interval.ToString());
        Assert.Equal(Math.Log(clv), Math.Log(Math.Sqrt(interval.Lower * interval.Upper)), 1e-9);
        Assert.Equal(7, u.LogParameterCovariance().GetLength(0));
        Assert.Equal(0, u.LogParameterCovariance()[0, 5]); // block-diagonal: separate fits
        Assert.Equal(spend, u.Spend);

        // The summary overload equals the scalar one customer by customer; the base interval brackets their sum.
        var values = new double[summary.Count];
        ProbabilisticClv.Discounted(purchases, spend, summary, 12, 0.01, values);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(ProbabilisticClv.Discounted(purchases, spend, k, 12, 0.01, d.Frequency[i], d.Recency[i], d.Age[i], d.MeanSpend[i]), values[i]);
        }

        var total = u.BaseClv(summary, 12, 0.01);
        Assert.True(total.Contains(values.Sum()), total.ToString());
        Assert.True(total.Width / values.Sum() < interval.Width / clv); // the base total is relatively tighter than one customer

        // No spend model ⇒ no CLV interval; bad arguments throw.
        var purchasesOnly = ParetoNbdUncertainty.Estimate(purchases, summary);
        Assert.Null(purchasesOnly.Spend);
        Assert.Equal(4, purchasesOnly.LogParameterCovariance().GetLength(0));
        Assert.Throws<InvalidOperationException>(() => purchasesOnly.Clv(k, 12, 0.01, 2, 30.43, 38.86, 22.35));
        Assert.Throws<InvalidOperationException>(() => purchasesOnly.BaseClv(summary, 12, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => u.Clv(k, -1, 0.01, 2, 30.43, 38.86, 22.35));
        Assert.Throws<ArgumentOutOfRangeException>(() => u.Clv(k, 12, 0.01, 2, 40, 38.86, 22.35));
        Assert.Throws<ArgumentOutOfRangeException>(() => u.Clv(k, 12, 0.01, 2, 30.43, 38.86, 22.35, confidenceLevel: 1));
        Assert.Throws<InvalidOperationException>(() => ProbabilisticClv.Discounted(default(ParetoNbdModel), spend, k, 12, 0.01, 2, 30.43, 38.86, 22.35));
        Assert.Throws<InvalidOperationException>(() => ParetoNbdUncertainty.Estimate(purchases, default, summary));
    }

    [Fact]
    public void Bootstrap_runs_are_reproducible_and_count_intervals_hold_the_holdout_purchases()
    {
        var (x, tx, t, holdout) = Simulate(Truth, 800, 77, holdout: 39);
        var fit = ParetoNbd.Fit(x, tx, t);
        var boot = ParetoNbdBootstrap.Run(fit, t, draws: 24, seed: 3);
        var again = ParetoNbdBootstrap.Run(fit, t, draws: 24, seed: 3);
        Assert.Equal(boot.Models, again.Models);
        Assert.Equal(24, boot.Models.Count + boot.Failed);
        var percentile = boot.ConditionalExpectedPurchases(39, 2, 20, 38);
        Assert.True(percentile.Lower < percentile.Upper && percentile.Lower > 0, percentile.ToString());
        Assert.InRange(fit.ConditionalExpectedPurchases(39, 2, 20, 38), percentile.Lower * 0.8, percentile.Upper * 1.25);
        var aliveInterval = boot.ProbabilityAlive(2, 20, 38);
        Assert.InRange(aliveInterval.Lower, 0, 1);
        Assert.InRange(aliveInterval.Upper, aliveInterval.Lower, 1);

        int covered = 0, customers = 200;
        double simulatedMean = 0;
        for (int i = 0; i < customers; i++)
        {
            var interval = boot.PurchasesPredictionInterval(39, x[i], tx[i], t[i]);
            Assert.True(interval.Lower == Math.Floor(interval.Lower) && interval.Upper == Math.Floor(interval.Upper), interval.ToString());
            Assert.Equal(interval, boot.PurchasesPredictionInterval(39, x[i], tx[i], t[i]));
            covered += interval.Contains(holdout[i]) ? 1 : 0;
            simulatedMean += holdout[i];
        }

        // Whole counts: coverage at least the level (accepted ≥ the 0.1 % binomial quantile at 95 %).
        Console.WriteLine($"Pareto/NBD count prediction coverage: {covered} of {customers}");
        int low = Enumerable.Range(0, customers + 1).First(k => new Binomial(0.95, customers).CumulativeDistribution(k) >= 0.001);
        Assert.True(covered >= low, $"{covered} of {customers}");
        Assert.Throws<ArgumentOutOfRangeException>(() => ParetoNbdBootstrap.Run(fit, t, draws: 1, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParetoNbdBootstrap.Run(fit, [1.0, 0.0], draws: 5, seed: 1));
    }

    [Fact]
    public void The_delta_standard_errors_equal_the_fit_standard_errors_and_base_sums_are_consistent()
    {
        var d = CdnowSummary.Data;
        var fit = ParetoNbdTests.Cdnow.Value;
        var u = ParetoNbdUncertainty.Estimate(fit, d.Frequency, d.Recency, d.Age);
        double[,] cov = u.LogParameterCovariance();
        Assert.Equal(fit.RStandardError, fit.R * Math.Sqrt(cov[0, 0]), 1e-6 * fit.RStandardError);
        Assert.Equal(fit.BetaStandardError, fit.Beta * Math.Sqrt(cov[3, 3]), 1e-6 * fit.BetaStandardError);

        // The base interval brackets the sum of the customers' expectations; a customer at tₓ = T is alive: no width.
        double total = Enumerable.Range(0, d.Frequency.Length).Sum(i => fit.ConditionalExpectedPurchases(39, d.Frequency[i], d.Recency[i], d.Age[i]));
        var baseInterval = u.BaseExpectedPurchases(39, d.Frequency, d.Recency, d.Age);
        Assert.InRange(total, baseInterval.Lower, baseInterval.Upper);
        Assert.Equal(new ConfidenceInterval(1, 1, 0.95), u.ProbabilityAlive(3, 20, 20));
        var e = u.ExpectedPurchases(39);
        Assert.InRange(fit.ExpectedPurchases(39), e.Lower, e.Upper);
        Assert.Throws<ArgumentOutOfRangeException>(() => u.ExpectedPurchases(39, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => u.DiscountedExpectedResidualTransactions(0, 1, 1, 4));
        Assert.Throws<InvalidOperationException>(() => ParetoNbdUncertainty.Estimate(default, d.Frequency, d.Recency, d.Age));
    }
}
