using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// The warm-started BG/NBD fit of large data (a fit on every 64th customer, then BFGS on all customers from its optimum
/// with its Hessian): checked against the full search from the default start on the same data (the previous path).
/// </summary>
public class BgNbdWarmStartTests
{
    private static readonly BgNbdModel Truth = new(0.243, 4.414, 0.793, 2.426);

    private static readonly Lazy<(double[] X, double[] Tx, double[] T)> Large = new(() => BgNbdParallelTests.Simulate(150_000, 5));

    private static double Norm(ModelObjective objective, double[] p)
    {
        var g = new double[p.Length];
        objective(p, g);
        return Math.Sqrt(g.Sum(v => v * v));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Warm_fit_reaches_the_optimum_of_the_full_search_in_fewer_passes(double penalty)
    {
        var (x, tx, t) = Large.Value;
        var data = new BgNbdLikelihood(x, tx, t, default) { Penalty = penalty };
        ModelOptimizer.Result? warm = BgNbd.WarmFit(data);
        Assert.NotNull(warm);
        double alpha0 = Math.Clamp(data.MeanAge / data.MeanFrequency, 1e-3, 1e6);
        ModelOptimizer.Result full = ModelOptimizer.Minimize(data.Objective, [0, Math.Log(alpha0), 0, 0], "BG/NBD");
        Assert.True(warm.Value.Info.Converged, warm.Value.Info.ToString());
        Assert.True(full.Info.Converged, full.Info.ToString());

        // Same optimum: parameters to 1e-6 relative (the full search stops at |g| ≈ 1e-9, which moves them by about
        // 1e-8), the objective to 1e-12 relative, and the warm point's gradient no larger than the full search's.
        for (int i = 0; i < 4; i++)
        {
            double a = Math.Exp(warm.Value.LogParameters[i]), b = Math.Exp(full.LogParameters[i]);
            Assert.True(Math.Abs(a - b) <= 1e-6 * b, $"parameter {i}: warm {a:R}, full {b:R}");
        }

        Assert.Equal(full.Value, warm.Value.Value, Math.Abs(full.Value) * 1e-12);
        double warmNorm = Norm(data.Objective, warm.Value.LogParameters), fullNorm = Norm(data.Objective, full.LogParameters);
        Assert.True(warmNorm <= Math.Max(fullNorm, 1e-10), $"|g| warm {warmNorm:G3}, full {fullNorm:G3}");
        Assert.Equal(warmNorm, warm.Value.Info.GradientNorm, 1e-15);

        // Fewer passes over all customers (the subsample's, each 1/64 of one, are not counted).
        Assert.True(warm.Value.Info.Evaluations < full.Info.Evaluations, $"warm {warm.Value.Info}, full {full.Info}");
    }

    [Fact]
    public void Public_fit_of_large_data_uses_the_warm_start_and_recovers_the_parameters()
    {
        var (x, tx, t) = Large.Value;
        BgNbdModel model = BgNbd.Fit(x, tx, t);
        ModelOptimizer.Result warm = BgNbd.WarmFit(new BgNbdLikelihood(x, tx, t, default))!.Value;
        Assert.Equal(Math.Exp(warm.LogParameters[0]), model.R);
        Assert.Equal(Math.Exp(warm.LogParameters[3]), model.B);
        Assert.True(model.FitInfo.Converged);
        Assert.InRange(Math.Abs(model.R - Truth.R), 0, 4 * model.RStandardError);
        Assert.InRange(Math.Abs(model.Alpha - Truth.Alpha), 0, 4 * model.AlphaStandardError);
        Assert.InRange(Math.Abs(model.A - Truth.A), 0, 4 * model.AStandardError);
        Assert.InRange(Math.Abs(model.B - Truth.B), 0, 4 * model.BStandardError);
    }

    [Fact]
    public void Small_data_keep_the_full_search()
    {
        var (x, tx, t) = BgNbdParallelTests.Simulate(BgNbd.WarmStartCustomers - 1, 2);
        Assert.Null(BgNbd.WarmFit(new BgNbdLikelihood(x, tx, t, default)));
    }

    [Fact]
    public void A_subsample_without_repeat_purchases_falls_back_to_the_full_search()
    {
        // Only customer 1 of every 64 buys again: every 64th customer of the x-sorted order has x = 0.
        int n = BgNbd.WarmStartCustomers;
        double[] x = new double[n], tx = new double[n], t = new double[n];
        Array.Fill(t, 30);
        for (int i = 0; i < 10; i++)
        {
            (x[i], tx[i]) = (1, 10);
        }

        var data = new BgNbdLikelihood(x, tx, t, default);
        Assert.Null(data.Subsample(BgNbd.WarmStartStride));
        Assert.Null(BgNbd.WarmFit(data));
    }
}
