using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>Survey-weighted NPS (Kish 1965 effective sample size for the intervals).</summary>
public static partial class Nps
{
    /// <summary>Survey-weighted NPS: each 0–10 score counts with its weight.</summary>
    /// <param name="scores">The responses, each 0 to 10.</param>
    /// <param name="weights">One weight per response: finite and ≥ 0 (0 keeps a response out of the score but in <see cref="WeightedNpsResult.Count"/>).</param>
    /// <returns>The weighted sums; with no weight the score is NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is above 10, or a weight is negative, NaN or infinite; the message names the index and value.</exception>
    public static WeightedNpsResult CalculateWeighted(ReadOnlySpan<byte> scores, ReadOnlySpan<double> weights) =>
        CalculateWeighted(scores, weights, lenient: false, VectorPath.Auto);

    /// <summary>
    /// Survey-weighted NPS that skips, counting in <see cref="WeightedNpsResult.Rejected"/>, every entry whose score is
    /// above 10 or whose weight is negative, NaN or infinite.
    /// </summary>
    /// <param name="scores">The entries.</param>
    /// <param name="weights">One weight per entry.</param>
    /// <returns>The weighted sums of the valid entries and the number rejected.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static WeightedNpsResult CalculateWeightedLenient(ReadOnlySpan<byte> scores, ReadOnlySpan<double> weights) =>
        CalculateWeighted(scores, weights, lenient: true, VectorPath.Auto);

    /// <summary>The weighted sums on a forced vector path (tests cover every width).</summary>
    internal static WeightedNpsResult CalculateWeighted(ReadOnlySpan<byte> scores, ReadOnlySpan<double> weights, bool lenient, VectorPath path)
    {
        WeightedNpsSums sums = WeightedNpsKernel.Sum(scores, weights, path);
        if (!lenient && sums.Invalid != 0)
        {
            int i = WeightedNpsKernel.FirstInvalid(scores, weights);
            if (scores[i] > 10)
            {
                ThrowHelper.ValueOutOfRange(nameof(scores), i, scores[i], 0, 10);
            }

            ThrowHelper.ValueOutOfRange(nameof(weights), i, weights[i], "finite numbers ≥ 0");
        }

        return new WeightedNpsResult(sums.Promoters, sums.Passives, sums.Detractors, sums.Squares, sums.Valid, sums.Invalid);
    }
}
