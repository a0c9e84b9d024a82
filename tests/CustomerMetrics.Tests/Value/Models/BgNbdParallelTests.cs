using CustomerMetrics.Value.Models;
using MathNet.Numerics;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// The parallel paths of the BG/NBD fit and batch predictions (fixed chunks of customers whose partial sums are added in
/// order; contiguous parts for predictions): checked against independent per-customer computations and against the
/// same code run on one thread, on inputs large enough to split.
/// </summary>
public class BgNbdParallelTests
{
    private static readonly BgNbdModel Truth = new(0.243, 4.414, 0.793, 2.426);

    private static readonly Lazy<(double[] X, double[] Tx, double[] T)> Large = new(() => Simulate(3 * BgNbdLikelihood.ChunkLength + 1234, 11));

    internal static (double[] X, double[] Tx, double[] T) Simulate(int n, int seed)
    {
        var random = new Random(seed);
        double[] t = new double[n], x = new double[n], tx = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = (189 + random.Next(84)) / 7.0;
        }

        BgNbdBootstrap.Simulate(Truth, t, random, x, tx);
        return (x, tx, t);
    }

    /// <summary>FHL 2005 eq. 6 per customer with MathNet's special functions, summed in Neumaier fashion by MathNet-free code.</summary>
    private static double Equation6(double r, double alpha, double a, double b, double[] frequency, double[] recency, double[] age)
    {
        double sum = 0, compensation = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], t = age[i];
            double common = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha));
            double lnL1 = SpecialFunctions.BetaLn(a, b + x) - SpecialFunctions.BetaLn(a, b) - ((r + x) * Math.Log(alpha + t));
            double value = common + lnL1;
            if (x > 0)
            {
                double lnL2 = SpecialFunctions.BetaLn(a + 1, b + x - 1) - SpecialFunctions.BetaLn(a, b) - ((r + x) * Math.Log(alpha + tx));
                double high = Math.Max(lnL1, lnL2), low = Math.Min(lnL1, lnL2);
                value = common + high + Math.Log(1 + Math.Exp(low - high));
            }

            double next = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - next) + value : (value - next) + sum;
            sum = next;
        }

        return sum + compensation;
    }

    [Fact]
    public void Chunked_log_likelihood_matches_equation_6_and_does_not_depend_on_threads()
    {
        var (x, tx, t) = Large.Value;
        double r = 0.3, alpha = 5, a = 0.9, b = 2.2;
        double[] p = [Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b)];
        var parallel = new BgNbdLikelihood(x, tx, t, default);
        var sequential = new BgNbdLikelihood(x, tx, t, default) { Sequential = true };
        double[] gp = new double[4], gs = new double[4];
        double lp = parallel.LogLikelihood(p, gp);
        double ls = sequential.LogLikelihood(p, gs);

        Assert.Equal(ls, lp); // bit for bit: the chunks are fixed and added in order
        Assert.Equal(gs, gp);
        double expected = Equation6(r, alpha, a, b, x, tx, t);
        Assert.True(Math.Abs(lp - expected) <= 1e-10 * Math.Abs(expected), $"{lp:R} vs {expected:R}");

        // The gradient against central differences of the independent formula.
        for (int j = 0; j < 4; j++)
        {
            const double h = 1e-5;
            double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
            plus[j] += h;
            minus[j] -= h;
            double numeric = (Equation6(Math.Exp(plus[0]), Math.Exp(plus[1]), Math.Exp(plus[2]), Math.Exp(plus[3]), x, tx, t)
                - Equation6(Math.Exp(minus[0]), Math.Exp(minus[1]), Math.Exp(minus[2]), Math.Exp(minus[3]), x, tx, t)) / (2 * h);
            Assert.Equal(numeric, gp[j], (Math.Abs(numeric) * 1e-6) + 1e-2);
        }
    }

    [Fact]
    public void Frequencies_too_large_for_counting_are_grouped_by_sorting_with_the_same_likelihood()
    {
        // maxX above both the customer count and 65,536: the regrouping falls back to sorting the distinct frequencies.
        double[] x = [0, 3, 100_000, 3, 0, 7], tx = [0, 10, 35, 20, 0, 30], t = [40, 38, 39, 30, 5, 31];
        double r = 0.7, alpha = 2, a = 0.8, b = 3;
        double actual = new BgNbdLikelihood(x, tx, t, default).LogLikelihood([Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b)], new double[4]);
        double expected = Equation6(r, alpha, a, b, x, tx, t);
        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-12);
    }

    [Fact]
    public void Fit_on_every_core_equals_the_fit_on_one()
    {
        var (x, tx, t) = Large.Value;
        BgNbdModel parallel = BgNbd.Fit(new BgNbdLikelihood(x, tx, t, default));
        BgNbdModel sequential = BgNbd.Fit(new BgNbdLikelihood(x, tx, t, default) { Sequential = true });
        Assert.True(parallel.FitInfo.Converged, parallel.ToString());
        Assert.Equal(sequential, parallel);

        // Recovers the simulated parameters (about 100 k customers: within a few standard errors).
        Assert.InRange(Math.Abs(parallel.R - Truth.R), 0, 4 * parallel.RStandardError);
        Assert.InRange(Math.Abs(parallel.B - Truth.B), 0, 4 * parallel.BStandardError);
    }

    [Fact]
    public void Standard_errors_from_the_shared_Hessian_match_a_separate_differencing()
    {
        var d = CdnowSummary.Data;
        var data = new BgNbdLikelihood(d.Frequency, d.Recency, d.Age, default);
        BgNbdModel model = BgNbd.Fit(data);
        double[] p = [Math.Log(model.R), Math.Log(model.Alpha), Math.Log(model.A), Math.Log(model.B)];
        double[] separate = ModelOptimizer.StandardErrors(data.NegativeLogLikelihood, p);
        Assert.Equal(separate[0], model.RStandardError, separate[0] * 1e-6);
        Assert.Equal(separate[1], model.AlphaStandardError, separate[1] * 1e-6);
        Assert.Equal(separate[2], model.AStandardError, separate[2] * 1e-6);
        Assert.Equal(separate[3], model.BStandardError, separate[3] * 1e-6);
    }

    [Fact]
    public void Penalised_fit_standard_errors_remove_the_penalty_from_the_shared_Hessian()
    {
        var d = CdnowSummary.Data;
        var data = new BgNbdLikelihood(d.Frequency, d.Recency, d.Age, default) { Penalty = 0.01 };
        BgNbdModel model = BgNbd.Fit(data);
        double[] p = [Math.Log(model.R), Math.Log(model.Alpha), Math.Log(model.A), Math.Log(model.B)];
        double[] separate = ModelOptimizer.StandardErrors(data.NegativeLogLikelihood, p);
        Assert.Equal(separate[0], model.RStandardError, separate[0] * 1e-6);
        Assert.Equal(separate[3], model.BStandardError, separate[3] * 1e-6);
    }

    [Fact]
    public void Batch_predictions_in_parallel_parts_equal_the_per_customer_formulas()
    {
        var (x, tx, t) = Large.Value;
        int n = x.Length;
        Assert.True(n >= 2 * BgNbdPredictionKernel.MinPartLength);
        var alive = new double[n];
        var conditional = new double[n];
        Truth.ProbabilityAlive(x, tx, t, alive);
        Truth.ConditionalExpectedPurchases(39, x, tx, t, conditional);
        for (int i = 0; i < n; i++)
        {
            // Eq. 11 and eq. 10 per customer through the scalar API.
            double a = Truth.ProbabilityAlive(x[i], tx[i], t[i]);
            double c = Truth.ConditionalExpectedPurchases(39, x[i], tx[i], t[i]);
            Assert.True(Math.Abs(alive[i] - a) <= 1e-12 * a, $"P(alive) row {i}: {alive[i]:R} vs {a:R}");
            Assert.True(Math.Abs(conditional[i] - c) <= 1e-12 * c, $"E[Y] row {i}: {conditional[i]:R} vs {c:R}");
        }

        var zero = new double[n];
        Array.Fill(zero, double.NaN);
        Truth.ConditionalExpectedPurchases(0, x, tx, t, zero);
        Assert.All(zero, v => Assert.Equal(0, v));
    }

    [Fact]
    public void A_bad_row_in_a_later_part_is_named_by_its_index_in_the_whole_input()
    {
        var (x, tx, t) = Large.Value;
        double[] recency = (double[])tx.Clone();
        int bad = x.Length - 5;
        recency[bad] = t[bad] + 1;
        var destination = new double[x.Length];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Truth.ConditionalExpectedPurchases(39, x, recency, t, destination));
        Assert.Equal("recency", ex.ParamName);
        Assert.Contains($"recency[{bad}]", ex.Message, StringComparison.Ordinal);

        // The earliest bad row wins when several parts have one, as in a sequential pass.
        recency[7] = -1;
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => Truth.ProbabilityAlive(x, recency, t, destination));
        Assert.Contains("recency[7]", ex.Message, StringComparison.Ordinal);

        var lifetime = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        Assert.Throws<InvalidOperationException>(() => lifetime.ConditionalExpectedPurchases(double.PositiveInfinity, x, tx, t, destination));
    }
}
