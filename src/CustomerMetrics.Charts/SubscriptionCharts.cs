using System.Globalization;
using System.Numerics;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value.Models;
using ScottPlot;

namespace CustomerMetrics.Charts;

/// <summary>
/// Charts of subscription results: MRR movements per period as stacked bars, the cohort retention heat map, and the
/// shifted-beta-geometric survival projection with its band. Each method returns a ScottPlot <see cref="Plot"/> with
/// title and axis labels (units in brackets) that the caller may restyle, then save with <see cref="ChartOutput"/>.
/// </summary>
/// <remarks><threadsafety>Static and pure; safe from any thread.</threadsafety></remarks>
public static class SubscriptionCharts
{
    /// <summary>Names of the MRR movement series, in stacking order (first three above zero, last two below).</summary>
    public static IReadOnlyList<string> MovementNames { get; } = ["New", "Expansion", "Reactivation", "Contraction", "Churned"];

    private static readonly Color[] MovementColors =
    [
        Color.FromHex("#2ca02c"), Color.FromHex("#98df8a"), Color.FromHex("#1f77b4"), Color.FromHex("#ff9896"), Color.FromHex("#d62728"),
    ];

    /// <summary>MRR movements of each ledger period as stacked bars: new, expansion and reactivation MRR above zero,
    /// contraction and churned MRR below zero, with the net new MRR as a marker.</summary>
    /// <param name="periods">The ledger's periods (<c>SubscriptionLedger&lt;T&gt;.Periods</c>), oldest first.</param>
    /// <returns>The chart; the bottom axis is labelled with each period's start month (yyyy-MM), the value axis in the
    /// ledger's currency per month (MRR).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="periods"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="periods"/> is empty.</exception>
    public static Plot MrrMovements(IReadOnlyList<LedgerPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var movements = new MrrMovements<decimal>[periods.Count];
        var labels = new string[periods.Count];
        for (int i = 0; i < periods.Count; i++)
        {
            movements[i] = periods[i].Movements;
            labels[i] = periods[i].Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        return MrrMovements(movements, labels);
    }

    /// <summary>MRR movements per period as stacked bars: new, expansion and reactivation MRR above zero, contraction
    /// and churned MRR below zero, with the net new MRR as a marker.</summary>
    /// <typeparam name="T">The money type (decimal or double).</typeparam>
    /// <param name="movements">One result per period, oldest first.</param>
    /// <param name="labels">One label per period for the bottom axis; null labels periods 0, 1, …</param>
    /// <returns>The chart; bar segments in <see cref="MovementNames"/> order, value axis in currency per month (MRR).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="movements"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="movements"/> is empty, or the labels do not match it in number.</exception>
    public static Plot MrrMovements<T>(IReadOnlyList<MrrMovements<T>> movements, IReadOnlyList<string>? labels = null)
        where T : struct, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(movements);
        ChartParts.NotEmpty(movements.Count, nameof(movements));
        IReadOnlyList<string> ticks = ChartParts.Labels(labels, movements.Count, nameof(labels));
        Plot plot = ChartParts.NewPlot("MRR movements by period", "Period", "MRR movement [currency / month]");
        var bars = new List<Bar>();
        var net = new double[movements.Count];
        for (int i = 0; i < movements.Count; i++)
        {
            MrrMovements<T> m = movements[i];
            double[] values = Values(m);
            double up = 0, down = 0;
            for (int k = 0; k < values.Length; k++)
            {
                bool below = k >= 3;
                double start = below ? down : up, end = below ? down - values[k] : up + values[k];
                bars.Add(new Bar { Position = i, ValueBase = start, Value = end, FillColor = MovementColors[k], Size = 0.7 });
                if (below)
                {
                    down = end;
                }
                else
                {
                    up = end;
                }
            }

            net[i] = double.CreateChecked(m.NetNewMrr);
        }

        plot.Add.Bars(bars);
        ScottPlot.Plottables.Scatter line = plot.Add.ScatterPoints(ChartParts.Positions(movements.Count), net, Colors.Black);
        line.MarkerShape = MarkerShape.FilledDiamond;
        line.MarkerSize = 8;
        line.LegendText = "Net new MRR";
        for (int k = 0; k < MovementNames.Count; k++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = MovementNames[k], FillColor = MovementColors[k] });
        }

        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        ChartParts.CategoryTicks(plot, ticks);
        plot.Axes.SetLimitsX(-0.6, movements.Count - 0.4);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The five movement amounts of one period as positive numbers, in <see cref="MovementNames"/> order.</summary>
    internal static double[] Values<T>(MrrMovements<T> m)
        where T : struct, INumber<T> =>
    [
        double.CreateChecked(m.NewMrr), double.CreateChecked(m.ExpansionMrr), double.CreateChecked(m.ReactivationMrr),
        double.CreateChecked(m.ContractionMrr), double.CreateChecked(m.ChurnedMrr),
    ];

    /// <summary>Cohort retention heat map: one row per cohort (oldest at the top), one column per age in periods,
    /// colour = logo retention (share of the cohort still active) or revenue retention; unobserved cells blank.</summary>
    /// <param name="table">The cohort table (e.g. <c>SubscriptionLedger&lt;T&gt;.Cohorts</c> or <c>CohortTable.Build</c>).</param>
    /// <param name="revenue">True for revenue retention (revenue at each age ÷ revenue at age 0), false for logo retention.</param>
    /// <returns>The chart with a colour bar in percent. Cell [cohort row, age] holds 100 × the retention at that age.</returns>
    /// <exception cref="ArgumentException"><paramref name="table"/> is empty.</exception>
    public static Plot CohortRetention(CohortTable table, bool revenue = false)
    {
        ChartParts.NotEmpty(table.CohortCount, nameof(table));
        double[,] cells = RetentionCells(table, revenue);
        string what = revenue ? "Revenue retention" : "Logo retention";
        Plot plot = ChartParts.NewPlot($"{what} by cohort", "Age [periods since the cohort's first]", "Cohort [period]");
        ScottPlot.Plottables.Heatmap map = plot.Add.Heatmap(cells);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.NaNCellColor = Colors.Transparent;
        map.FlipVertically = true;
        map.Extent = new CoordinateRect(-0.5, cells.GetLength(1) - 0.5, table.FirstCohort + table.CohortCount - 0.5, table.FirstCohort - 0.5);
        ScottPlot.Panels.ColorBar bar = plot.Add.ColorBar(map);
        bar.Label = $"{what} [%]";
        plot.Axes.InvertY();
        return plot;
    }

    /// <summary>The heat map's cells: [cohort row, age] = 100 × retention, NaN where the age is not yet observed.</summary>
    internal static double[,] RetentionCells(CohortTable table, bool revenue)
    {
        int rows = table.CohortCount;
        var cells = new double[rows, rows];
        for (int row = 0; row < rows; row++)
        {
            int cohort = table.FirstCohort + row;
            int last = table.LastObservedAge(cohort);
            for (int age = 0; age < rows; age++)
            {
                cells[row, age] = age > last ? double.NaN
                    : 100 * (revenue ? table.RevenueRetention(cohort, age) : table.LogoRetention(cohort, age));
            }
        }

        return cells;
    }

    /// <summary>
    /// Shifted-beta-geometric survival projection (Fader &amp; Hardie 2007): the fitted S(t) over the horizon, the observed
    /// survival it was fitted to, and a parametric-bootstrap band: cohorts of the same size are simulated from the fitted
    /// model over the observed periods, refitted, and the band at each t holds the central <paramref name="confidenceLevel"/>
    /// share of the refitted S(t).
    /// </summary>
    /// <param name="survivors">The survivors the model was fitted to (survivors[0] the cohort size), as given to
    /// <see cref="ShiftedBetaGeometric.Fit"/>; counts, so that the simulated cohorts have the same size.</param>
    /// <param name="horizon">Periods to project, ≥ the observed periods (survivors.Count − 1), at most 1000.</param>
    /// <param name="confidenceLevel">Level of the band, in (0, 1).</param>
    /// <param name="replicates">Bootstrap replicates, 20..10000 (default 200); replicates whose refit fails are skipped.</param>
    /// <param name="seed">Seed of the simulation, so the band is reproducible.</param>
    /// <returns>The chart: observed survival (markers), projected S(t) (line) and band, in % of the cohort.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="survivors"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count, horizon, level or replicate number is out of range.</exception>
    /// <exception cref="ModelFitException">The survivors cannot be fitted (see <see cref="ShiftedBetaGeometric.Fit"/>).</exception>
    public static Plot SurvivalProjection(IReadOnlyList<double> survivors, int horizon, double confidenceLevel = 0.95, int replicates = 200, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(survivors);
        ChartParts.Level(confidenceLevel, nameof(confidenceLevel));
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicates, 10000);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, survivors.Count - 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, 1000);
        double[] observed = [.. survivors];
        ShiftedBetaGeometricModel model = ShiftedBetaGeometric.Fit(observed);
        var projection = new double[horizon + 1];
        model.SurvivalCurve(projection);
        (double[] lower, double[] upper) = SurvivalBand.Bootstrap(model, observed, horizon, confidenceLevel, replicates, seed);

        Plot plot = ChartParts.NewPlot($"Survival projection (sBG, α = {model.Alpha:0.###}, β = {model.Beta:0.###})",
            "Period", "Customers surviving [% of cohort]");
        double[] ts = ChartParts.Positions(horizon + 1);
        ScottPlot.Plottables.FillY band = plot.Add.FillY(ts, Percent(lower), Percent(upper));
        band.FillColor = ChartParts.Expected.WithAlpha(0.25);
        band.LegendText = $"{ChartParts.Percent(confidenceLevel)} band (parametric bootstrap)";
        ScottPlot.Plottables.Scatter line = plot.Add.Scatter(ts, Percent(projection), ChartParts.Expected);
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = "sBG projection";
        var observedShare = new double[observed.Length];
        for (int t = 0; t < observed.Length; t++)
        {
            observedShare[t] = 100 * observed[t] / observed[0];
        }

        ScottPlot.Plottables.Scatter points = plot.Add.ScatterPoints(ChartParts.Positions(observed.Length), observedShare, ChartParts.Actual);
        points.MarkerSize = 8;
        points.LegendText = "Observed";
        plot.Add.VerticalLine(observed.Length - 1, 1, Colors.Gray, LinePattern.Dashed);
        plot.Axes.SetLimitsY(0, 105);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static double[] Percent(double[] fractions)
    {
        var result = new double[fractions.Length];
        for (int i = 0; i < fractions.Length; i++)
        {
            result[i] = 100 * fractions[i];
        }

        return result;
    }
}
