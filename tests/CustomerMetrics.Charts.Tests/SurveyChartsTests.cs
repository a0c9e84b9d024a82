using CustomerMetrics.Surveys;
using ScottPlot;
using ScottPlot.Plottables;

namespace CustomerMetrics.Charts.Tests;

public class SurveyChartsTests
{
    // (promoters, passives, detractors) per month; month 3 has no responses.
    private static readonly (long P, long N, long D)[] Months = [(50, 30, 20), (60, 25, 15), (40, 40, 20), (0, 0, 0), (70, 20, 10), (55, 30, 15)];
    private static readonly string[] Labels = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];

    private static NpsResult[] Periods() => [.. Months.Select(m => NpsResult.FromCounts(m.P, m.N, m.D))];

    [Fact]
    public void Nps_trend_plots_each_score_and_its_interval_and_leaves_out_an_empty_month()
    {
        NpsResult[] periods = Periods();
        Plot plot = SurveyCharts.NpsTrend(periods, Labels);
        ChartCheck.Rendered(plot, "NPS by period", "Period", "NPS [points]");

        Scatter line = plot.GetPlottables().OfType<Scatter>().Single();
        Coordinates[] points = [.. line.Data.GetScatterPoints()];
        int[] months = [0, 1, 2, 4, 5];
        Assert.Equal(months.Select(i => (double)i), points.Select(p => p.X));
        foreach ((Coordinates point, int i) in points.Zip(months))
        {
            (long p, long n, long d) = Months[i];
            Assert.Equal(100.0 * (p - d) / (p + n + d), point.Y, 1e-12);
        }

        FillY band = plot.GetPlottables().OfType<FillY>().Single();
        Assert.Equal("95 % interval", band.LegendText);
        Assert.Throws<ArgumentException>(() => SurveyCharts.NpsTrend(periods, ["a"]));
        Assert.Throws<ArgumentException>(() => SurveyCharts.NpsTrend([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyCharts.NpsTrend(periods, confidenceLevel: 1));
    }

    [Fact]
    public void Csat_and_ces_trends_plot_the_satisfied_percentage_and_the_mean()
    {
        long[][] csatCounts = [[5, 5, 10, 40, 40], [10, 10, 20, 30, 30], [2, 3, 5, 50, 40]];
        CsatResult[] csat = [.. csatCounts.Select(c => new CsatResult(5, 2, c))];
        Plot plot = SurveyCharts.CsatTrend(csat);
        ChartCheck.Rendered(plot, "CSAT by period", "Period", "CSAT [% satisfied]");
        double[] ys = [.. plot.GetPlottables().OfType<Scatter>().Single().Data.GetScatterPoints().Select(p => p.Y)];
        Assert.Equal(csatCounts.Select(c => 100.0 * (c[3] + c[4]) / c.Sum()), ys, new Tolerance(1e-12));

        long[][] cesCounts = [[1, 2, 3, 10, 20, 30, 34], [5, 5, 10, 20, 20, 20, 20], [0, 1, 2, 7, 30, 30, 30]];
        CesResult[] ces = [.. cesCounts.Select(c => new CesResult(CesScale.SevenPointAgreement, c))];
        Plot cesPlot = SurveyCharts.CesTrend(ces);
        ChartCheck.Rendered(cesPlot, "CES by period", "Period", "CES [mean, 1–7]");
        double[] means = [.. cesPlot.GetPlottables().OfType<Scatter>().Single().Data.GetScatterPoints().Select(p => p.Y)];
        Assert.Equal(cesCounts.Select(c => c.Select((n, i) => n * (i + 1.0)).Sum() / c.Sum()), means, new Tolerance(1e-12));
    }

    [Fact]
    public void Segments_are_points_with_error_bars_reaching_the_interval_bounds()
    {
        NpsResult[] segments = [NpsResult.FromCounts(50, 30, 20), NpsResult.FromCounts(10, 5, 5), NpsResult.FromCounts(200, 100, 100)];
        Plot plot = SurveyCharts.NpsSegments(segments, ["Web", "Phone", "Store"], 0.9);
        ChartCheck.Rendered(plot, "NPS by segment", "Segment", "NPS [points]");
        ErrorBar bars = plot.GetPlottables().OfType<ErrorBar>().Single();
        for (int i = 0; i < segments.Length; i++)
        {
            ConfidenceInterval ci = segments[i].Interval(0.9);
            Assert.Equal(ci.Lower, bars.Ys[i] - bars.YErrorNegative![i], 1e-12);
            Assert.Equal(ci.Upper, bars.Ys[i] + bars.YErrorPositive![i], 1e-12);
        }
    }

    [Fact]
    public void Distributions_have_one_bar_per_rating_with_its_share()
    {
        long[] counts = [3, 7, 10, 45, 35];
        Plot plot = SurveyCharts.CsatDistribution(new CsatResult(5, 2, counts));
        ChartCheck.Rendered(plot, "CSAT ratings (n = 100, 80 % satisfied)", "Rating [1–5]", "Responses [%]");
        Bar[] bars = [.. plot.GetPlottables().OfType<BarPlot>().Single().Bars];
        Assert.Equal([1.0, 2, 3, 4, 5], bars.Select(b => b.Position));
        Assert.Equal(counts.Select(c => (double)c), bars.Select(b => b.Value), new Tolerance(1e-12));

        long[] ces = [1, 1, 2, 6, 20, 30, 40];
        Plot cesPlot = SurveyCharts.CesDistribution(new CesResult(CesScale.SevenPointAgreement, ces));
        ChartCheck.Rendered(cesPlot, cesPlot.Axes.Title.Label.Text, "Rating [1–7]", "Responses [%]");
        Assert.Equal(ces.Select(c => c * 100.0 / ces.Sum()), cesPlot.GetPlottables().OfType<BarPlot>().Single().Bars.Select(b => b.Value), new Tolerance(1e-12));
        Assert.Throws<ArgumentException>(() => SurveyCharts.CsatDistribution(new CsatResult(5, 2, [0, 0, 0, 0, 0])));
    }
}

/// <summary>Element-wise absolute tolerance for <see cref="Assert.Equal{T}(IEnumerable{T}, IEnumerable{T}, IEqualityComparer{T})"/>.</summary>
internal sealed class Tolerance(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance || (double.IsNaN(x) && double.IsNaN(y));

    public int GetHashCode(double obj) => 0;
}
