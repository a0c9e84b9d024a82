using CustomerMetrics.Internal;
using CustomerMetrics.Loyalty;

namespace CustomerMetrics.Value;

/// <summary>
/// Value by feedback: mean revenue or CLV of promoters, passives and detractors (NPS groups, Reichheld 2003), with
/// intervals and ratios in <see cref="NpsGroupValue"/>.
/// </summary>
public static class ValueByNps
{
    /// <summary>Splits value per customer by the customer's 0–10 likelihood-to-recommend score; O(n), no allocation.</summary>
    /// <param name="scores">One score per customer, 0 to 10.</param>
    /// <param name="values">The same customers' value (revenue or CLV in one currency and period), finite and ≥ 0.</param>
    /// <returns>The three groups' sufficient statistics; every group empty when the spans are.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is above 10, or a value is negative, NaN or infinite (the message names the index and value).</exception>
    public static NpsGroupValue Calculate(ReadOnlySpan<byte> scores, ReadOnlySpan<double> values)
    {
        Guard.SameLength(scores.Length, values.Length);
        SpendAccumulator promoters = default, passives = default, detractors = default;
        for (int i = 0; i < scores.Length; i++)
        {
            byte score = scores[i];
            double x = values[i];
            if (score > 10)
            {
                ThrowHelper.ValueOutOfRange(nameof(scores), i, score, 0, 10);
            }

            if (!(x >= 0) || double.IsPositiveInfinity(x))
            {
                ThrowHelper.ValueOutOfRange(nameof(values), i, x, "finite values ≥ 0");
            }

            if (score >= 9)
            {
                promoters.Add(x);
            }
            else if (score >= 7)
            {
                passives.Add(x);
            }
            else
            {
                detractors.Add(x);
            }
        }

        return new NpsGroupValue(promoters.ToSummary(), passives.ToSummary(), detractors.ToSummary());
    }
}
