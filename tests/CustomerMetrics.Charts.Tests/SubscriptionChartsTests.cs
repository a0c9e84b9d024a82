using CustomerMetrics.Subscriptions;
using ScottPlot;
using ScottPlot.Plottables;

namespace CustomerMetrics.Charts.Tests;

public class SubscriptionChartsTests
{
    private static readonly Lazy<SubscriptionLedger<int>> Ledger = new(ChartData.Ledger);

    [Fact]
    public void Mrr_bars_are_the_ledger_movements_stacked_with_losses_below_zero()
    {
        SubscriptionLedger<int> ledger = Ledger.Value;
        Plot plot = SubscriptionCharts.MrrMovements(ledger.Periods);
        ChartCheck.Rendered(plot, "MRR movements by period", "Period", "MRR movement [currency / month]");
        Bar[] bars = [.. plot.GetPlottables().OfType<BarPlot>().Single().Bars];
        Assert.Equal(5 * ledger.Periods.Length, bars.Length);
        for (int i = 0; i < ledger.Periods.Length; i++)
        {
            MrrMovements<decimal> m = ledger.Periods[i].Movements;
            Bar[] period = [.. bars.Where(b => b.Position == i)];
            double[] heights = [.. period.Select(b => b.Value - b.ValueBase)];
            Assert.Equal([(double)m.NewMrr, (double)m.ExpansionMrr, (double)m.ReactivationMrr, -(double)m.ContractionMrr, -(double)m.ChurnedMrr],
                heights, new Tolerance(1e-9));
            Assert.All(period.Take(3), b => Assert.True(b.ValueBase >= 0 && b.Value >= 0));
            Assert.All(period.Skip(3), b => Assert.True(b.ValueBase <= 0 && b.Value <= 0));
        }

        Scatter net = plot.GetPlottables().OfType<Scatter>().Single();
        Assert.Equal(ledger.Periods.Select(p => (double)(p.Movements.EndingMrr - p.Movements.StartingMrr)),
            net.Data.GetScatterPoints().Select(c => c.Y), new Tolerance(1e-9));
    }

    [Fact]
    public void Cohort_heat_map_cells_are_active_over_cohort_size_and_blank_where_unobserved()
    {
        // 3 cohorts (periods 0, 1, 2): sizes 4, 2, 1.
        // Rows sorted by customer: (customer, cohort, active period).
        long[] customers = [1, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 7];
        int[] cohorts = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2];
        int[] active = [0, 1, 2, 0, 1, 0, 1, 0, 1, 2, 1, 2];
        CohortTable table = CohortTable.Build(customers, cohorts, active, 2);
        Plot plot = SubscriptionCharts.CohortRetention(table);
        ChartCheck.Rendered(plot, "Logo retention by cohort", "Age [periods since the cohort's first]", "Cohort [period]");
        double[,] cells = plot.GetPlottables().OfType<Heatmap>().Single().Intensities;
        // Independent count: cohort 0 = {1,2,3,4}; active at age 1: {1,2,3}; age 2: {1}. Cohort 1 = {5,6}; age 1: {5}.
        double[,] expected = { { 100, 75, 25 }, { 100, 50, double.NaN }, { 100, double.NaN, double.NaN } };
        Assert.Equal(expected.Cast<double>(), cells.Cast<double>(), new Tolerance(1e-12));
        Assert.Throws<ArgumentException>(() => SubscriptionCharts.CohortRetention(default));
    }

    [Fact]
    public void Ledger_cohorts_render_for_logo_and_revenue_retention()
    {
        CohortTable cohorts = Ledger.Value.Cohorts;
        ChartCheck.Rendered(SubscriptionCharts.CohortRetention(cohorts, revenue: true), "Revenue retention by cohort",
            "Age [periods since the cohort's first]", "Cohort [period]");
    }

    [Fact]
    public void Survival_projection_is_the_sbg_curve_inside_a_band_that_covers_it()
    {
        double[] survivors = ChartData.SbgRegular();
        Plot plot = SubscriptionCharts.SurvivalProjection(survivors, 12, replicates: 60);
        ChartCheck.Rendered(plot, plot.Axes.Title.Label.Text, "Period", "Customers surviving [% of cohort]");
        Assert.Contains("α = 0.704", plot.Axes.Title.Label.Text, StringComparison.Ordinal); // Fader & Hardie 2007: α = 0.704, β = 1.182.
        Assert.Contains("β = 1.182", plot.Axes.Title.Label.Text, StringComparison.Ordinal);

        Scatter[] scatters = [.. plot.GetPlottables().OfType<Scatter>()];
        Coordinates[] projection = [.. scatters.Single(s => s.LegendText == "sBG projection").Data.GetScatterPoints()];
        Assert.Equal(13, projection.Length);
        // Closed form S(t) = Π_{i=1..t} (β + i − 1)/(α + β + i − 1) with the published α, β (to their three decimals).
        double alpha = 0.704, beta = 1.182, s = 1;
        for (int t = 0; t <= 12; t++)
        {
            if (t > 0)
            {
                s *= (beta + t - 1) / (alpha + beta + t - 1);
            }

            Assert.Equal(100 * s, projection[t].Y, 0.5);
        }

        Coordinates[] observed = [.. scatters.Single(x => x.LegendText == "Observed").Data.GetScatterPoints()];
        Assert.Equal(survivors.Select(v => v / 10), observed.Select(c => c.Y), new Tolerance(1e-12));

        // The band's polygon is private to ScottPlot: check the band the chart draws through its extent, and the band
        // itself from the same seeded bootstrap.
        FillY band = plot.GetPlottables().OfType<FillY>().Single();
        var model = CustomerMetrics.Value.Models.ShiftedBetaGeometric.Fit(survivors);
        (double[] lower, double[] upper) = SurvivalBand.Bootstrap(model, survivors, 12, 0.95, 60, 1);
        AxisLimits extent = band.GetAxisLimits();
        Assert.Equal(100 * lower.Min(), extent.Bottom, 1e-9);
        Assert.Equal(100 * upper.Max(), extent.Top, 1e-9);
        for (int t = 1; t <= 12; t++)
        {
            Assert.InRange(projection[t].Y, (100 * lower[t]) - 1e-9, (100 * upper[t]) + 1e-9);
            Assert.True(upper[t] - lower[t] > 0.001, $"band width at {t}");
        }
    }
}
