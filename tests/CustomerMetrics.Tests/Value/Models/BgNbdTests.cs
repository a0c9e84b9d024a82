using System.Text.Json;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;

namespace CustomerMetrics.Tests.Value.Models;

public class BgNbdTests
{
    internal static readonly Lazy<BgNbdModel> Cdnow = new(() =>
        BgNbd.Fit(CdnowSummary.Data.Frequency, CdnowSummary.Data.Recency, CdnowSummary.Data.Age));

    private static readonly BgNbdModel Published = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Cdnow_fit_reproduces_Fader_Hardie_Lee_2005()
    {
        BgNbdModel model = Cdnow.Value;
        Assert.Equal(2357, CdnowSummary.Data.Frequency.Length);
        Assert.True(model.FitInfo.Converged, model.ToString());
        Assert.Equal(0.243, model.R, 0.001);
        Assert.Equal(4.414, model.Alpha, 0.001);
        Assert.Equal(0.793, model.A, 0.001);
        Assert.Equal(2.426, model.B, 0.001);
        Assert.Equal(-9582.4, model.LogLikelihood, 0.1);
        Assert.Equal(2357, model.Customers);
        Assert.InRange(model.FitInfo.Iterations, 1, 1000);
        Assert.Contains("r = 0.24", model.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cdnow_standard_errors_are_finite_and_plausible()
    {
        BgNbdModel model = Cdnow.Value;
        foreach (double se in new[] { model.RStandardError, model.AlphaStandardError, model.AStandardError, model.BStandardError })
        {
            Assert.True(se > 0 && double.IsFinite(se));
        }

        // Relative precision on 2,357 customers: a few per cent for r and α, more for the dropout shapes.
        Assert.InRange(model.RStandardError / model.R, 0.01, 0.2);
        Assert.InRange(model.AlphaStandardError / model.Alpha, 0.01, 0.2);
    }

    [Fact]
    public void Log_likelihood_matches_the_paper_formula_computed_independently()
    {
        // FHL 2005 eq. 6 term by term with MathNet special functions, at the published parameters.
        double r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
        var d = CdnowSummary.Data;
        double expected = 0;
        for (int i = 0; i < d.Frequency.Length; i++)
        {
            double x = d.Frequency[i], tx = d.Recency[i], t = d.Age[i];
            double common = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha));
            double l1 = Math.Exp(SpecialFunctions.BetaLn(a, b + x) - SpecialFunctions.BetaLn(a, b) - ((r + x) * Math.Log(alpha + t)));
            double l2 = x > 0 ? Math.Exp(SpecialFunctions.BetaLn(a + 1, b + x - 1) - SpecialFunctions.BetaLn(a, b) - ((r + x) * Math.Log(alpha + tx))) : 0;
            expected += common + Math.Log(l1 + l2);
        }

        var data = new BgNbdLikelihood(d.Frequency, d.Recency, d.Age, default);
        double actual = data.LogLikelihood([Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b)], new double[4]);
        Assert.Equal(expected, actual, 1e-7);
    }

    [Fact]
    public void Analytic_gradient_matches_finite_differences()
    {
        var d = CdnowSummary.Data;
        var data = new BgNbdLikelihood(d.Frequency, d.Recency, d.Age, default);
        double[] p = [Math.Log(0.4), Math.Log(3), Math.Log(1.3), Math.Log(2)];
        var gradient = new double[4];
        data.LogLikelihood(p, gradient);
        for (int j = 0; j < 4; j++)
        {
            double h = 1e-6;
            double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
            plus[j] += h;
            minus[j] -= h;
            double numeric = (data.LogLikelihood(plus, new double[4]) - data.LogLikelihood(minus, new double[4])) / (2 * h);
            Assert.Equal(numeric, gradient[j], Math.Abs(numeric) * 1e-6 + 1e-4);
        }
    }

    [Theory]
    [InlineData((int)VectorPath.Scalar)]
    [InlineData((int)VectorPath.Vector128)]
    [InlineData((int)VectorPath.Vector256)]
    [InlineData((int)VectorPath.Vector512)]
    [Trait("Category", "Kernel")]
    public void Kernel_paths_match_the_scalar_reference_for_every_length(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        var random = new Random(5);
        for (int length = 0; length <= 41; length++)
        {
            double[] age = new double[length], recency = new double[length], weight = new double[length];
            for (int i = 0; i < length; i++)
            {
                age[i] = 1 + (50 * random.NextDouble());
                recency[i] = age[i] * random.NextDouble();
                weight[i] = random.Next(1, 4);
            }

            double alpha = 4.4, rx = 3.2, dd = -1.1;
            var reference = default(BgNbdLikelihoodSums);
            BgNbdKernel.RepeatScalar(age, recency, weight, alpha, rx, dd, ref reference);
            var actual = default(BgNbdLikelihoodSums);
            BgNbdKernel.Repeat(age, recency, weight, alpha, rx, dd, path, ref actual);
            double tolerance = 1e-12 * (1 + length);
            Assert.Equal(reference.LogLikelihood, actual.LogLikelihood, tolerance * 100);
            Assert.Equal(reference.WeightedLogAge, actual.WeightedLogAge, tolerance * 100);
            Assert.Equal(reference.DroppedWeightedLogRatio, actual.DroppedWeightedLogRatio, tolerance * 100);
            Assert.Equal(reference.AliveWeightedInverseAge, actual.AliveWeightedInverseAge, tolerance);
            Assert.Equal(reference.DroppedWeightedInverseRecency, actual.DroppedWeightedInverseRecency, tolerance);
            Assert.Equal(reference.DroppedWeight, actual.DroppedWeight, tolerance * 100);

            var referenceNoRepeat = default(BgNbdLikelihoodSums);
            var actualNoRepeat = default(BgNbdLikelihoodSums);
            BgNbdKernel.NoRepeat(age, weight, alpha, VectorPath.Scalar, ref referenceNoRepeat);
            BgNbdKernel.NoRepeat(age, weight, alpha, path, ref actualNoRepeat);
            Assert.Equal(referenceNoRepeat.WeightedLogAge, actualNoRepeat.WeightedLogAge, tolerance * 100);
            Assert.Equal(referenceNoRepeat.AliveWeightedInverseAge, actualNoRepeat.AliveWeightedInverseAge, tolerance);
        }
    }

    [Theory]
    [InlineData((int)VectorPath.Scalar)]
    [InlineData((int)VectorPath.Vector128)]
    [InlineData((int)VectorPath.Vector256)]
    [InlineData((int)VectorPath.Vector512)]
    [Trait("Category", "Kernel")]
    public void Every_path_fits_the_published_parameters(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        var d = CdnowSummary.Data;
        BgNbdModel model = BgNbd.Fit(d.Frequency, d.Recency, d.Age, default, 0, path);
        Assert.Equal(0.243, model.R, 0.001);
        Assert.Equal(2.426, model.B, 0.001);
        Assert.Equal(-9582.4, model.LogLikelihood, 0.1);
    }

    [Fact]
    public void Recovers_parameters_from_simulated_customers()
    {
        const double R = 0.5, Alpha = 6, A = 0.8, B = 2.5;
        var (x, tx, t) = Simulate(R, Alpha, A, B, 30_000, 52, seed: 42);
        BgNbdModel model = BgNbd.Fit(x, tx, t);
        Assert.True(model.FitInfo.Converged);
        Assert.InRange(R, model.R - (4 * model.RStandardError), model.R + (4 * model.RStandardError));
        Assert.InRange(Alpha, model.Alpha - (4 * model.AlphaStandardError), model.Alpha + (4 * model.AlphaStandardError));
        Assert.InRange(A, model.A - (4 * model.AStandardError), model.A + (4 * model.AStandardError));
        Assert.InRange(B, model.B - (4 * model.BStandardError), model.B + (4 * model.BStandardError));
    }

    [Fact]
    public void Data_without_dropout_are_reported_as_a_boundary_fit_and_a_penalty_keeps_them_finite()
    {
        // Everybody keeps buying at a steady pace until the end: the MLE sends a, b to ∞ (no dropout).
        double[] x = [10, 12, 9, 11, 10, 13, 8, 0], tx = [38, 39, 37, 38.5, 39, 38, 36, 0], t = [39, 39.5, 38, 39, 39.2, 38.6, 37, 39];
        BgNbdModel plain = BgNbd.Fit(x, tx, t);
        Assert.False(plain.FitInfo.Converged, plain.ToString());
        BgNbdModel penalised = BgNbd.Fit(x, tx, t, penalty: 0.01);
        Assert.True(penalised.FitInfo.Converged, penalised.ToString());
        Assert.True(penalised.A < 100 && penalised.B < 100);
    }

    [Fact]
    public void Weights_of_grouped_rows_equal_the_expanded_rows()
    {
        double[] x = [0, 1, 2, 5, 1, 3], tx = [0, 10, 20, 30, 2, 35], t = [40, 40, 38, 39, 30, 36], w = [30, 12, 6, 3, 9, 4];
        var ex = new List<double>();
        var etx = new List<double>();
        var et = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            for (int k = 0; k < w[i]; k++)
            {
                ex.Add(x[i]);
                etx.Add(tx[i]);
                et.Add(t[i]);
            }
        }

        BgNbdModel grouped = BgNbd.Fit(x, tx, t, w, penalty: 0.01);
        BgNbdModel expanded = BgNbd.Fit(ex.ToArray(), etx.ToArray(), et.ToArray(), penalty: 0.01);
        Assert.Equal(expanded.R, grouped.R, 1e-5);
        Assert.Equal(expanded.B, grouped.B, 1e-5);
        Assert.Equal(expanded.LogLikelihood, grouped.LogLikelihood, 1e-6);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(39.0)]
    [InlineData(78.0)]
    public void Expected_purchases_equal_the_mean_of_the_purchase_distribution(double t)
    {
        // Independent route: Σ n P(X(t) = n) from FHL eq. 8 (incomplete beta tail) against eq. 9 (hypergeometric).
        double mean = 0, total = 0;
        for (int n = 0; n < 4000; n++)
        {
            double p = Published.ProbabilityOfPurchases(t, n);
            total += p;
            mean += n * p;
        }

        Assert.Equal(1, total, 1e-6);
        Assert.Equal(mean, Published.ExpectedPurchases(t), 1e-5);
    }

    [Fact]
    public void Expected_purchases_are_continuous_through_a_equal_to_one()
    {
        var at = new BgNbdModel(0.5, 4, 1, 2.5);
        double below = new BgNbdModel(0.5, 4, 1 - 1e-7, 2.5).ExpectedPurchases(30);
        double above = new BgNbdModel(0.5, 4, 1 + 1e-7, 2.5).ExpectedPurchases(30);
        Assert.Equal((below + above) / 2, at.ExpectedPurchases(30), 1e-8);
        Assert.Equal(0, at.ExpectedPurchases(0));
    }

    [Theory]
    [InlineData(0, 0, 38.86, 39)]
    [InlineData(2, 30.43, 38.86, 39)]
    [InlineData(7, 35, 38.86, 52)]
    [InlineData(25, 37, 38.86, 10)]
    [InlineData(3, 10, 38.86, 500)]
    public void Conditional_expectation_matches_the_untransformed_paper_formula(double x, double tx, double t, double horizon)
    {
        double r = Published.R, alpha = Published.Alpha, a = Published.A, b = Published.B;
        double z = horizon / (alpha + t + horizon);
        double f = SeriesReference.Gauss(r + x, b + x, a + b + x - 1, z);
        double numerator = (a + b + x - 1) / (a - 1) * (1 - (Math.Pow((alpha + t) / (alpha + t + horizon), r + x) * f));
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.Pow((alpha + t) / (alpha + tx), r + x) : 0);
        Assert.Equal(numerator / denominator, Published.ConditionalExpectedPurchases(horizon, x, tx, t), 1e-9 * (1 + (numerator / denominator)));
        Assert.Equal(1 / denominator, Published.ProbabilityAlive(x, tx, t), 1e-12);
    }

    [Fact]
    public void Batch_predictions_equal_the_scalar_ones()
    {
        var d = CdnowSummary.Data;
        var expected = new double[d.Frequency.Length];
        var alive = new double[d.Frequency.Length];
        Published.ConditionalExpectedPurchases(39, d.Frequency, d.Recency, d.Age, expected);
        Published.ProbabilityAlive(d.Frequency, d.Recency, d.Age, alive);
        for (int i = 0; i < expected.Length; i += 97)
        {
            Assert.Equal(Published.ConditionalExpectedPurchases(39, d.Frequency[i], d.Recency[i], d.Age[i]), expected[i], 1e-12 * (1 + expected[i]));
            Assert.Equal(Published.ProbabilityAlive(d.Frequency[i], d.Recency[i], d.Age[i]), alive[i], 1e-13);
        }

        // FHL 2005 compare the sum of conditional expectations for the 39-week holdout with the observed 1,788 repeat purchases.
        Assert.InRange(expected.Sum(), 1600, 1900);
    }

    [Theory]
    [InlineData((int)VectorPath.Scalar)]
    [InlineData((int)VectorPath.Vector128)]
    [InlineData((int)VectorPath.Vector256)]
    [InlineData((int)VectorPath.Vector512)]
    [Trait("Category", "Kernel")]
    public void Probability_alive_paths_match_the_scalar_formula_for_every_length(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        var random = new Random(3);
        for (int length = 0; length <= 37; length++)
        {
            double[] x = new double[length], tx = new double[length], t = new double[length], actual = new double[length];
            for (int i = 0; i < length; i++)
            {
                t[i] = 1 + (50 * random.NextDouble());
                x[i] = random.Next(0, 4) == 0 ? 0 : random.Next(1, 60);
                tx[i] = x[i] == 0 ? 0 : t[i] * random.NextDouble();
            }

            Published.ProbabilityAlive(x, tx, t, actual, path);
            for (int i = 0; i < length; i++)
            {
                double expected = Published.Alive(x[i], tx[i], t[i]);
                Assert.Equal(expected, actual[i], 1e-13);
            }
        }
    }

    [Fact]
    public void Batch_memo_grows_and_matches_scalar_on_many_distinct_pairs()
    {
        var (x, tx, t) = Simulate(0.5, 6, 0.8, 2.5, 5_000, 52, seed: 9);
        var batch = new double[x.Length];
        Published.ConditionalExpectedPurchases(26, x, tx, t, batch);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(Published.ConditionalExpectedPurchases(26, x[i], tx[i], t[i]), batch[i], 1e-12 * (1 + batch[i]));
        }
    }

    [Fact]
    public void Lifetime_expectation_needs_a_above_one()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Published.ExpectedPurchases(double.PositiveInfinity));
        Assert.Contains("a > 1", ex.Message, StringComparison.Ordinal);
        var finite = new BgNbdModel(0.5, 4, 2, 3);
        Assert.Equal((2 + 3 - 1) / (2 - 1.0), finite.ExpectedPurchases(double.PositiveInfinity));
    }

    [Fact]
    public void Invalid_rows_throw_naming_the_row()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BgNbd.Fit([1, 2], [5, 50], [40, 40]));
        Assert.Equal("recency", ex.ParamName);
        Assert.Contains("recency[1] is 50", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbd.Fit([1, -1], [5, 0], [40, 40]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbd.Fit([1, 1.5], [5, 2], [40, 40]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbd.Fit([1, 0], [5, 0], [40, -1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbd.Fit([1, 1], [5, 0], [40, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbd.Fit([1, 0], [5, 0], [40, double.NaN]));
        Assert.Throws<ArgumentException>(() => BgNbd.Fit([1, 0], [5], [40, 40]));
        Assert.Throws<ArgumentException>(() => BgNbd.Fit([], [], []));
        Assert.Throws<ModelFitException>(() => BgNbd.Fit([0, 0], [0, 0], [40, 30]));
        Assert.Throws<InvalidOperationException>(() => default(BgNbdModel).ProbabilityAlive(1, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(0, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Published.ConditionalExpectedPurchases(-1, 1, 1, 2));
    }

    [Fact]
    public void Model_round_trips_through_json()
    {
        BgNbdModel model = Cdnow.Value;
        string json = JsonSerializer.Serialize(model, CustomerMetricsJsonContext.Default.BgNbdModel);
        BgNbdModel back = JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.BgNbdModel);
        Assert.Equal(model, back);
    }

    internal static (double[] X, double[] Tx, double[] T) Simulate(double r, double alpha, double a, double b, int n, double maxAge, int seed)
    {
        var random = new Random(seed);
        var gamma = new MathNet.Numerics.Distributions.Gamma(r, alpha, random);
        var beta = new MathNet.Numerics.Distributions.Beta(a, b, random);
        double[] x = new double[n], tx = new double[n], t = new double[n];
        for (int i = 0; i < n; i++)
        {
            double lambda = gamma.Sample(), p = beta.Sample();
            double age = maxAge * (0.2 + (0.8 * random.NextDouble()));
            double time = 0, last = 0;
            int count = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > age)
                {
                    break;
                }

                count++;
                last = time;
                if (random.NextDouble() < p)
                {
                    break; // Drops out right after this purchase.
                }
            }

            x[i] = count;
            tx[i] = last;
            t[i] = age;
        }

        return (x, tx, t);
    }
}
