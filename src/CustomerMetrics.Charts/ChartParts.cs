using System.Globalization;
using ScottPlot;

namespace CustomerMetrics.Charts;

/// <summary>Shared pieces of every chart: a plot with title and labels, category ticks, colours.</summary>
internal static class ChartParts
{
    public static readonly Color Actual = Color.FromHex("#1f77b4");
    public static readonly Color Expected = Color.FromHex("#ff7f0e");
    public static readonly Color Positive = Color.FromHex("#2ca02c");
    public static readonly Color Negative = Color.FromHex("#d62728");

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        ChartFonts.EnsureAvailable();
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Category labels on the bottom axis at positions 0, 1, … (at most about 16 shown, evenly thinned).</summary>
    public static void CategoryTicks(Plot plot, IReadOnlyList<string> labels)
    {
        int step = Math.Max(1, (int)Math.Ceiling(labels.Count / 16.0));
        var ticks = new List<Tick>();
        for (int i = 0; i < labels.Count; i += step)
        {
            ticks.Add(new Tick(i, labels[i]));
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        if (ticks.Count > 10)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 90; // room for the rotated labels above the axis label
        }
    }

    public static IReadOnlyList<string> Labels(IReadOnlyList<string>? labels, int count, string paramName)
    {
        if (labels is null)
        {
            var numbers = new string[count];
            for (int i = 0; i < count; i++)
            {
                numbers[i] = i.ToString(CultureInfo.InvariantCulture);
            }

            return numbers;
        }

        if (labels.Count != count)
        {
            throw new ArgumentException($"{labels.Count} labels for {count} values; give one label per value.", paramName);
        }

        return labels;
    }

    public static double[] Positions(int count)
    {
        var xs = new double[count];
        for (int i = 0; i < count; i++)
        {
            xs[i] = i;
        }

        return xs;
    }

    public static void Level(double confidenceLevel, string paramName)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, confidenceLevel, "The confidence level must be in (0, 1).");
        }
    }

    public static void NotEmpty(int count, string paramName)
    {
        if (count == 0)
        {
            throw new ArgumentException("Nothing to plot: the input is empty.", paramName);
        }
    }

    public static string Percent(double confidenceLevel) =>
        (confidenceLevel * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
