using System.Globalization;
using CustomerMetrics.Value.Models.Validation;
using ScottPlot;

namespace CustomerMetrics.Charts;

/// <summary>
/// Diagnostic charts of purchase models (BG/NBD, Pareto/NBD, MBG/NBD…), drawn from the plot-ready results of
/// <see cref="PurchaseDiagnostics"/> as in Fader, Hardie &amp; Lee (2005) and the <c>lifetimes</c> plotting module: tracking
/// of repeat transactions, calibration against holdout by frequency, frequency–recency heat maps and the repeat-purchase
/// histogram. Each method returns a ScottPlot <see cref="Plot"/> with title and axis labels (units in brackets) that the
/// caller may restyle, then save with <see cref="ChartOutput"/>.
/// </summary>
/// <remarks><threadsafety>Static and pure; safe from any thread.</threadsafety></remarks>
public static class ModelCharts
{
    /// <summary>Tracking plot: actual against expected repeat transactions per period, cumulative or incremental
    /// (Fader, Hardie &amp; Lee 2005, figures 2 and 3).</summary>
    /// <param name="series">The tracking series (<see cref="PurchaseDiagnostics.Tracking"/>).</param>
    /// <param name="cumulative">True for cumulative transactions (default), false for transactions per period.</param>
    /// <param name="calibrationEnd">Draws a dashed vertical line at the end of the calibration period when given.</param>
    /// <returns>The chart: actual (solid, legend "Actual") and model (dashed, legend "Model") against each period's
    /// last day on a date axis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="ArgumentException">The series is empty.</exception>
    public static Plot Tracking(TrackingSeries series, bool cumulative = true, DateOnly? calibrationEnd = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ChartParts.NotEmpty(series.PeriodEnd.Length, nameof(series));
        string kind = cumulative ? "Cumulative" : "Incremental";
        Plot plot = ChartParts.NewPlot($"Tracking: {kind.ToLowerInvariant()} repeat transactions", "Period end [date]",
            cumulative ? "Repeat transactions [cumulative]" : "Repeat transactions [per period]");
        double[] xs = new double[series.PeriodEnd.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            xs[i] = series.PeriodEnd[i].ToDateTime(TimeOnly.MinValue).ToOADate();
        }

        ScottPlot.Plottables.Scatter actual = plot.Add.Scatter(xs, cumulative ? series.ActualCumulative : series.ActualIncremental, ChartParts.Actual);
        actual.LegendText = "Actual";
        actual.LineWidth = 2;
        actual.MarkerSize = 0;
        ScottPlot.Plottables.Scatter expected = plot.Add.Scatter(xs, cumulative ? series.ExpectedCumulative : series.ExpectedIncremental, ChartParts.Expected);
        expected.LegendText = "Model";
        expected.LineWidth = 2;
        expected.MarkerSize = 0;
        expected.LinePattern = LinePattern.Dashed;
        if (calibrationEnd is { } end)
        {
            ScottPlot.Plottables.VerticalLine split = plot.Add.VerticalLine(end.ToDateTime(TimeOnly.MinValue).ToOADate(), 1, Colors.Gray, LinePattern.Dotted);
            split.LegendText = "End of calibration";
        }

        plot.Axes.DateTimeTicksBottom();
        plot.XLabel("Period end [date]"); // the date axis replaces the bottom axis and its label
        plot.ShowLegend(cumulative ? Alignment.UpperLeft : Alignment.UpperRight);
        return plot;
    }

    /// <summary>Calibration against holdout: mean holdout purchases per calibration frequency, actual against the
    /// model's E[Y(t) | x, tₓ, T] (Fader, Hardie &amp; Lee 2005, figure 4; lifetimes'
    /// <c>plot_calibration_purchases_vs_holdout_purchases</c>).</summary>
    /// <param name="data">The bins (<see cref="PurchaseDiagnostics.CalibrationVersusHoldout"/>); empty bins (NaN means) are left out.</param>
    /// <returns>The chart: actual and model lines with markers; the last bin is labelled "k+".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no bins.</exception>
    public static Plot CalibrationHoldout(HoldoutByFrequency data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ChartParts.NotEmpty(data.Frequency.Length, nameof(data));
        Plot plot = ChartParts.NewPlot("Calibration vs holdout purchases", "Purchases in calibration period [repeat transactions]",
            "Mean purchases in holdout period [per customer]");
        var xs = new List<double>();
        var actual = new List<double>();
        var expected = new List<double>();
        for (int i = 0; i < data.Frequency.Length; i++)
        {
            if (double.IsNaN(data.ActualMean[i]) || double.IsNaN(data.ExpectedMean[i]))
            {
                continue;
            }

            xs.Add(data.Frequency[i]);
            actual.Add(data.ActualMean[i]);
            expected.Add(data.ExpectedMean[i]);
        }

        ScottPlot.Plottables.Scatter a = plot.Add.Scatter(xs.ToArray(), actual.ToArray(), ChartParts.Actual);
        a.LegendText = "Actual";
        a.LineWidth = 2;
        ScottPlot.Plottables.Scatter e = plot.Add.Scatter(xs.ToArray(), expected.ToArray(), ChartParts.Expected);
        e.LegendText = "Model";
        e.LineWidth = 2;
        e.LinePattern = LinePattern.Dashed;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(FrequencyTicks(data.Frequency));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Frequency–recency heat map of a prediction (lifetimes' <c>plot_probability_alive_matrix</c> and
    /// <c>plot_frequency_recency_matrix</c>): rows = frequency x (0 at the top), columns = recency tₓ, all at age T.</summary>
    /// <param name="matrix">The grid (<see cref="PurchaseDiagnostics.ProbabilityAliveMatrix"/> or
    /// <see cref="PurchaseDiagnostics.ExpectedPurchasesMatrix"/>); NaN cells (x = 0, tₓ &gt; 0) are blank.</param>
    /// <param name="valueLabel">What the colour shows, with its unit, e.g. "P(alive)" or "Expected purchases in 52 weeks".</param>
    /// <param name="timeUnit">The unit of recency and age, e.g. "weeks".</param>
    /// <returns>The chart with a colour bar labelled <paramref name="valueLabel"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The matrix has no cells.</exception>
    public static Plot FrequencyRecency(FrequencyRecencyMatrix matrix, string valueLabel, string timeUnit = "periods")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(valueLabel);
        ArgumentNullException.ThrowIfNull(timeUnit);
        ChartParts.NotEmpty(matrix.Values.Length, nameof(matrix));
        string age = matrix.Age.ToString("0.##", CultureInfo.InvariantCulture);
        Plot plot = ChartParts.NewPlot($"{valueLabel} by frequency and recency (T = {age} {timeUnit})",
            $"Recency [{timeUnit} from first to last purchase]", "Frequency [repeat purchases]");
        ScottPlot.Plottables.Heatmap map = plot.Add.Heatmap(matrix.Values);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.NaNCellColor = Colors.Transparent;
        int rows = matrix.Values.GetLength(0), columns = matrix.Values.GetLength(1);
        double halfStep = columns > 1 ? (matrix.Recency[^1] - matrix.Recency[0]) / (columns - 1) / 2 : 0.5;
        double halfRow = rows > 1 ? (matrix.Frequency[^1] - matrix.Frequency[0]) / (rows - 1) / 2 : 0.5;
        map.FlipVertically = true;
        map.Extent = new CoordinateRect(matrix.Recency[0] - halfStep, matrix.Recency[^1] + halfStep,
            matrix.Frequency[^1] + halfRow, matrix.Frequency[0] - halfRow);
        ScottPlot.Panels.ColorBar bar = plot.Add.ColorBar(map);
        bar.Label = valueLabel;
        plot.Axes.InvertY();
        return plot;
    }

    /// <summary>Repeat-purchase histogram against the model: customers with 0, 1, … repeat purchases, actual and expected,
    /// side by side (Fader, Hardie &amp; Lee 2005, figure 1; lifetimes' <c>plot_period_transactions</c>).</summary>
    /// <param name="histogram">The bins (<see cref="PurchaseDiagnostics.RepeatPurchases"/>); the last bin is "k+".</param>
    /// <returns>The chart: pairs of bars (legend "Actual", "Model") per bin.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histogram"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no bins.</exception>
    public static Plot PurchaseHistogram(PurchaseHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ChartParts.NotEmpty(histogram.Purchases.Length, nameof(histogram));
        Plot plot = ChartParts.NewPlot("Repeat purchases: actual vs model", "Repeat purchases in calibration period",
            "Customers [count]");
        var bars = new List<Bar>();
        for (int i = 0; i < histogram.Purchases.Length; i++)
        {
            bars.Add(new Bar { Position = i - 0.2, Value = histogram.Actual[i], FillColor = ChartParts.Actual, Size = 0.4 });
            bars.Add(new Bar { Position = i + 0.2, Value = histogram.Expected[i], FillColor = ChartParts.Expected, Size = 0.4 });
        }

        plot.Add.Bars(bars);
        var frequencies = new double[histogram.Purchases.Length];
        for (int i = 0; i < frequencies.Length; i++)
        {
            frequencies[i] = histogram.Purchases[i];
        }

        Tick[] ticks = FrequencyTicks(frequencies);
        for (int i = 0; i < ticks.Length; i++)
        {
            ticks[i] = new Tick(i, ticks[i].Label);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Actual", FillColor = ChartParts.Actual });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Model", FillColor = ChartParts.Expected });
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Tick[] FrequencyTicks(double[] frequency)
    {
        var ticks = new Tick[frequency.Length];
        for (int i = 0; i < frequency.Length; i++)
        {
            string label = frequency[i].ToString("0.##", CultureInfo.InvariantCulture);
            ticks[i] = new Tick(frequency[i], i == frequency.Length - 1 ? label + "+" : label);
        }

        return ticks;
    }
}
