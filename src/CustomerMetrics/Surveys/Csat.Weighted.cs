namespace CustomerMetrics.Surveys;

/// <summary>Survey-weighted CSAT (Kish 1965 effective sample size for the interval).</summary>
public static partial class Csat
{
    /// <summary>Survey-weighted CSAT with the conventional top box: each rating counts with its weight.</summary>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>. May be empty.</param>
    /// <param name="weights">One weight per response: finite and ≥ 0 (0 keeps a response out of the scores but in <see cref="WeightedCsatResult.Count"/>).</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 by default).</param>
    /// <returns>The weighted sums; with no weight the share is NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box, a rating is off the scale, or a weight is negative, NaN or infinite; the message names the first such index and value.</exception>
    public static WeightedCsatResult CalculateWeighted(ReadOnlySpan<byte> ratings, ReadOnlySpan<double> weights, int scalePoints = 5) =>
        Weighted(ratings, weights, scalePoints, DefaultTopBoxPoints(scalePoints), lenient: false);

    /// <summary>Survey-weighted CSAT with an explicit top box.</summary>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>. May be empty.</param>
    /// <param name="weights">One weight per response: finite and ≥ 0.</param>
    /// <param name="scalePoints">Points on the scale, 2 to 11.</param>
    /// <param name="topBoxPoints">How many of the highest points count as satisfied, 1 to scalePoints − 1.</param>
    /// <returns>The weighted sums; with no weight the share is NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale or top box is out of range, a rating is off the scale, or a weight is negative, NaN or infinite.</exception>
    public static WeightedCsatResult CalculateWeightedWithTopBox(ReadOnlySpan<byte> ratings, ReadOnlySpan<double> weights, int scalePoints, int topBoxPoints) =>
        Weighted(ratings, weights, scalePoints, topBoxPoints, lenient: false);

    /// <summary>
    /// Survey-weighted CSAT with the conventional top box that skips, counting in <see cref="WeightedCsatResult.Rejected"/>,
    /// every entry with an off-scale rating or a weight that is negative, NaN or infinite.
    /// </summary>
    /// <param name="ratings">The entries. May be empty.</param>
    /// <param name="weights">One weight per entry.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 by default).</param>
    /// <returns>The weighted sums of the valid entries and the number rejected.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box.</exception>
    public static WeightedCsatResult CalculateWeightedLenient(ReadOnlySpan<byte> ratings, ReadOnlySpan<double> weights, int scalePoints = 5) =>
        Weighted(ratings, weights, scalePoints, DefaultTopBoxPoints(scalePoints), lenient: true);

    private static WeightedCsatResult Weighted(ReadOnlySpan<byte> ratings, ReadOnlySpan<double> weights, int scalePoints, int topBoxPoints, bool lenient)
    {
        CheckScale(scalePoints, topBoxPoints);
        double[] sums = WeightedPoints.Tally(ratings, weights, scalePoints, lenient, out double squares, out long count, out long rejected, nameof(ratings));
        return new WeightedCsatResult(scalePoints, topBoxPoints, sums, squares, count, rejected);
    }
}
