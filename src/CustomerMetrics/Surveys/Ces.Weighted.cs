namespace CustomerMetrics.Surveys;

/// <summary>Survey-weighted CES (Kish 1965 effective sample size for the interval).</summary>
public static partial class Ces
{
    /// <summary>Survey-weighted CES: each rating counts with its weight.</summary>
    /// <param name="ratings">The responses, each from 1 to the scale's points. May be empty.</param>
    /// <param name="weights">One weight per response: finite and ≥ 0 (0 keeps a response out of the scores but in <see cref="WeightedCesResult.Count"/>).</param>
    /// <param name="scale">The questionnaire.</param>
    /// <returns>The weighted sums; with no weight every score is NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="scale"/> is not a CES scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is off the scale, or a weight is negative, NaN or infinite; the message names the first such index and value.</exception>
    public static WeightedCesResult CalculateWeighted(ReadOnlySpan<byte> ratings, ReadOnlySpan<double> weights, CesScale scale) =>
        Weighted(ratings, weights, scale, lenient: false);

    /// <summary>
    /// Survey-weighted CES that skips, counting in <see cref="WeightedCesResult.Rejected"/>, every entry with an
    /// off-scale rating or a weight that is negative, NaN or infinite.
    /// </summary>
    /// <param name="ratings">The entries. May be empty.</param>
    /// <param name="weights">One weight per entry.</param>
    /// <param name="scale">The questionnaire.</param>
    /// <returns>The weighted sums of the valid entries and the number rejected.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="scale"/> is not a CES scale.</exception>
    public static WeightedCesResult CalculateWeightedLenient(ReadOnlySpan<byte> ratings, ReadOnlySpan<double> weights, CesScale scale) =>
        Weighted(ratings, weights, scale, lenient: true);

    private static WeightedCesResult Weighted(ReadOnlySpan<byte> ratings, ReadOnlySpan<double> weights, CesScale scale, bool lenient)
    {
        CesResult.CheckScale(scale);
        double[] sums = WeightedPoints.Tally(ratings, weights, (int)scale, lenient, out double squares, out long count, out long rejected, nameof(ratings));
        return new WeightedCesResult(scale, sums, squares, count, rejected);
    }
}
