using CustomerMetrics.Surveys;
using ScottPlot;

namespace CustomerMetrics.Charts;

/// <summary>
/// Charts of survey results: NPS, CSAT and CES per period with their confidence band, segments compared with their
/// intervals, and the distribution of CSAT and CES ratings. Each method returns a ScottPlot <see cref="Plot"/> with
/// title and axis labels (units in brackets) that the caller may restyle, then save with <see cref="ChartOutput"/>.
/// </summary>
/// <remarks>Periods or segments with no responses (NaN score) are left out of lines and bands, not drawn as 0.
/// <threadsafety>Static and pure; safe from any thread.</threadsafety></remarks>
public static class SurveyCharts
{
    /// <summary>NPS per period (points) with its confidence band (the interval of each period's result).</summary>
    /// <param name="periods">One result per period, oldest first (e.g. from <c>Nps.CalculateByPeriod</c>).</param>
    /// <param name="labels">One label per period for the bottom axis (e.g. "2026-03"); null labels periods 0, 1, …</param>
    /// <param name="confidenceLevel">Level of the band, in (0, 1).</param>
    /// <param name="method">Interval method (Rocks 2016); adjusted Wald by default.</param>
    /// <returns>The chart: a line of the scores (legend "NPS") over a band (legend "<i>level</i> interval").</returns>
    /// <exception cref="ArgumentNullException"><paramref name="periods"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="periods"/> is empty, or the labels do not match it in number.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1).</exception>
    public static Plot NpsTrend(IReadOnlyList<NpsResult> periods, IReadOnlyList<string>? labels = null,
        double confidenceLevel = 0.95, NpsIntervalMethod method = NpsIntervalMethod.AdjustedWald)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ChartParts.Level(confidenceLevel, nameof(confidenceLevel));
        return Trend(periods.Count, labels, i => periods[i].Count == 0 ? null : (periods[i].Score, periods[i].Interval(confidenceLevel, method)),
            confidenceLevel, "NPS by period", "NPS [points]", "NPS", nameof(periods));
    }

    /// <summary>CSAT per period (% of responses in the top box) with its confidence band.</summary>
    /// <param name="periods">One result per period, oldest first.</param>
    /// <param name="labels">One label per period for the bottom axis; null labels periods 0, 1, …</param>
    /// <param name="confidenceLevel">Level of the band, in (0, 1).</param>
    /// <returns>The chart: a line of the satisfied share in percent over its band.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="periods"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="periods"/> is empty, or the labels do not match it in number.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1).</exception>
    public static Plot CsatTrend(IReadOnlyList<CsatResult> periods, IReadOnlyList<string>? labels = null, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ChartParts.Level(confidenceLevel, nameof(confidenceLevel));
        return Trend(periods.Count, labels, i => periods[i].Count == 0 ? null : (100 * periods[i].SatisfiedShare, Scale(periods[i].Interval(confidenceLevel), 100)),
            confidenceLevel, "CSAT by period", "CSAT [% satisfied]", "CSAT", nameof(periods));
    }

    /// <summary>Mean CES per period (scale points) with the confidence band of the mean.</summary>
    /// <param name="periods">One result per period, oldest first.</param>
    /// <param name="labels">One label per period for the bottom axis; null labels periods 0, 1, …</param>
    /// <param name="confidenceLevel">Level of the band, in (0, 1).</param>
    /// <returns>The chart: a line of the mean score over its band. A period with one response has no band there (NaN interval).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="periods"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="periods"/> is empty, or the labels do not match it in number.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1).</exception>
    public static Plot CesTrend(IReadOnlyList<CesResult> periods, IReadOnlyList<string>? labels = null, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ChartParts.Level(confidenceLevel, nameof(confidenceLevel));
        string unit = periods.Count > 0 ? $"CES [mean, 1–{periods[0].Points}]" : "CES [mean]";
        return Trend(periods.Count, labels, i => periods[i].Count == 0 ? null : (periods[i].Mean, periods[i].MeanInterval(confidenceLevel)),
            confidenceLevel, "CES by period", unit, "CES", nameof(periods));
    }

    /// <summary>NPS of several segments side by side, each a point with its confidence interval as error bars.</summary>
    /// <param name="segments">One result per segment.</param>
    /// <param name="names">One name per segment for the bottom axis.</param>
    /// <param name="confidenceLevel">Level of the intervals, in (0, 1).</param>
    /// <param name="method">Interval method (Rocks 2016); adjusted Wald by default.</param>
    /// <returns>The chart: markers at the scores with asymmetric error bars to the interval bounds. Segments with no
    /// responses are left out.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="segments"/> is empty, or the names do not match it in number.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is outside (0, 1).</exception>
    public static Plot NpsSegments(IReadOnlyList<NpsResult> segments, IReadOnlyList<string> names,
        double confidenceLevel = 0.95, NpsIntervalMethod method = NpsIntervalMethod.AdjustedWald)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(names);
        ChartParts.NotEmpty(segments.Count, nameof(segments));
        ChartParts.Level(confidenceLevel, nameof(confidenceLevel));
        IReadOnlyList<string> labels = ChartParts.Labels(names, segments.Count, nameof(names));
        var xs = new List<double>();
        var ys = new List<double>();
        var below = new List<double>();
        var above = new List<double>();
        for (int i = 0; i < segments.Count; i++)
        {
            if (segments[i].Count == 0)
            {
                continue;
            }

            ConfidenceInterval ci = segments[i].Interval(confidenceLevel, method);
            xs.Add(i);
            ys.Add(segments[i].Score);
            below.Add(segments[i].Score - ci.Lower);
            above.Add(ci.Upper - segments[i].Score);
        }

        Plot plot = ChartParts.NewPlot("NPS by segment", "Segment", "NPS [points]");
        var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, below, above)
        {
            // Named, not positional: the constructor's order of the y errors is not what its names suggest.
            YErrorNegative = below,
            YErrorPositive = above,
        };
        bars.LineWidth = 2;
        bars.CapSize = 8;
        plot.Add.Plottable(bars);
        bars.LegendText = $"{ChartParts.Percent(confidenceLevel)} interval";
        ScottPlot.Plottables.Scatter points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
        points.LegendText = "NPS";
        points.MarkerSize = 11;
        ChartParts.CategoryTicks(plot, labels);
        plot.Axes.SetLimitsX(-0.5, segments.Count - 0.5);
        plot.ShowLegend();
        return plot;
    }

    /// <summary>Distribution of CSAT ratings: share of responses at each scale point, the top box highlighted.</summary>
    /// <param name="result">The CSAT result.</param>
    /// <returns>The chart: one bar per rating 1..points, height = % of responses; top-box bars in green.</returns>
    /// <exception cref="ArgumentException"><paramref name="result"/> has no responses.</exception>
    public static Plot CsatDistribution(CsatResult result)
    {
        ChartParts.NotEmpty(result.Count == 0 ? 0 : 1, nameof(result));
        int points = result.ScalePoints, firstTop = points - result.TopBoxPoints + 1;
        return Distribution(result.Counts, result.Count, rating => rating >= firstTop,
            $"CSAT ratings (n = {result.Count}, {100 * result.SatisfiedShare:0.#} % satisfied)", $"Rating [1–{points}]", "Top box");
    }

    /// <summary>Distribution of CES ratings: share of responses at each scale point.</summary>
    /// <param name="result">The CES result.</param>
    /// <returns>The chart: one bar per rating 1..points, height = % of responses; on the 7-point agreement scale the
    /// agreeing ratings 5–7 in green.</returns>
    /// <exception cref="ArgumentException"><paramref name="result"/> has no responses.</exception>
    public static Plot CesDistribution(CesResult result)
    {
        ChartParts.NotEmpty(result.Count == 0 ? 0 : 1, nameof(result));
        bool agreement = result.Scale == CesScale.SevenPointAgreement;
        return Distribution(result.Counts, result.Count, rating => agreement && rating >= 5,
            $"CES ratings (n = {result.Count}, mean {result.Mean:0.00})", $"Rating [1–{result.Points}]", agreement ? "Agree (5–7)" : null);
    }

    private static Plot Distribution(IReadOnlyList<long> counts, long total, Func<int, bool> highlighted, string title, string xLabel, string? highlightName)
    {
        Plot plot = ChartParts.NewPlot(title, xLabel, "Responses [%]");
        var bars = new List<Bar>();
        for (int i = 0; i < counts.Count; i++)
        {
            int rating = i + 1;
            bars.Add(new Bar
            {
                Position = rating,
                Value = 100.0 * counts[i] / total,
                FillColor = highlighted(rating) ? ChartParts.Positive : ChartParts.Actual,
            });
        }

        plot.Add.Bars(bars);
        var ticks = new Tick[counts.Count];
        for (int i = 0; i < ticks.Length; i++)
        {
            ticks[i] = new Tick(i + 1, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Margins(bottom: 0);
        if (highlightName is not null)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = highlightName, FillColor = ChartParts.Positive });
            plot.ShowLegend();
        }

        return plot;
    }

    private static ConfidenceInterval Scale(ConfidenceInterval ci, double factor) =>
        new(ci.Lower * factor, ci.Upper * factor, ci.ConfidenceLevel);

    private static Plot Trend(int count, IReadOnlyList<string>? labels, Func<int, (double Value, ConfidenceInterval Interval)?> point,
        double confidenceLevel, string title, string yLabel, string name, string paramName)
    {
        ChartParts.NotEmpty(count, paramName);
        IReadOnlyList<string> ticks = ChartParts.Labels(labels, count, nameof(labels));
        var xs = new List<double>();
        var ys = new List<double>();
        var bandX = new List<double>();
        var lower = new List<double>();
        var upper = new List<double>();
        for (int i = 0; i < count; i++)
        {
            if (point(i) is not { } p || double.IsNaN(p.Value))
            {
                continue;
            }

            xs.Add(i);
            ys.Add(p.Value);
            if (!double.IsNaN(p.Interval.Lower) && !double.IsNaN(p.Interval.Upper))
            {
                bandX.Add(i);
                lower.Add(p.Interval.Lower);
                upper.Add(p.Interval.Upper);
            }
        }

        Plot plot = ChartParts.NewPlot(title, "Period", yLabel);
        if (bandX.Count > 0)
        {
            ScottPlot.Plottables.FillY band = plot.Add.FillY(bandX.ToArray(), lower.ToArray(), upper.ToArray());
            band.FillColor = ChartParts.Actual.WithAlpha(0.2);
            band.LegendText = $"{ChartParts.Percent(confidenceLevel)} interval";
        }

        ScottPlot.Plottables.Scatter line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), ChartParts.Actual);
        line.LegendText = name;
        line.LineWidth = 2;
        ChartParts.CategoryTicks(plot, ticks);
        plot.Axes.SetLimitsX(-0.5, count - 0.5);
        plot.ShowLegend();
        return plot;
    }
}
