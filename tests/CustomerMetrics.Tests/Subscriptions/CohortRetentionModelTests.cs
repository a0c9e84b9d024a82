using System.Globalization;
using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;
using MathNet.Numerics.Optimization;
using Xunit.Abstractions;

namespace CustomerMetrics.Tests.Subscriptions;

public class CohortRetentionModelTests(ITestOutputHelper output)
{
    /// <summary>Fader &amp; Hardie 2007's survivors (regular, high end) for years 0–7, from the repository's copy of their table.</summary>
    private static (long[] Regular, long[] HighEnd) Published()
    {
        var rows = File.ReadAllLines(TestData.Cdnow("sbg_fader_hardie_2007_survival.csv")).Skip(1).Take(8)
            .Select(l => l.Trim().Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray());
    }

    /// <summary>A table from per-cohort active counts (ragged: cohort c observed at ages 0 … n − 1 − c), revenue = active × price.</summary>
    private static CohortTable Table(long[][] active, double price = 10)
    {
        int n = active.Length;
        var sizes = new long[n];
        var cells = new long[n * n];
        var revenue = new double[n * n];
        for (int c = 0; c < n; c++)
        {
            sizes[c] = active[c].Length == 0 ? 0 : active[c][0];
            for (int age = 0; age < active[c].Length; age++)
            {
                cells[(c * n) + age] = active[c][age];
                revenue[(c * n) + age] = active[c][age] * price;
            }
        }

        return new CohortTable(0, n - 1, [.. sizes], [.. cells], [.. revenue]);
    }

    /// <summary>One cohort of <paramref name="survivors"/> in a window as long as its observation; the later cohorts are empty.</summary>
    private static CohortTable SingleCohort(long[] survivors) =>
        Table([survivors, .. Enumerable.Range(1, survivors.Length - 1).Select(c => new long[survivors.Length - c])]);

    /// <summary>Simulates a book: every cohort of <paramref name="size"/> customers, θ ~ Beta(α, β), observed through period cohorts − 1.</summary>
    private static long[][] Simulate(double alpha, double beta, int cohorts, int size, Random random)
    {
        var theta = new MathNet.Numerics.Distributions.Beta(alpha, beta, random);
        var active = new long[cohorts][];
        for (int c = 0; c < cohorts; c++)
        {
            int ages = cohorts - c;
            active[c] = new long[ages];
            for (int i = 0; i < size; i++)
            {
                double churn = theta.Sample();
                for (int age = 0; age < ages; age++)
                {
                    if (age > 0 && random.NextDouble() < churn)
                    {
                        break;
                    }

                    active[c][age]++;
                }
            }
        }

        return active;
    }

    /// <summary>The pooled multi-cohort log-likelihood written from the beta functions: Σ lost ln B(α+1, β+t−1)/B(α,β) + alive ln B(α, β+m)/B(α,β).</summary>
    private static double IndependentLogLikelihood(long[][] active, double alpha, double beta)
    {
        double ll = 0, b = SpecialFunctions.BetaLn(alpha, beta);
        foreach (long[] cohort in active)
        {
            for (int t = 1; t < cohort.Length; t++)
            {
                ll += (cohort[t - 1] - cohort[t]) * (SpecialFunctions.BetaLn(alpha + 1, beta + t - 1) - b);
            }

            if (cohort.Length > 1)
            {
                ll += cohort[^1] * (SpecialFunctions.BetaLn(alpha, beta + cohort.Length - 1) - b);
            }
        }

        return ll;
    }

    [Fact]
    public void Reproduces_Fader_Hardie_2007_regular_and_high_end_from_a_cohort_table()
    {
        var (regular, highEnd) = Published();
        foreach ((long[] survivors, double alpha, double beta) in new[] { (regular, 0.704, 1.182), (highEnd, 0.668, 3.806) })
        {
            CohortRetentionFit fit = CohortRetentionModel.Fit(SingleCohort(survivors));
            ShiftedBetaGeometricModel own = fit.Cohorts[0].Model, pooled = fit.Pooled;
            Assert.True(own.FitInfo.Converged && pooled.FitInfo.Converged);
            Assert.Equal(alpha, own.Alpha, 0.001);
            Assert.Equal(beta, own.Beta, 0.001);
            Assert.Equal(alpha, pooled.Alpha, 0.001);
            Assert.Equal(beta, pooled.Beta, 0.001);
            Assert.Equal(7, fit.Cohorts[0].LastObservedAge);
            Assert.Equal(IndependentLogLikelihood([survivors], alpha, beta), pooled.LogLikelihood, 0.5);

            // The empty later cohorts are rows that say why they were not fitted.
            Assert.All(fit.Cohorts.Skip(1), r => Assert.Equal(ModelFitMethod.None, r.Model.FitInfo.Method));
        }
    }

    [Fact]
    public void Pooled_fit_maximises_the_independently_written_multi_cohort_likelihood_and_recovers_the_truth()
    {
        const double Alpha = 0.9, Beta = 2.5;
        long[][] active = Simulate(Alpha, Beta, cohorts: 12, size: 2000, new Random(42));
        CohortRetentionFit fit = CohortRetentionModel.Fit(Table(active));
        ShiftedBetaGeometricModel pooled = fit.Pooled;
        Assert.True(pooled.FitInfo.Converged, pooled.FitInfo.ToString());

        // A second maximiser (Nelder–Mead on the beta-function likelihood) finds the same maximum.
        var simplex = new NelderMeadSimplex(1e-12, 5000);
        var result = simplex.FindMinimum(ObjectiveFunction.Value(p => -IndependentLogLikelihood(active, Math.Exp(p[0]), Math.Exp(p[1]))),
            MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([0.0, 0.0]));
        double alpha = Math.Exp(result.MinimizingPoint[0]), beta = Math.Exp(result.MinimizingPoint[1]);
        Assert.Equal(alpha, pooled.Alpha, alpha * 1e-3);
        Assert.Equal(beta, pooled.Beta, beta * 1e-3);
        Assert.Equal(IndependentLogLikelihood(active, pooled.Alpha, pooled.Beta), pooled.LogLikelihood, 1e-6 * Math.Abs(pooled.LogLikelihood));

        // The truth lies within four standard errors.
        Assert.InRange(Math.Abs(pooled.Alpha - Alpha), 0, 4 * pooled.AlphaStandardError);
        Assert.InRange(Math.Abs(pooled.Beta - Beta), 0, 4 * pooled.BetaStandardError);

        // Each old enough cohort's own fit maximises its own likelihood.
        CohortFitRow first = fit.Cohorts[0];
        Assert.True(first.Model.FitInfo.Converged);
        double own = IndependentLogLikelihood([active[0]], first.Model.Alpha, first.Model.Beta);
        Assert.True(own >= IndependentLogLikelihood([active[0]], first.Model.Alpha * 1.01, first.Model.Beta));
        Assert.True(own >= IndependentLogLikelihood([active[0]], first.Model.Alpha, first.Model.Beta * 0.99));
    }

    [Fact]
    public void Cohorts_that_cannot_identify_two_parameters_are_not_fitted_and_say_why()
    {
        long[][] active = Simulate(0.9, 2.5, cohorts: 6, size: 500, new Random(7));
        CohortRetentionFit fit = CohortRetentionModel.Fit(Table(active));
        CohortFitRow onePeriod = fit.Cohorts[4], none = fit.Cohorts[5];
        Assert.Equal(1, onePeriod.LastObservedAge);
        Assert.False(onePeriod.Model.FitInfo.Converged);
        Assert.Equal(ModelFitMethod.None, onePeriod.Model.FitInfo.Method);
        Assert.Contains("two periods", onePeriod.Model.FitInfo.Reason, StringComparison.Ordinal);
        Assert.Equal(0, onePeriod.Model.Alpha);
        Assert.Contains("full period", none.Model.FitInfo.Reason, StringComparison.Ordinal);
        Assert.True(fit.Pooled.FitInfo.Converged);

        // Nobody churned; everybody churned at once; only one period in the whole table.
        Assert.Contains("nobody churned", CohortRetentionModel.Fit(SingleCohort([100, 100, 100])).Pooled.FitInfo.Reason, StringComparison.Ordinal);
        Assert.Contains("everybody churned", CohortRetentionModel.Fit(SingleCohort([100, 0, 0])).Pooled.FitInfo.Reason, StringComparison.Ordinal);
        CohortTable young = Table([[100, 60], [80]]);
        Assert.False(CohortRetentionModel.Fit(young).Pooled.FitInfo.Converged);
        var e = Assert.Throws<ModelFitException>(() => CohortRetentionModel.Project(young, 12));
        Assert.Contains("two periods", e.Message, StringComparison.Ordinal);
        Assert.Empty(CohortRetentionModel.Fit(default).Cohorts);
        Assert.Throws<ArgumentException>(() => CohortRetentionModel.Project(default, 12));
    }

    [Fact]
    public void Returning_customers_are_treated_as_lost_and_counted()
    {
        // Ages 0..3 active 100, 70, 75, 60: the rise at age 2 is a return; the survivors are 100, 70, 70, 60.
        CohortRetentionFit fit = CohortRetentionModel.Fit(Table([[100, 70, 75, 60], [90, 60, 50], [80, 50], [70]]));
        Assert.Equal(1, fit.Cohorts[0].AdjustedCells);
        Assert.Equal(60, fit.Cohorts[0].Survivors);
        Assert.Equal(0, fit.Cohorts[1].AdjustedCells);
        Assert.Equal(IndependentLogLikelihood([[100, 70, 70, 60], [90, 60, 50], [80, 50], [70]], fit.Pooled.Alpha, fit.Pooled.Beta),
            fit.Pooled.LogLikelihood, 1e-9);
    }

    [Fact]
    public void Projection_is_the_conditional_survival_times_revenue_per_survivor_and_values_add_up()
    {
        long[][] active = Simulate(0.9, 2.5, cohorts: 10, size: 800, new Random(3));
        CohortTable table = Table(active, price: 25);
        const int Horizon = 24;
        const double Rate = 0.01;
        CohortProjection projection = CohortRetentionModel.Project(table, Horizon, Rate);
        ShiftedBetaGeometricModel model = projection.Fit.Pooled;
        Assert.Equal(10 * Horizon, projection.Points.Count);
        double total = 0, observedTotal = 0;
        for (int c = 0; c < 10; c++)
        {
            int m = 9 - c;
            double size = active[c][0], alive = active[c][m];
            CohortProjectionPoint[] curve = projection.Curve(c);
            double observed = 0, projected = 0;
            for (int age = 0; age < Horizon; age++)
            {
                CohortProjectionPoint p = curve[age];
                Assert.Equal(age <= m, p.Observed);

                // Oracle: the model's own S(t) by log-gamma differences (a different code path from the projection's recursion).
                double expected = age <= m ? active[c][age] : alive * model.Survival(age) / model.Survival(m);
                Assert.Equal(expected / size, p.Survival, 1e-9);
                Assert.Equal(expected * 25, p.Revenue, 1e-6 * Math.Max(1, p.Revenue));
                Assert.Equal(expected / size, p.RevenueRetention, 1e-9);
                Assert.True(p.SurvivalLower <= p.Survival && p.Survival <= p.SurvivalUpper);
                Assert.True(age <= m ? p.SurvivalLower == p.SurvivalUpper : p.SurvivalLower < p.SurvivalUpper);
                (age <= m ? ref observed : ref projected) += expected * 25 / Math.Pow(1 + Rate, age);
            }

            CohortValue value = projection.Values[c];
            Assert.Equal(observed, value.ObservedRevenue, 1e-6 * observed);
            Assert.Equal(projected, value.ProjectedRevenue, 1e-6 * projected);
            Assert.Equal((observed + projected) / size, value.PerCustomer, 1e-9 * value.PerCustomer);
            Assert.True(value.PerCustomerLower < value.PerCustomer && value.PerCustomer < value.PerCustomerUpper);
            total += value.ProjectedRevenue;
            observedTotal += value.ObservedRevenue;
        }

        Assert.Equal(total, projection.Total.ProjectedRevenue, 1e-9 * total);
        Assert.Equal(observedTotal, projection.Total.ObservedRevenue, 1e-9 * observedTotal);
        Assert.Equal(active.Sum(a => a[0]), projection.Total.Customers);

        // The all-cohort curve: observed or projected actives summed over cohorts ÷ all customers.
        for (int age = 0; age < Horizon; age++)
        {
            double sum = Enumerable.Range(0, 10).Sum(c => projection.Curve(c)[age].Survival * active[c][0]);
            Assert.Equal(sum / active.Sum(a => a[0]), projection.Average[age].Survival, 1e-9);
        }

        // A horizon shorter than the oldest cohort's observation cuts its observed revenue too.
        CohortProjection short3 = CohortRetentionModel.Project(table, 3);
        Assert.Equal(Enumerable.Range(0, 3).Sum(a => active[0][a] * 25.0), short3.Values[0].ObservedRevenue, 1e-9);
        Assert.Equal(0, short3.Values[0].ProjectedRevenue);
    }

    [Fact]
    public void Bad_arguments_throw_naming_them()
    {
        CohortTable table = Table(Simulate(0.9, 2.5, 6, 300, new Random(5)));
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => CohortRetentionModel.Project(table, 0)).ParamName);
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => CohortRetentionModel.Project(table, CohortRetentionModel.MaxHorizon + 1)).ParamName);
        Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => CohortRetentionModel.Project(table, 12, -0.1)).ParamName);
        Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => CohortRetentionModel.Project(table, 12, double.NaN)).ParamName);
        Assert.Equal("confidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() => CohortRetentionModel.Project(table, 12, 0, 1)).ParamName);
        Assert.Equal("projectedLower", Assert.Throws<ArgumentOutOfRangeException>(() => new CohortValue(1, 10, 5, 3, 4, 6)).ParamName);
        Assert.Equal("projectedLower", Assert.Throws<ArgumentOutOfRangeException>(() => new CohortValue(1, 10, 5, 3, double.NaN, 6)).ParamName);
        Assert.Equal("survival", Assert.Throws<ArgumentOutOfRangeException>(() => new CohortProjectionPoint(1, 2, false, 1.5, 1, 2, 0, 0, 0, 0, 0, 0)).ParamName);
        Assert.Equal("survivors", Assert.Throws<ArgumentOutOfRangeException>(() => new CohortFitRow(1, 10, 2, 11, 0, default)).ParamName);
    }

    [Fact]
    public void Projection_and_fit_round_trip_through_json()
    {
        CohortProjection projection = CohortRetentionModel.Project(Table(Simulate(0.9, 2.5, 8, 300, new Random(11))), 18, 0.01, 0.9);
        string json = JsonSerializer.Serialize(projection, CustomerMetricsJsonContext.Default.CohortProjection);
        CohortProjection back = JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.CohortProjection)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, CustomerMetricsJsonContext.Default.CohortProjection));
        Assert.Equal(projection.Points, back.Points);
        Assert.Equal(projection.Fit.Cohorts, back.Fit.Cohorts);
        Assert.Equal(projection.Total, back.Total);
        Assert.Equal(projection.Fit.Pooled, back.Fit.Pooled);
        foreach (var row in projection.Fit.Cohorts)
        {
            Assert.Equal(row, JsonSerializer.Deserialize(JsonSerializer.Serialize(row, CustomerMetricsJsonContext.Default.CohortFitRow), CustomerMetricsJsonContext.Default.CohortFitRow));
        }

        Assert.Equal(default(CohortValue), JsonSerializer.Deserialize(JsonSerializer.Serialize(default(CohortValue), CustomerMetricsJsonContext.Default.CohortValue), CustomerMetricsJsonContext.Default.CohortValue));
        Assert.Contains("LTV", projection.Total.ToString(), StringComparison.Ordinal);
        Assert.Contains("pooled", projection.Fit.ToText(), StringComparison.Ordinal);
        Assert.Contains("all", projection.ToText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Coverage of the 95 % delta-method intervals by seeded simulation: 500 books of 8 monthly cohorts of 400 customers
    /// (α = 0.8, β = 2), each fitted and projected to a 24-period horizon; the true expected values come from the true
    /// parameters given each book's observed survivors.
    /// </summary>
    [Fact]
    public void Intervals_cover_the_true_expected_values_at_about_the_nominal_rate()
    {
        const double Alpha = 0.8, Beta = 2;
        const int Replications = 500, Horizon = 24, Cohorts = 8;
        var truth = new ShiftedBetaGeometricModel(Alpha, Beta);
        var random = new Random(2026);
        int survivalHits = 0, valueHits = 0, averageHits = 0;
        for (int r = 0; r < Replications; r++)
        {
            long[][] active = Simulate(Alpha, Beta, Cohorts, 400, random);
            CohortProjection p = CohortRetentionModel.Project(Table(active), Horizon);

            // The second-youngest cohort (one observed period) at the horizon's last age.
            long[] young = active[Cohorts - 2];
            double trueSurvival = young[1] / (double)young[0] * truth.Survival(Horizon - 1) / truth.Survival(1);
            CohortProjectionPoint point = p.Curve(Cohorts - 2)[Horizon - 1];
            survivalHits += point.SurvivalLower <= trueSurvival && trueSurvival <= point.SurvivalUpper ? 1 : 0;

            // Total projected revenue (price 10) and the all-cohort survival at the last age.
            double trueValue = 0, trueActive = 0;
            for (int c = 0; c < Cohorts; c++)
            {
                int m = active[c].Length - 1;
                for (int age = m + 1; age < Horizon; age++)
                {
                    trueValue += 10 * active[c][m] * truth.Survival(age) / truth.Survival(m);
                }

                trueActive += active[c][m] * truth.Survival(Horizon - 1) / truth.Survival(m);
            }

            valueHits += p.Total.ProjectedLower <= trueValue && trueValue <= p.Total.ProjectedUpper ? 1 : 0;
            double trueAverage = trueActive / active.Sum(a => a[0]);
            averageHits += p.Average[^1].SurvivalLower <= trueAverage && trueAverage <= p.Average[^1].SurvivalUpper ? 1 : 0;
        }

        double survival = (double)survivalHits / Replications, value = (double)valueHits / Replications, average = (double)averageHits / Replications;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"95 % coverage over {Replications} books: cohort survival {survival:P1}, total projected revenue {value:P1}, all-cohort survival {average:P1}"));
        Assert.InRange(survival, 0.93, 0.97);
        Assert.InRange(value, 0.93, 0.97);
        Assert.InRange(average, 0.93, 0.97);
    }

    [Fact]
    public void Readme_cohort_projection_example_runs()
    {
        var output = new StringWriter();
        CohortTable table = Table(Simulate(0.9, 2.5, 12, 500, new Random(1)), price: 49);

        // README cohort projection begin
        CohortRetentionFit fits = CohortRetentionModel.Fit(table);      // each cohort alone, and all cohorts pooled
        output.Write(fits.ToText());                                    // young cohorts say why they cannot be fitted
        CohortProjection projection = CohortRetentionModel.Project(table, horizon: 36, discountRate: 0.01);
        output.Write(projection.ToText());                              // LTV per customer of each cohort, 95 % interval
        CohortProjectionPoint inAYear = projection.Curve(cohort: 11)[12]; // the newest cohort at age 12: survival, revenue
        output.WriteLine(inAYear);
        // README cohort projection end

        Assert.Contains(ReadMeTests.Snippet("README cohort projection"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
        Assert.False(inAYear.Observed);
        Assert.True(fits.Pooled.FitInfo.Converged);
        Assert.Contains("not converged", output.ToString(), StringComparison.Ordinal);
    }
}
