using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// Delta-method and bootstrap intervals on BG/NBD predictions. Coverage is measured by seeded simulation: customers are
/// simulated from known parameters (an independent simulator, below), the model is refitted, and the count of intervals
/// that hold the true value must be consistent (binomially, 0.1 % each side) with a coverage between 93 % and 97 %.
/// Set CM_COVERAGE_REPS to run more replications (the note's figures were measured that way).
/// </summary>
public class BgNbdIntervalTests
{
    private static readonly BgNbdModel Truth = new(0.243, 4.414, 0.793, 2.426);

    private static int Reps(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("CM_COVERAGE_REPS"), out int reps) && reps > 0 ? reps : fallback;

    /// <summary>Independent simulator: first purchase at 0, exponential gaps at rate λ, death with probability p after each repeat purchase.</summary>
    internal static (double[] X, double[] Tx, double[] T, double[] Holdout) Simulate(BgNbdModel m, int n, int seed, double holdout = 0)
    {
        var random = new Random(seed);
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        var future = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = 27 + (12 * random.NextDouble());
            double lambda = Gamma.Sample(random, m.R, m.Alpha), p = Beta.Sample(random, m.A, m.B);
            double now = 0;
            bool alive = true;
            while (alive)
            {
                now += Exponential.Sample(random, lambda);
                if (now > t[i] + holdout)
                {
                    break;
                }

                if (now <= t[i])
                {
                    x[i]++;
                    tx[i] = now;
                }
                else
                {
                    future[i]++;
                }

                alive = random.NextDouble() >= p;
            }
        }

        return (x, tx, t, future);
    }

    /// <summary>True when <paramref name="covered"/> of <paramref name="reps"/> is consistent with a coverage in [0.93, 0.97].</summary>
    private static void AssertCoverage(int covered, int reps, string what)
    {
        int low = Quantile(reps, 0.93, 0.001), high = Quantile(reps, 0.97, 0.999);
        Assert.True(covered >= low && covered <= high, $"{what}: {covered} of {reps} covered; accepted {low}…{high}");
    }

    private static int Quantile(int n, double p, double q)
    {
        var binomial = new Binomial(p, n);
        for (int k = 0; k <= n; k++)
        {
            if (binomial.CumulativeDistribution(k) >= q)
            {
                return k;
            }
        }

        return n;
    }

    [Fact]
    public void Delta_method_intervals_cover_the_truth_at_the_nominal_rate()
    {
        int reps = Reps(80);
        double trueExpected = Truth.ExpectedPurchases(39);
        double trueAlive = Truth.ProbabilityAlive(2, 30.43, 38.86);
        double trueConditional = Truth.ConditionalExpectedPurchases(39, 2, 30.43, 38.86);
        int expected = 0, alive = 0, conditional = 0;
        for (int rep = 0; rep < reps; rep++)
        {
            var (x, tx, t, _) = Simulate(Truth, 1000, 1000 + rep);
            var fit = BgNbd.Fit(x, tx, t);
            var u = BgNbdUncertainty.Estimate(fit, x, tx, t);
            Assert.True(u.HasCovariance);
            expected += u.ExpectedPurchases(39).Contains(trueExpected) ? 1 : 0;
            alive += u.ProbabilityAlive(2, 30.43, 38.86).Contains(trueAlive) ? 1 : 0;
            conditional += u.ConditionalExpectedPurchases(39, 2, 30.43, 38.86).Contains(trueConditional) ? 1 : 0;
        }

        Console.WriteLine($"delta coverage over {reps}: E[X(39)] {expected}, P(alive) {alive}, E[Y(39)|·] {conditional}");
        AssertCoverage(expected, reps, "E[X(39)]");
        AssertCoverage(alive, reps, "P(alive)");
        AssertCoverage(conditional, reps, "E[Y(39)|x, tx, T]");
    }

    [Fact]
    public void Bootstrap_percentile_intervals_cover_the_truth_at_the_nominal_rate()
    {
        int reps = Reps(20);
        double trueExpected = Truth.ExpectedPurchases(39);
        double trueAlive = Truth.ProbabilityAlive(2, 30.43, 38.86);
        int expected = 0, alive = 0;
        for (int rep = 0; rep < reps; rep++)
        {
            var (x, tx, t, _) = Simulate(Truth, 300, 5000 + rep);
            var boot = BgNbdBootstrap.Run(BgNbd.Fit(x, tx, t), t, draws: 40, seed: rep);
            expected += boot.ExpectedPurchases(39).Contains(trueExpected) ? 1 : 0;
            alive += boot.ProbabilityAlive(2, 30.43, 38.86).Contains(trueAlive) ? 1 : 0;
        }

        Console.WriteLine($"bootstrap coverage over {reps}: E[X(39)] {expected}, P(alive) {alive}");
        AssertCoverage(expected, reps, "bootstrap E[X(39)]");
        AssertCoverage(alive, reps, "bootstrap P(alive)");
    }

    [Fact]
    public void Count_prediction_intervals_hold_the_holdout_purchases_of_simulated_customers()
    {
        var (x, tx, t, holdout) = Simulate(Truth, 1000, 77, holdout: 39);
        var boot = BgNbdBootstrap.Run(BgNbd.Fit(x, tx, t), t, draws: 30, seed: 3);
        int covered = 0, customers = 200;
        for (int i = 0; i < customers; i++)
        {
            var interval = boot.PurchasesPredictionInterval(39, x[i], tx[i], t[i]);
            Assert.True(interval.Lower == Math.Floor(interval.Lower) && interval.Upper == Math.Floor(interval.Upper));
            covered += interval.Contains(holdout[i]) ? 1 : 0;
        }

        // Whole counts: coverage at least the level (the accepted range is ≥ 93 %).
        Console.WriteLine($"count prediction coverage: {covered} of {customers}");
        Assert.True(covered >= Quantile(customers, 0.95, 0.001), $"{covered} of {customers}");
    }

    [Fact]
    public void The_delta_standard_error_matches_sampled_parameters_and_the_fit_standard_errors()
    {
        var d = CdnowSummary.Data;
        var fit = BgNbdTests.Cdnow.Value;
        var u = BgNbdUncertainty.Estimate(fit, d.Frequency, d.Recency, d.Age);
        double[,] cov = u.LogParameterCovariance();

        // Natural-scale SE = θ √Σᵢᵢ (log scale) equals the fit's standard errors.
        Assert.Equal(fit.RStandardError, fit.R * Math.Sqrt(cov[0, 0]), 1e-6 * fit.RStandardError);
        Assert.Equal(fit.BStandardError, fit.B * Math.Sqrt(cov[3, 3]), 1e-6 * fit.BStandardError);

        // Independent: sample log-parameters from N(φ̂, Σ) and take the spread of ln E[Y(39) | x, tₓ, T].
        var chol = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(cov).Cholesky().Factor;
        var random = new Random(11);
        var logs = new List<double>();
        for (int k = 0; k < 4000; k++)
        {
            var zs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(4, _ => Normal.Sample(random, 0, 1));
            var shift = chol * zs;
            var m = new BgNbdModel(fit.R * Math.Exp(shift[0]), fit.Alpha * Math.Exp(shift[1]), fit.A * Math.Exp(shift[2]), fit.B * Math.Exp(shift[3]));
            logs.Add(Math.Log(m.ConditionalExpectedPurchases(39, 2, 30.43, 38.86)));
        }

        double mean = logs.Average();
        double sd = Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / (logs.Count - 1));
        var interval = u.ConditionalExpectedPurchases(39, 2, 30.43, 38.86);
        double deltaSe = Math.Log(interval.Upper / interval.Lower) / (2 * 1.959963984540054);
        Assert.Equal(sd, deltaSe, 0.06 * sd);
        double estimate = fit.ConditionalExpectedPurchases(39, 2, 30.43, 38.86);
        Assert.Equal(Math.Log(estimate), Math.Log(Math.Sqrt(interval.Lower * interval.Upper)), 1e-9);
    }

    [Fact]
    public void Clv_and_base_intervals_bracket_their_estimates_and_need_the_spend_model()
    {
        var d = CdnowSummary.Data;
        var summary = RfmSummary.FromColumns(Enumerable.Range(0, d.Frequency.Length).ToArray(), d.Frequency, d.Recency, d.Age, d.MeanSpend, PeriodUnit.Week);
        var purchases = BgNbdTests.Cdnow.Value;
        var spend = GammaGammaTests.Cdnow.Value;
        var u = BgNbdUncertainty.Estimate(purchases, spend, summary);
        double k = ProbabilisticClv.UnitsPerMonth(PeriodUnit.Week);
        double clv = ProbabilisticClv.Discounted(purchases, spend, k, 12, 0.01, 2, 30.43, 38.86, 22.35);
        var interval = u.Clv(k, 12, 0.01, 2, 30.43, 38.86, 22.35);
        Assert.True(interval.Lower < clv && clv < interval.Upper, interval.ToString());
        double dert = purchases.DiscountedExpectedResidualTransactions(0.01, 2, 30.43, 38.86);
        Assert.True(u.DiscountedExpectedResidualTransactions(0.01, 2, 30.43, 38.86).Contains(dert));
        Assert.Equal(Math.Log(clv), Math.Log(Math.Sqrt(interval.Lower * interval.Upper)), 1e-9);
        Assert.Equal(7, u.LogParameterCovariance().GetLength(0));
        Assert.Equal(0, u.LogParameterCovariance()[0, 5]); // block-diagonal: separate fits

        // The Gamma-Gamma part alone widens the interval: a BG/NBD-only CLV interval (spend fixed) is narrower.
        var values = new double[summary.Count];
        ProbabilisticClv.Discounted(purchases, spend, summary, 12, 0.01, values);
        var total = u.BaseClv(summary, 12, 0.01);
        Assert.True(total.Contains(values.Sum()));
        var basePurchases = u.BaseExpectedPurchases(39, d.Frequency, d.Recency, d.Age);
        double sum = Enumerable.Range(0, d.Frequency.Length).Sum(i => purchases.ConditionalExpectedPurchases(39, d.Frequency[i], d.Recency[i], d.Age[i]));
        Assert.True(basePurchases.Contains(sum));
        Assert.True(basePurchases.Width / sum < interval.Width / clv); // the base total is relatively tighter than one customer

        // Edges: x = 0 is alive for sure; t = 0 expects nothing; no spend model ⇒ no CLV interval; bad level throws.
        Assert.Equal(new ConfidenceInterval(1, 1, 0.95), u.ProbabilityAlive(0, 0, 30));
        Assert.Equal(0, u.ExpectedPurchases(0).Width);
        var purchasesOnly = BgNbdUncertainty.Estimate(purchases, summary);
        Assert.Throws<InvalidOperationException>(() => purchasesOnly.Clv(k, 12, 0.01, 2, 30.43, 38.86, 22.35));
        Assert.Throws<ArgumentOutOfRangeException>(() => purchasesOnly.ExpectedPurchases(39, confidenceLevel: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => purchasesOnly.ProbabilityAlive(3, 40, 30));
        Assert.Throws<InvalidOperationException>(() => BgNbdUncertainty.Estimate(default, summary));

        // Wider at higher level.
        Assert.True(purchasesOnly.ProbabilityAlive(2, 30.43, 38.86, 0.99).Width > purchasesOnly.ProbabilityAlive(2, 30.43, 38.86, 0.8).Width);
    }

    [Fact]
    public void Bootstrap_is_reproducible_from_its_seed_and_checks_its_arguments()
    {
        var (x, tx, t, _) = Simulate(Truth, 400, 9);
        var fit = BgNbd.Fit(x, tx, t);
        var one = BgNbdBootstrap.Run(fit, t, draws: 8, seed: 42);
        var two = BgNbdBootstrap.Run(fit, t, draws: 8, seed: 42);
        Assert.Equal(one.Models, two.Models);
        Assert.Equal(8, one.Models.Count + one.Failed);
        Assert.NotEqual(one.Models[0], BgNbdBootstrap.Run(fit, t, draws: 8, seed: 43).Models[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdBootstrap.Run(fit, t, draws: 1, seed: 0));
        Assert.Throws<ArgumentException>(() => BgNbdBootstrap.Run(fit, ReadOnlySpan<double>.Empty, draws: 8, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdBootstrap.Run(fit, [1.0, -2.0], draws: 8, seed: 0));
        Assert.Throws<InvalidOperationException>(() => BgNbdBootstrap.Run(default, t, draws: 8, seed: 0));
        var pi = one.PurchasesPredictionInterval(39, 0, 0, 30);
        Assert.Equal(0, pi.Lower);
    }
}
