using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Net Promoter Score calculations (Reichheld 2003; intervals and tests after Rocks 2016). Scores are the 0–10
/// answers to "how likely are you to recommend us": 9–10 promoters, 7–8 passives, 0–6 detractors.
/// </summary>
/// <remarks>
/// The span overloads run a vectorised kernel (Vector512, Vector256 or Vector128, whichever the hardware
/// accelerates, then a scalar tail) at memory speed and allocate nothing.
/// <threadsafety>All members are pure and thread-safe.</threadsafety>
/// </remarks>
public static partial class Nps
{
    /// <summary>Counts promoters, passives and detractors in 0–10 scores stored one per byte.</summary>
    /// <param name="scores">The responses, each 0 to 10. May be empty.</param>
    /// <returns>The counts; for an empty span <see cref="NpsResult.Empty"/> (score NaN).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is above 10; the message names the first such index and its value.</exception>
    public static NpsResult Calculate(ReadOnlySpan<byte> scores) => Calculate(scores, VectorPath.Auto);

    /// <summary>Counts promoters, passives and detractors in 0–10 scores stored as 32-bit integers.</summary>
    /// <param name="scores">The responses, each 0 to 10. May be empty.</param>
    /// <returns>The counts; for an empty span <see cref="NpsResult.Empty"/> (score NaN).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is negative or above 10; the message names the first such index and its value.</exception>
    public static NpsResult Calculate(ReadOnlySpan<int> scores) => Calculate(scores, VectorPath.Auto);

    /// <summary>
    /// Counts valid 0–10 byte scores and skips, counting in <see cref="NpsResult.Rejected"/>, every entry above 10:
    /// for survey exports where blanks and codes such as 99 ("don't know") are normal.
    /// </summary>
    /// <param name="scores">The entries. May be empty.</param>
    /// <returns>The counts of the valid scores and the number rejected.</returns>
    public static NpsResult CalculateLenient(ReadOnlySpan<byte> scores) => ToResult(NpsKernel.Count(scores), scores.Length);

    /// <summary>
    /// Counts valid 0–10 integer scores and skips, counting in <see cref="NpsResult.Rejected"/>, every entry outside
    /// 0–10 (for example −1 for "no answer").
    /// </summary>
    /// <param name="scores">The entries. May be empty.</param>
    /// <returns>The counts of the valid scores and the number rejected.</returns>
    public static NpsResult CalculateLenient(ReadOnlySpan<int> scores) => ToResult(NpsKernel.Count(scores), scores.Length);

    /// <summary>
    /// Tests whether two independent samples differ in NPS: z = (N₁ − N₂) / √(V₁/n₁ + V₂/n₂), in points, with a
    /// two-sided p-value from the standard normal (Rocks 2016).
    /// </summary>
    /// <param name="first">The first sample.</param>
    /// <param name="second">The second sample.</param>
    /// <returns>The difference <c>first − second</c> in points, its standard error, z and the p-value.</returns>
    /// <exception cref="ArgumentException">Either sample has no responses.</exception>
    public static NpsComparison Compare(NpsResult first, NpsResult second)
    {
        if (first.Count == 0)
        {
            ThrowHelper.Argument(nameof(first), "The first sample has no responses; an NPS comparison needs at least one on each side.");
        }

        if (second.Count == 0)
        {
            ThrowHelper.Argument(nameof(second), "The second sample has no responses; an NPS comparison needs at least one on each side.");
        }

        double difference = first.Score - second.Score;
        double standardError = 100 * Math.Sqrt(
            (NpsInterval.Variance(first.PromoterShare, first.DetractorShare) / first.Count) +
            (NpsInterval.Variance(second.PromoterShare, second.DetractorShare) / second.Count));
        return new NpsComparison(difference, standardError);
    }

    internal static NpsResult Calculate(ReadOnlySpan<byte> scores, VectorPath path)
    {
        NpsTally tally = NpsKernel.Count(scores, path);
        if (tally.Invalid != 0)
        {
            int index = scores.IndexOfAnyInRange((byte)11, byte.MaxValue);
            ThrowHelper.ValueOutOfRange(nameof(scores), index, scores[index], 0, 10);
        }

        return ToResult(tally, scores.Length);
    }

    internal static NpsResult Calculate(ReadOnlySpan<int> scores, VectorPath path)
    {
        NpsTally tally = NpsKernel.Count(scores, path);
        if (tally.Invalid != 0)
        {
            int index = scores.IndexOfAnyExceptInRange(0, 10);
            ThrowHelper.ValueOutOfRange(nameof(scores), index, scores[index], 0, 10);
        }

        return ToResult(tally, scores.Length);
    }

    private static NpsResult ToResult(NpsTally tally, int length) => new(
        tally.Promoters, length - tally.Promoters - tally.Detractors - tally.Invalid, tally.Detractors, tally.Invalid);
}
