using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Loyalty;

/// <summary>
/// Sufficient statistics of one group's spend per customer (amounts ≥ 0 in one currency and period): count, sum,
/// sum of squares, and the count, sum and sum of squares of the logarithms of the positive amounts (for log-scale
/// intervals of skewed spend). Mean, standard deviation and a Student t interval are derived.
/// </summary>
/// <remarks>
/// <para>Statistics are in <see cref="double"/> (compensated sums); decimal amounts convert with a rounding far below
/// any sampling error. Summaries of disjoint customers merge with <c>+</c> (exact up to rounding); <c>default</c> is
/// the empty identity.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct SpendSummary
{
    /// <summary>Creates a summary from its sums; validates them.</summary>
    /// <param name="count">Customers, ≥ 0.</param>
    /// <param name="sum">Σ spend, finite, ≥ 0.</param>
    /// <param name="sumOfSquares">Σ spend², finite, ≥ sum²/count (0 when count is 0).</param>
    /// <param name="positiveCount">Customers with spend &gt; 0, 0 to count.</param>
    /// <param name="logSum">Σ ln(spend) over positive spend, finite.</param>
    /// <param name="logSumOfSquares">Σ ln(spend)² over positive spend, finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A member is out of range or inconsistent with the count.</exception>
    [JsonConstructor]
    public SpendSummary(long count, double sum, double sumOfSquares, long positiveCount, double logSum, double logSumOfSquares)
    {
        Guard.NonNegative(count);
        Guard.NonNegativeFinite(sum);
        Guard.NonNegativeFinite(sumOfSquares);
        Guard.Finite(logSum);
        Guard.NonNegativeFinite(logSumOfSquares);
        if (positiveCount < 0 || positiveCount > count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(positiveCount), positiveCount, string.Create(CultureInfo.InvariantCulture, $"counts from 0 to count = {count}"));
        }

        if (count == 0 && (sum != 0 || sumOfSquares != 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(sum), sum, "0 (with sumOfSquares 0) for an empty summary");
        }

        if (positiveCount == 0 && (logSum != 0 || logSumOfSquares != 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(logSum), logSum, "0 (with logSumOfSquares 0) when no spend is positive");
        }

        if (count > 0 && sumOfSquares < sum * sum / count * (1 - 1e-9))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(sumOfSquares), sumOfSquares, string.Create(CultureInfo.InvariantCulture, $"at least sum²/count = {sum * sum / count:R} (Cauchy–Schwarz)"));
        }

        Count = count;
        Sum = sum;
        SumOfSquares = sumOfSquares;
        PositiveCount = positiveCount;
        LogSum = logSum;
        LogSumOfSquares = logSumOfSquares;
    }

    /// <summary>Customers.</summary>
    public long Count { get; }

    /// <summary>Σ spend.</summary>
    public double Sum { get; }

    /// <summary>Σ spend².</summary>
    public double SumOfSquares { get; }

    /// <summary>Customers with spend &gt; 0 (the log-scale statistics use only these).</summary>
    public long PositiveCount { get; }

    /// <summary>Σ ln(spend) over positive spend.</summary>
    public double LogSum { get; }

    /// <summary>Σ ln(spend)² over positive spend.</summary>
    public double LogSumOfSquares { get; }

    /// <summary>Mean spend per customer; NaN when empty.</summary>
    [JsonIgnore]
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Sample variance of spend (n − 1 denominator); NaN with fewer than 2 customers.</summary>
    [JsonIgnore]
    public double Variance => Count < 2 ? double.NaN : Math.Max(0, (SumOfSquares - (Sum * Sum / Count)) / (Count - 1));

    /// <summary>Sample standard deviation of spend; NaN with fewer than 2 customers.</summary>
    [JsonIgnore]
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Mean of ln(spend) over positive spend; NaN when none is positive.</summary>
    [JsonIgnore]
    public double LogMean => PositiveCount == 0 ? double.NaN : LogSum / PositiveCount;

    /// <summary>Sample variance of ln(spend) over positive spend; NaN with fewer than 2 positive.</summary>
    [JsonIgnore]
    public double LogVariance => PositiveCount < 2 ? double.NaN : Math.Max(0, (LogSumOfSquares - (LogSum * LogSum / PositiveCount)) / (PositiveCount - 1));

    /// <summary>Summarises spend per customer.</summary>
    /// <param name="spend">Amounts, finite and ≥ 0, one per customer. May be empty.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative, NaN or infinite (the message names the index).</exception>
    public static SpendSummary Of(ReadOnlySpan<double> spend)
    {
        SpendAccumulator accumulator = default;
        for (int i = 0; i < spend.Length; i++)
        {
            double x = spend[i];
            if (!(x >= 0) || double.IsPositiveInfinity(x))
            {
                ThrowHelper.ValueOutOfRange(nameof(spend), i, x, "finite amounts ≥ 0");
            }

            accumulator.Add(x);
        }

        return accumulator.ToSummary();
    }

    /// <summary>A Student t interval for <see cref="Mean"/>, in currency units.</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval; NaN bounds with fewer than 2 customers.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval MeanInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        if (Count < 2)
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        double half = LoyaltyStats.TwoSidedT(confidenceLevel, Count - 1) * Math.Sqrt(Variance / Count);
        return new ConfidenceInterval(Mean - half, Mean + half, confidenceLevel);
    }

    /// <summary>Merges the summaries of disjoint customers.</summary>
    /// <param name="left">One summary.</param>
    /// <param name="right">The other.</param>
    /// <returns>The summary of both.</returns>
    /// <exception cref="OverflowException">A count exceeds <see cref="long.MaxValue"/>.</exception>
    public static SpendSummary operator +(SpendSummary left, SpendSummary right) => new(
        checked(left.Count + right.Count), left.Sum + right.Sum, left.SumOfSquares + right.SumOfSquares,
        checked(left.PositiveCount + right.PositiveCount), left.LogSum + right.LogSum, left.LogSumOfSquares + right.LogSumOfSquares);

    /// <summary>The named form of <c>+</c>.</summary>
    /// <param name="left">One summary.</param>
    /// <param name="right">The other.</param>
    /// <returns>The summary of both.</returns>
    public static SpendSummary Add(SpendSummary left, SpendSummary right) => left + right;

    /// <summary>Formats as <c>mean 52.30 (sd 40.10; n = 1,000)</c>, invariant culture.</summary>
    /// <returns>The summary as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"mean {Mean:0.00} (sd {StandardDeviation:0.00}; n = {Count:N0})");
}
