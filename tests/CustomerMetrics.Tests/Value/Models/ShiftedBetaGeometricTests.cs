using System.Globalization;
using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

public class ShiftedBetaGeometricTests
{
    private static (double[] Regular, double[] HighEnd) Table()
    {
        var rows = File.ReadAllLines(TestData.Cdnow("sbg_fader_hardie_2007_survival.csv")).Skip(1)
            .Select(l => l.Trim().Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray());
    }

    [Fact]
    public void Reproduces_Fader_Hardie_2007_on_years_0_to_7()
    {
        var (regular, highEnd) = Table();
        ShiftedBetaGeometricModel r = ShiftedBetaGeometric.Fit(regular.AsSpan(0, 8));
        ShiftedBetaGeometricModel h = ShiftedBetaGeometric.Fit(highEnd.AsSpan(0, 8));
        Assert.True(r.FitInfo.Converged && h.FitInfo.Converged);
        Assert.Equal(0.704, r.Alpha, 0.001);
        Assert.Equal(1.182, r.Beta, 0.001);
        Assert.Equal(0.668, h.Alpha, 0.001);
        Assert.Equal(3.806, h.Beta, 0.001);
        Assert.Equal(7, r.Periods);
        Assert.True(r.AlphaStandardError > 0 && r.BetaStandardError > 0);

        // The projection tracks the holdout years 8–12 within a few customers per thousand (FH 2007, fig. 3).
        for (int year = 8; year <= 12; year++)
        {
            Assert.Equal(regular[year] / 1000, r.Survival(year), 0.02);
            Assert.Equal(highEnd[year] / 1000, h.Survival(year), 0.02);
        }
    }

    [Fact]
    public void Recovers_parameters_from_a_simulated_cohort()
    {
        const double Alpha = 1.5, Beta = 4;
        var random = new Random(17);
        var theta = new MathNet.Numerics.Distributions.Beta(Alpha, Beta, random);
        var survivors = new double[9];
        for (int i = 0; i < 50_000; i++)
        {
            double churn = theta.Sample();
            for (int t = 0; t < survivors.Length; t++)
            {
                if (t > 0 && random.NextDouble() < churn)
                {
                    break;
                }

                survivors[t]++;
            }
        }

        ShiftedBetaGeometricModel model = ShiftedBetaGeometric.Fit(survivors);
        Assert.InRange(Alpha, model.Alpha - (4 * model.AlphaStandardError), model.Alpha + (4 * model.AlphaStandardError));
        Assert.InRange(Beta, model.Beta - (4 * model.BetaStandardError), model.Beta + (4 * model.BetaStandardError));
    }

    [Fact]
    public void Survival_churn_and_retention_are_consistent()
    {
        var model = new ShiftedBetaGeometricModel(0.704, 1.182);
        var curve = new double[13];
        model.SurvivalCurve(curve);
        for (int t = 1; t < curve.Length; t++)
        {
            Assert.Equal(model.Survival(t), curve[t], 1e-13);
            Assert.Equal(curve[t - 1] - curve[t], model.ChurnProbability(t), 1e-13);
            Assert.Equal(curve[t] / curve[t - 1], model.RetentionRate(t), 1e-13);
        }

        Assert.Equal(0.704 / (0.704 + 1.182), model.ChurnProbability(1), 1e-14);
    }

    [Theory]
    [InlineData(0.1, 0)]
    [InlineData(0.1, 4)]
    [InlineData(0.01, 2)]
    [InlineData(0.5, 10)]
    public void Discounted_residual_lifetime_equals_the_direct_sum(double d, int renewals)
    {
        var model = new ShiftedBetaGeometricModel(0.668, 3.806);
        double direct = 0;
        for (int t = renewals + 1; t < renewals + 200_000; t++)
        {
            direct += model.Survival(t) / model.Survival(renewals) * Math.Pow(1 + d, -(t - renewals - 1));
        }

        Assert.Equal(direct, model.DiscountedExpectedResidualLifetime(renewals, d), 1e-6 * direct);
        double del = 0;
        for (int t = 0; t < 200_000; t++)
        {
            del += model.Survival(t) * Math.Pow(1 + d, -t);
        }

        Assert.Equal(del, model.DiscountedExpectedLifetime(d), 1e-6 * del);
    }

    [Fact]
    public void Invalid_tables_and_undefined_lifetimes_throw()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometric.Fit([1000, 600, 700]));
        Assert.Contains("survivors[2] is 700", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ShiftedBetaGeometric.Fit([1000]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometric.Fit([0, 0]));
        Assert.Throws<ModelFitException>(() => ShiftedBetaGeometric.Fit([1000, 1000, 1000]));
        Assert.Throws<InvalidOperationException>(() => new ShiftedBetaGeometricModel(0.7, 1.2).DiscountedExpectedLifetime(0));
        Assert.Throws<InvalidOperationException>(() => default(ShiftedBetaGeometricModel).Survival(1));
    }

    [Fact]
    public void Model_round_trips_through_json()
    {
        ShiftedBetaGeometricModel model = ShiftedBetaGeometric.Fit([1000, 631, 468, 382, 326, 289, 262, 241]);
        string json = JsonSerializer.Serialize(model, CustomerMetricsJsonContext.Default.ShiftedBetaGeometricModel);
        Assert.Equal(model, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.ShiftedBetaGeometricModel));
    }
}
