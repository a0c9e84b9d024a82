using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>Trend across periods.</summary>
public static partial class Nps
{
    /// <summary>
    /// Tests for a linear trend across periods: weighted least squares of the period scores on the period index
    /// (0, 1, 2, …) with inverse-variance weights (see <see cref="NpsTrend"/> for the model and what is tested).
    /// Periods with no responses are skipped; their index still counts as time.
    /// </summary>
    /// <param name="periods">Results per period, oldest first, equally spaced (for example from <see cref="CalculateByPeriod(ReadOnlySpan{DateOnly}, ReadOnlySpan{byte}, DateOnly, Value.PeriodUnit, Span{NpsResult})"/>).</param>
    /// <returns>The slope in points per period, its standard error and test.</returns>
    /// <exception cref="ArgumentException">Fewer than two periods have responses.</exception>
    public static NpsTrend Trend(ReadOnlySpan<NpsResult> periods)
    {
        double sw = 0, st = 0, sy = 0;
        int used = 0;
        for (int t = 0; t < periods.Length; t++)
        {
            if (periods[t].Count > 0)
            {
                double w = 1 / TrendVariance(periods[t]);
                sw += w;
                st += w * t;
                sy += w * periods[t].Score;
                used++;
            }
        }

        if (used < 2)
        {
            ThrowHelper.Argument(nameof(periods), "A trend needs at least two periods with responses.");
        }

        double tMean = st / sw, yMean = sy / sw, sxx = 0, sxy = 0;
        for (int t = 0; t < periods.Length; t++)
        {
            if (periods[t].Count > 0)
            {
                double w = 1 / TrendVariance(periods[t]);
                sxx += w * (t - tMean) * (t - tMean);
                sxy += w * (t - tMean) * (periods[t].Score - yMean);
            }
        }

        return new NpsTrend(sxy / sxx, 1 / Math.Sqrt(sxx), used);
    }

    /// <summary>Variance of a period's score in points², from the adjusted-Wald shares (Rocks 2016), never 0.</summary>
    internal static double TrendVariance(NpsResult period)
    {
        double n = period.Count + 3.0;
        double p = (period.Promoters + 0.75) / n, d = (period.Detractors + 0.75) / n;
        return 10_000 * NpsInterval.Variance(p, d) / period.Count;
    }
}
