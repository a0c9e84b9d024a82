using System.Numerics;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>NPS on an explicit answer scale (<see cref="NpsScale"/>).</summary>
public static partial class Nps
{
    /// <summary>Counts promoters, passives and detractors in byte scores on an explicit scale.</summary>
    /// <param name="scores">The responses, each on <paramref name="scale"/>. May be empty.</param>
    /// <param name="scale">The answer scale and its split; <see cref="NpsScale.ZeroToTen"/> runs exactly the default path.</param>
    /// <returns>The counts; for an empty span <see cref="NpsResult.Empty"/> (score NaN).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale; the message names the first such index, its value and the scale's range.</exception>
    public static NpsResult Calculate(ReadOnlySpan<byte> scores, NpsScale scale) =>
        scale == default ? Calculate(scores) : OnScale(scores, scale, lenient: false, DefaultTally(scores, scale));

    /// <summary>Counts promoters, passives and detractors in 32-bit scores on an explicit scale.</summary>
    /// <param name="scores">The responses, each on <paramref name="scale"/>. May be empty.</param>
    /// <param name="scale">The answer scale and its split.</param>
    /// <returns>The counts; for an empty span <see cref="NpsResult.Empty"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale; the message names the first such index and value.</exception>
    public static NpsResult Calculate(ReadOnlySpan<int> scores, NpsScale scale) =>
        scale == default ? Calculate(scores) : OnScale(scores, scale, lenient: false, DefaultTally(scores, scale));

    /// <summary>
    /// Counts the byte scores on an explicit scale and skips, counting in <see cref="NpsResult.Rejected"/>, every entry
    /// off the scale (a 0 on a 1–10 scale, 255 from <see cref="ScoreText.Parse(ReadOnlySpan{string}, Span{byte}, NpsScale)"/>).
    /// </summary>
    /// <param name="scores">The entries. May be empty.</param>
    /// <param name="scale">The answer scale and its split.</param>
    /// <returns>The counts of the valid scores and the number rejected.</returns>
    public static NpsResult CalculateLenient(ReadOnlySpan<byte> scores, NpsScale scale) =>
        scale == default ? CalculateLenient(scores) : OnScale(scores, scale, lenient: true, DefaultTally(scores, scale));

    /// <summary>Counts the 32-bit scores on an explicit scale and skips, counting in <see cref="NpsResult.Rejected"/>, every entry off the scale.</summary>
    /// <param name="scores">The entries. May be empty.</param>
    /// <param name="scale">The answer scale and its split.</param>
    /// <returns>The counts of the valid scores and the number rejected.</returns>
    public static NpsResult CalculateLenient(ReadOnlySpan<int> scores, NpsScale scale) =>
        scale == default ? CalculateLenient(scores) : OnScale(scores, scale, lenient: true, DefaultTally(scores, scale));

    /// <summary>
    /// With the default thresholds the kernel's 0–10 tally is corrected for the answers below the scale's minimum (one
    /// vectorised count per such value); other splits are counted by a scalar loop.
    /// </summary>
    private static NpsResult OnScale<T>(ReadOnlySpan<T> scores, NpsScale scale, bool lenient, NpsTally defaultTally)
        where T : unmanaged, IBinaryInteger<T>
    {
        NpsTally tally;
        if (scale.HasDefaultThresholds)
        {
            long below = 0;
            for (int value = 0; value < scale.Minimum; value++)
            {
                below += scores.Count(T.CreateTruncating(value));
            }

            tally = defaultTally with { Detractors = defaultTally.Detractors - below, Invalid = defaultTally.Invalid + below };
        }
        else
        {
            tally = CountScalar(scores, scale);
        }

        if (!lenient && tally.Invalid != 0)
        {
            for (int i = 0; i < scores.Length; i++)
            {
                long value = long.CreateTruncating(scores[i]);
                if (!scale.Contains((int)Math.Clamp(value, int.MinValue, int.MaxValue)))
                {
                    ThrowHelper.ValueOutOfRange(nameof(scores), i, value, scale.Minimum, scale.Maximum);
                }
            }
        }

        return ToResult(tally, scores.Length);
    }

    private static NpsTally DefaultTally(ReadOnlySpan<byte> scores, NpsScale scale) => scale.HasDefaultThresholds ? NpsKernel.Count(scores) : default;

    private static NpsTally DefaultTally(ReadOnlySpan<int> scores, NpsScale scale) => scale.HasDefaultThresholds ? NpsKernel.Count(scores) : default;

    private static NpsTally CountScalar<T>(ReadOnlySpan<T> scores, NpsScale scale)
        where T : unmanaged, IBinaryInteger<T>
    {
        long promoters = 0, detractors = 0, invalid = 0;
        int min = scale.Minimum, max = scale.Maximum, detractorMax = scale.DetractorMaximum, promoterMin = scale.PromoterMinimum;
        foreach (T score in scores)
        {
            long value = long.CreateTruncating(score);
            if (value < min || value > max)
            {
                invalid++;
            }
            else if (value >= promoterMin)
            {
                promoters++;
            }
            else if (value <= detractorMax)
            {
                detractors++;
            }
        }

        return new NpsTally(promoters, detractors, invalid);
    }
}
