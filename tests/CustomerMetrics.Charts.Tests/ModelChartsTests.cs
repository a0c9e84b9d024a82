using CustomerMetrics.Value.Models.Validation;
using ScottPlot;
using ScottPlot.Plottables;

namespace CustomerMetrics.Charts.Tests;

public class ModelChartsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Tracking_lines_are_the_series_on_a_date_axis(bool cumulative)
    {
        TrackingSeries series = ChartData.Tracking();
        Plot plot = ModelCharts.Tracking(series, cumulative, ChartData.CalibrationEnd);
        string kind = cumulative ? "cumulative" : "incremental";
        ChartCheck.Rendered(plot, $"Tracking: {kind} repeat transactions", "Period end [date]",
            cumulative ? "Repeat transactions [cumulative]" : "Repeat transactions [per period]");
        Scatter[] lines = [.. plot.GetPlottables().OfType<Scatter>()];
        Coordinates[] actual = [.. lines.Single(l => l.LegendText == "Actual").Data.GetScatterPoints()];
        Coordinates[] model = [.. lines.Single(l => l.LegendText == "Model").Data.GetScatterPoints()];
        Assert.Equal(cumulative ? series.ActualCumulative : series.ActualIncremental, actual.Select(c => c.Y));
        Assert.Equal(cumulative ? series.ExpectedCumulative : series.ExpectedIncremental, model.Select(c => c.Y));
        Assert.Equal(series.PeriodEnd.Select(d => d.ToDateTime(TimeOnly.MinValue)), actual.Select(c => DateTime.FromOADate(c.X)));
    }

    [Fact]
    public void Calibration_holdout_plots_the_bin_means()
    {
        HoldoutByFrequency data = PurchaseDiagnostics.CalibrationVersusHoldout(ChartData.Split.Value, ChartData.Model.Value, 7);
        Plot plot = ModelCharts.CalibrationHoldout(data);
        ChartCheck.Rendered(plot, "Calibration vs holdout purchases", "Purchases in calibration period [repeat transactions]",
            "Mean purchases in holdout period [per customer]");
        Scatter[] lines = [.. plot.GetPlottables().OfType<Scatter>()];
        Assert.Equal(data.ActualMean, lines.Single(l => l.LegendText == "Actual").Data.GetScatterPoints().Select(c => c.Y));
        Assert.Equal(data.ExpectedMean, lines.Single(l => l.LegendText == "Model").Data.GetScatterPoints().Select(c => c.Y));
    }

    [Fact]
    public void Frequency_recency_heat_maps_hold_the_matrix()
    {
        FrequencyRecencyMatrix alive = PurchaseDiagnostics.ProbabilityAliveMatrix(ChartData.Model.Value, 20, 39, 40);
        Plot plot = ModelCharts.FrequencyRecency(alive, "P(alive)", "weeks");
        ChartCheck.Rendered(plot, "P(alive) by frequency and recency (T = 39 weeks)",
            "Recency [weeks from first to last purchase]", "Frequency [repeat purchases]");
        Assert.Equal(alive.Values.Cast<double>(), plot.GetPlottables().OfType<Heatmap>().Single().Intensities.Cast<double>());

        FrequencyRecencyMatrix expected = PurchaseDiagnostics.ExpectedPurchasesMatrix(ChartData.Model.Value, 52, 20, 39, 40);
        Plot purchases = ModelCharts.FrequencyRecency(expected, "Expected purchases in 52 weeks", "weeks");
        ChartCheck.Rendered(purchases, "Expected purchases in 52 weeks by frequency and recency (T = 39 weeks)",
            "Recency [weeks from first to last purchase]", "Frequency [repeat purchases]");
    }

    [Fact]
    public void Repeat_purchase_histogram_bars_are_actual_and_expected_customers()
    {
        PurchaseHistogram histogram = PurchaseDiagnostics.RepeatPurchases(ChartData.Split.Value.Calibration, ChartData.Model.Value, 7);
        Plot plot = ModelCharts.PurchaseHistogram(histogram);
        ChartCheck.Rendered(plot, "Repeat purchases: actual vs model", "Repeat purchases in calibration period", "Customers [count]");
        Bar[] bars = [.. plot.GetPlottables().OfType<BarPlot>().Single().Bars];
        Assert.Equal(histogram.Actual, bars.Where((_, i) => i % 2 == 0).Select(b => b.Value));
        Assert.Equal(histogram.Expected, bars.Where((_, i) => i % 2 == 1).Select(b => b.Value));
        // Independent oracle for the actual bars: count customers by repeat frequency (last bin 7+) in the calibration summary.
        var frequency = ChartData.Split.Value.Calibration.Frequency.ToArray();
        Assert.Equal(Enumerable.Range(0, 8).Select(k => (double)frequency.Count(f => Math.Min(f, 7) == k)), bars.Where((_, i) => i % 2 == 0).Select(b => b.Value));
    }
}
