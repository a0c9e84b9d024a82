using CustomerMetrics.Value.Models;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value.Models;

public class ModelPropertyTests
{
    [Property(MaxTest = 40)]
    public void Bg_nbd_fit_on_small_random_data_is_finite_or_throws(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 60);
        double[] x = new double[n], tx = new double[n], t = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = 0.5 + (60 * random.NextDouble());
            x[i] = random.Next(0, 3) == 0 ? 0 : random.Next(0, 30);
            tx[i] = x[i] == 0 ? 0 : t[i] * random.NextDouble();
        }

        try
        {
            BgNbdModel model = BgNbd.Fit(x, tx, t);
            Assert.True(double.IsFinite(model.R) && double.IsFinite(model.Alpha) && double.IsFinite(model.A) && double.IsFinite(model.B), model.ToString());
            Assert.True(double.IsFinite(model.LogLikelihood), model.ToString()); // A density in tₓ: it may exceed 0.
            if (model.A > 1e6 || model.B > 1e6)
            {
                Assert.False(model.FitInfo.Converged, model.ToString()); // Boundary solutions are not reported as converged.
            }
        }
        catch (ModelFitException)
        {
            // Allowed: the fit explains why instead of returning NaN.
        }
    }

    [Property(MaxTest = 200)]
    public void Probability_alive_is_a_fraction_that_falls_with_the_time_since_the_last_purchase(int seed)
    {
        var random = new Random(seed);
        var model = new BgNbdModel(0.1 + random.NextDouble(), 0.5 + (10 * random.NextDouble()), 0.1 + (3 * random.NextDouble()), 0.1 + (5 * random.NextDouble()));
        double t = 1 + (100 * random.NextDouble()), x = random.Next(1, 50);
        double recent = model.ProbabilityAlive(x, t, t), older = model.ProbabilityAlive(x, t * random.NextDouble(), t);
        Assert.InRange(recent, 0, 1);
        Assert.InRange(older, 0, 1);
        Assert.True(older <= recent + 1e-15);
        Assert.Equal(1, model.ProbabilityAlive(0, 0, t));
    }

    [Property(MaxTest = 100)]
    public void Expected_purchases_grow_with_the_horizon_and_stay_below_the_no_dropout_bound(int seed)
    {
        var random = new Random(seed);
        double r = 0.1 + random.NextDouble(), alpha = 0.5 + (10 * random.NextDouble());
        var model = new BgNbdModel(r, alpha, 0.1 + (3 * random.NextDouble()), 0.1 + (5 * random.NextDouble()));
        double t1 = 50 * random.NextDouble(), t2 = t1 + (50 * random.NextDouble());
        double e1 = model.ExpectedPurchases(t1), e2 = model.ExpectedPurchases(t2);
        Assert.True(e1 >= 0 && e2 >= e1 - 1e-12);
        Assert.True(e2 <= (r / alpha * t2) + 1e-9); // Without dropout E[X(t)] = r t/α.
    }

    [Property(MaxTest = 100)]
    public void Shifted_beta_geometric_survival_falls_and_retention_rises(int seed)
    {
        var random = new Random(seed);
        var model = new ShiftedBetaGeometricModel(0.05 + (5 * random.NextDouble()), 0.05 + (5 * random.NextDouble()));
        for (int t = 1; t < 20; t++)
        {
            Assert.True(model.Survival(t) < model.Survival(t - 1));
            Assert.True(t == 1 || model.RetentionRate(t) >= model.RetentionRate(t - 1));
        }
    }
}
