using System.Reflection;
using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>One test per class of fault of issue 8 (names, impossible states, cancellation, ridges, T = 0, CLV bounds).</summary>
public class ModelFaultClassTests
{
    private static readonly BgNbdModel Published = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void One_name_per_rfm_quantity_and_the_horizon_first_in_every_prediction()
    {
        string[] summary = typeof(RfmSummary).GetProperties().Select(p => p.Name).ToArray();
        Assert.Contains("Age", summary);
        Assert.Contains("MeanSpend", summary);
        Assert.DoesNotContain("T", summary);
        Assert.DoesNotContain("MonetaryValue", summary);
        Assert.Equal(["frequency", "recency", "age", "meanSpend"], typeof(RfmRecord).GetConstructors()[0].GetParameters().Skip(1).Take(4).Select(p => p.Name));
        Assert.Equal(["Frequency", "Recency", "Age", "MeanSpend"], typeof(RfmRecord).GetProperties().Select(p => p.Name).Where(n => n is "Frequency" or "Recency" or "Age" or "MeanSpend"));

        // Every public model method that takes a horizon t takes it first; RFM parameters are named frequency, recency, age, meanSpend.
        var allowed = new HashSet<string> { "t", "n", "frequency", "recency", "age", "meanSpend", "destination", "renewals", "discountRate", "periods", "level", "draws", "seed", "other", "obj" };
        foreach (Type type in new[] { typeof(BgNbdModel), typeof(GammaGammaModel), typeof(ShiftedBetaGeometricModel) })
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName))
            {
                ParameterInfo[] parameters = method.GetParameters();
                int horizon = Array.FindIndex(parameters, p => p.Name == "t");
                Assert.True(horizon <= 0, $"{type.Name}.{method.Name} takes t at position {horizon}");
                Assert.All(parameters, p => Assert.True(allowed.Contains(p.Name!), $"{type.Name}.{method.Name}({p.Name})"));
            }
        }

        // The lifetimes port ProbabilityOfPurchases(39, 0) now means t = 39, n = 0 (it returned 0: n = 39 in t = 0).
        Assert.True(Published.ProbabilityOfPurchases(39, 0) > 0.3);
    }

    [Fact]
    public void Every_way_to_make_a_model_rejects_an_impossible_state()
    {
        BgNbdModel bg = BgNbdTests.Cdnow.Value;
        Assert.Throws<ArgumentOutOfRangeException>(() => bg with { Customers = -5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => bg with { RStandardError = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => bg with { LogLikelihood = double.NegativeInfinity });
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(1, 1, 1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(0, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaGammaModel(1, 2, 3) with { SkippedWithoutRepeat = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaGammaModel(1, 2, 3) with { SpendFrequencyCorrelation = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricModel(1, 2) with { Periods = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricModel(1, 2) with { CohortSize = double.PositiveInfinity });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelFitInfo(ModelFitMethod.Bfgs, -1, 3, true, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelFitInfo(ModelFitMethod.Bfgs, 1, 3, true, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelFitInfo((ModelFitMethod)7, 1, 3, false, 0));
        Assert.Throws<ArgumentException>(() => new ModelFitInfo(ModelFitMethod.None, 0, 0, true, 0));
        Assert.Throws<ArgumentException>(() => new ModelFitInfo(ModelFitMethod.Bfgs, 1, 1, true, 0, "why"));

        // JSON goes through the same checks.
        string json = JsonSerializer.Serialize(bg, CustomerMetricsJsonContext.Default.BgNbdModel);
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(json.Replace("\"customers\":2357", "\"customers\":-2357", StringComparison.Ordinal), CustomerMetricsJsonContext.Default.BgNbdModel));
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(json.Replace("\"r\":", "\"r\":-", StringComparison.Ordinal), CustomerMetricsJsonContext.Default.BgNbdModel));
        string info = JsonSerializer.Serialize(bg.FitInfo, CustomerMetricsJsonContext.Default.ModelFitInfo);
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(info.Replace("\"iterations\":", "\"iterations\":-", StringComparison.Ordinal), CustomerMetricsJsonContext.Default.ModelFitInfo));
    }

    [Fact]
    public void Default_models_and_heavy_tailed_spend_round_trip_through_json()
    {
        Assert.Equal(default, RoundTrip(default(BgNbdModel), CustomerMetricsJsonContext.Default.BgNbdModel));
        Assert.Equal(default, RoundTrip(default(GammaGammaModel), CustomerMetricsJsonContext.Default.GammaGammaModel));
        Assert.Equal(default, RoundTrip(default(ShiftedBetaGeometricModel), CustomerMetricsJsonContext.Default.ShiftedBetaGeometricModel));
        Assert.Equal(default, RoundTrip(default(ModelFitInfo), CustomerMetricsJsonContext.Default.ModelFitInfo));

        // q ≤ 1 (infinite mean spend), which a fit can return, could not be serialised: its mean threw inside the serialiser.
        var heavy = new GammaGammaModel(2, 0.8, 10) { LogLikelihood = -12.5, Customers = 3, FitInfo = new ModelFitInfo(ModelFitMethod.Bfgs, 9, 20, false, 1e-3, "a reason") };
        Assert.Equal(heavy, RoundTrip(heavy, CustomerMetricsJsonContext.Default.GammaGammaModel));
        var ridge = ShiftedBetaGeometric.Fit([1000, 990]);
        Assert.Equal(ridge, RoundTrip(ridge, CustomerMetricsJsonContext.Default.ShiftedBetaGeometricModel));
    }

    [Theory]
    [InlineData(0.704, 1.182)]
    [InlineData(0.668, 3.806)]
    [InlineData(2.5, 0.3)]
    public void Survival_at_huge_horizons_follows_its_power_law_limit(double alpha, double beta)
    {
        // S(t) → Γ(α+β)/Γ(β) t^(−α) (1 + O(1/t)); the log-beta difference returned 0.80 at t = 1e17.
        var model = new ShiftedBetaGeometricModel(alpha, beta);
        foreach (double t in (double[])[1e9, 1e17, 1e200])
        {
            double lnLimit = SpecialFunctions.GammaLn(alpha + beta) - SpecialFunctions.GammaLn(beta) - (alpha * Math.Log(t));
            double expected = Math.Exp(lnLimit);
            Assert.True(Math.Abs(model.Survival(t) - expected) <= 1e-7 * expected, $"S({t}) = {model.Survival(t):R}, limit {expected:R}");
        }

        // And at moderate t the recursion S(t) = S(t−1)(β+t−1)/(α+β+t−1) agrees.
        var curve = new double[2001];
        model.SurvivalCurve(curve);
        Assert.Equal(curve[2000], model.Survival(2000), curve[2000] * 1e-11);
        Assert.Equal(curve[1999] - curve[2000], model.ChurnProbability(2000), (curve[1999] - curve[2000]) * 1e-8);
    }

    [Theory]
    [InlineData(0.243, 4.414, 1.793, 2.426)]
    [InlineData(0.5, 10, 3, 0.7)]
    [InlineData(2.2, 1.5, 1.3, 4)]
    [InlineData(0.243, 4.414, 0.793, 2.426)]   // a < 1: E[X(t)] grows without limit
    [InlineData(0.7, 3, 1.0004, 2)]            // a within 1e-3 of 1
    public void Expected_purchases_at_long_horizons_match_an_integral_oracle(double r, double alpha, double a, double b)
    {
        var model = new BgNbdModel(r, alpha, a, b);
        foreach (double t in (double[])[50, 5e3, 1e6, 1e17, 1e100])
        {
            double expected = ExpectedPurchasesIntegral(r, alpha, a, b, t);
            double actual = model.ExpectedPurchases(t);
            Assert.True(Math.Abs(actual - expected) <= 1e-7 * expected, $"E[X({t})] = {actual:R}, integral {expected:R}");
        }

        if (a > 1)
        {
            double limit = (a + b - 1) / (a - 1);
            Assert.Equal(limit, model.ExpectedPurchases(double.PositiveInfinity), 1e-12 * limit);
            Assert.True(model.ExpectedPurchases(1e300) <= limit * (1 + 1e-12), $"E[X(1e300)] = {model.ExpectedPurchases(1e300):R}, limit {limit:R}");
        }
    }

    [Fact]
    public void Dropout_shapes_below_machine_epsilon_give_limits_not_library_exceptions()
    {
        // b + n − 1 rounded to 0 for b < 1e-16 and MathNet threw an ArgumentException from BetaLn.
        var bg = new BgNbdModel(0.243, 4.414, 0.793, 1e-17);
        var bgNear = new BgNbdModel(0.243, 4.414, 0.793, 1e-12);
        Assert.Equal(bgNear.ProbabilityOfPurchases(10, 1), bg.ProbabilityOfPurchases(10, 1), 1e-9);
        Assert.Equal(bgNear.ProbabilityAlive(1, 30, 38), bg.ProbabilityAlive(1, 30, 38), 1e-9);
        var sbg = new ShiftedBetaGeometricModel(0.7, 1e-17);
        var sbgNear = new ShiftedBetaGeometricModel(0.7, 1e-12);
        Assert.Equal(sbgNear.ChurnProbability(1), sbg.ChurnProbability(1), 1e-9);
        Assert.Equal(sbgNear.RetentionRate(1), sbg.RetentionRate(1), 1e-9);
        foreach (double tiny in (double[])[1e-17, 1e-300, double.Epsilon])
        {
            Assert.True(double.IsFinite(new BgNbdModel(0.243, 4.414, tiny, tiny).ProbabilityOfPurchases(10, 2)));
            Assert.True(double.IsFinite(new ShiftedBetaGeometricModel(tiny, tiny).ChurnProbability(3)));
        }
    }

    [Fact]
    public void A_one_period_table_is_reported_as_not_identified()
    {
        ShiftedBetaGeometricModel ridge = ShiftedBetaGeometric.Fit([1000, 990]);
        Assert.False(ridge.FitInfo.Converged, ridge.ToString());
        Assert.Contains("separate", ridge.FitInfo.Reason, StringComparison.Ordinal);

        // The data cannot tell apart models with the same first-period churn 1 %: they fit it equally well.
        foreach (double alpha in (double[])[0.05, 1, 20])
        {
            var model = new ShiftedBetaGeometricModel(alpha, alpha * 99);
            Assert.Equal(0.01, model.ChurnProbability(1), 1e-12);
        }

        // Two periods identify both parameters.
        Assert.True(ShiftedBetaGeometric.Fit([1000, 631, 468]).FitInfo.Converged);
    }

    [Fact]
    public void Customers_of_age_zero_are_included_and_add_nothing_to_the_likelihood()
    {
        var d = CdnowSummary.Data;
        double[] x = [.. d.Frequency, 0, 0, 0], tx = [.. d.Recency, 0, 0, 0], t = [.. d.Age, 0, 0, 0];
        BgNbdModel with = BgNbd.Fit(x, tx, t);
        BgNbdModel without = BgNbdTests.Cdnow.Value;
        Assert.Equal(without.LogLikelihood, with.LogLikelihood, 1e-6);
        Assert.Equal(without.R, with.R, 1e-5);
        Assert.Equal(without.B, with.B, 1e-4);
        Assert.Equal(without.Customers + 3, with.Customers);
        Assert.Equal(1, with.ProbabilityAlive(0, 0, 0));
        Assert.Equal(with.ExpectedPurchases(10), with.ConditionalExpectedPurchases(10, 0, 0, 0), 1e-12);
    }

    [Fact]
    public void No_repeat_purchase_throws_the_same_exception_in_every_model()
    {
        var bg = Assert.Throws<ModelFitException>(() => BgNbd.Fit([0, 0], [0, 0], [10, 20]));
        var gg = Assert.Throws<ModelFitException>(() => GammaGamma.Fit([0, 0], [0, 0]));
        Assert.Contains("no customer made a repeat purchase", bg.Message, StringComparison.Ordinal);
        Assert.Contains("no customer made a repeat purchase", gg.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clv_names_the_real_row_and_bounds_the_horizon()
    {
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        var destination = new double[3];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilisticClv.Discounted(Published, spend, PeriodUnit.Week, 12, 0.01,
            [1, 2, 3], [10, 20, 30], [40, 40, 40], [10, 20, -5], destination));
        Assert.Contains("meanSpend[2]", ex.Message, StringComparison.Ordinal);
        var months = Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilisticClv.Discounted(Published, spend, PeriodUnit.Week, ProbabilisticClv.MaxMonths + 1, 0.01, 1, 10, 40, 10));
        Assert.Equal("months", months.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilisticClv.Discounted(Published, spend, PeriodUnit.Week, int.MaxValue, 0.01, 1, 10, 40, 10));
        Assert.True(ProbabilisticClv.Discounted(Published, spend, PeriodUnit.Week, ProbabilisticClv.MaxMonths, 0.01, 1, 10, 40, 10) > 0);
    }

    /// <summary>
    /// E[X(t)] = ∫₀¹ (1/p)(1 − (α/(α+pt))ʳ) Beta(p; a, b) dp (the BG/NBD expectation given p, averaged; FHL 2005 §3),
    /// by composite Gauss–Legendre in y = −ln p on [0, 40 + ln(1 + t/α) + 60/a]: independent of the library's ₂F₁.
    /// </summary>
    internal static double ExpectedPurchasesIntegral(double r, double alpha, double a, double b, double t)
    {
        double lnB = SpecialFunctions.BetaLn(a, b);
        double upper = 40 + Math.Log(1 + (t / alpha)) + (60 / a);
        int panels = 4000;
        double width = (upper - 1) / panels, total = 0;
        var rule = new MathNet.Numerics.Integration.GaussLegendreRule(0, 1, 16);

        // y in [0, 1] through y = u^(1/b): the (1 − p)^(b−1) ~ y^(b−1) singularity at y = 0 becomes smooth.
        for (int k = 0; k < 200; k++)
        {
            double sum = 0;
            for (int j = 0; j < rule.Order; j++)
            {
                double u = (k + rule.Abscissas[j]) / 200;
                double y = Math.Pow(u, 1 / b);
                sum += rule.Weights[j] * Integrand(y) * y / (b * u);
            }

            total += sum / 200;
        }

        for (int k = 0; k < panels; k++)
        {
            double lo = 1 + (k * width), sum = 0;
            for (int j = 0; j < rule.Order; j++)
            {
                double y = lo + (rule.Abscissas[j] * width);
                sum += rule.Weights[j] * Integrand(y);
            }

            total += sum * width;
        }

        return total;

        double Integrand(double y)
        {
            double p = Math.Exp(-y);
            double v = p * t / alpha;
            double log1p = v < 1e-5 ? v - (v * v / 2) + (v * v * v / 3) : Math.Log(1 + v);
            double e = -r * log1p;
            double oneMinus = e > -1e-5 ? -(e + (e * e / 2) + (e * e * e / 6)) : 1 - Math.Exp(e);
            double oneMinusP = y < 1e-5 ? y - (y * y / 2) + (y * y * y / 6) : 1 - p;

            // (1/p)(1 − …) p^(a−1) (1−p)^(b−1)/B · p dy
            return oneMinus * Math.Exp(((a - 1) * -y) + ((b - 1) * Math.Log(oneMinusP)) - lnB);
        }
    }

    private static T RoundTrip<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value, info), info)!;
}
