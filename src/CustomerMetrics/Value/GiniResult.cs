using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// The Gini coefficient of value per customer (revenue or CLV, amounts ≥ 0) with its jackknife variance, from
/// <see cref="Concentration.Gini(ReadOnlySpan{double})"/>.
/// </summary>
/// <remarks>
/// <para>Definition: G = Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² x̄) = <see cref="PairwiseDifferenceSum"/> ÷ (n × <see cref="Total"/>),
/// one minus twice the area under the Lorenz curve drawn through the n + 1 points (i/n, share of the bottom i)
/// (Gini 1912; e.g. Cowell, <i>Measuring Inequality</i>, 3rd ed., 2011). 0 when every customer holds the same value;
/// (n − 1)/n, the largest value n customers can reach, when one customer holds everything. Population values: 1/3 for
/// a uniform distribution, 1/2 for an exponential, 1/(2α − 1) for a Pareto with shape α &gt; 1.</para>
/// <para>Interval: G ± z √v with v the jackknife variance (n − 1)/n Σₖ (G₍₋ₖ₎ − Ḡ)² over the n leave-one-out
/// coefficients, computed in O(n) after the sort (Yitzhaki 1991, <i>Calculating jackknife variance estimators for
/// parameters of the Gini method</i>, J. Business &amp; Economic Statistics 9(2):235–239; Karagiannis &amp; Kovačević
/// 2000, Oxford Bulletin of Economics and Statistics 62(1):119–122), clamped to [0, 1].</para>
/// <para>Not sufficient statistics: a Gini does not merge (it depends on every pair), so this type has no <c>+</c>;
/// concatenate the values and compute again. <c>default</c> is the empty result: Gini NaN.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct GiniResult
{
    /// <summary>Creates a result from its sums; validates them (the JSON constructor).</summary>
    /// <param name="count">Customers n, ≥ 0.</param>
    /// <param name="total">Σ value, finite, ≥ 0 (0 when count is 0).</param>
    /// <param name="pairwiseDifferenceSum">Σ over unordered pairs |xᵢ − xⱼ|, finite, from 0 to (n − 1) × total.</param>
    /// <param name="jackknifeVariance">Jackknife variance of the Gini, finite and ≥ 0, or NaN when undefined.</param>
    /// <exception cref="ArgumentOutOfRangeException">A member is out of range or inconsistent with the others (the message names it).</exception>
    [JsonConstructor]
    public GiniResult(long count, double total, double pairwiseDifferenceSum, double jackknifeVariance)
    {
        Guard.NonNegative(count);
        Guard.NonNegativeFinite(total);
        Guard.NonNegativeFinite(pairwiseDifferenceSum);
        Guard.NaNOrNonNegativeFinite(jackknifeVariance);
        if (count == 0 && total != 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(total), total, "0 when count is 0");
        }

        double max = (count - 1.0) * total;
        if (pairwiseDifferenceSum > max * (1 + 1e-12))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(pairwiseDifferenceSum), pairwiseDifferenceSum,
                string.Create(CultureInfo.InvariantCulture, $"0 to (count − 1) × total = {max:R}"));
        }

        Count = count;
        Total = total;
        PairwiseDifferenceSum = pairwiseDifferenceSum;
        JackknifeVariance = jackknifeVariance;
    }

    /// <summary>Customers n (zeros included).</summary>
    public long Count { get; }

    /// <summary>Σ value over the customers, in money.</summary>
    public double Total { get; }

    /// <summary>Σ over unordered pairs of customers |xᵢ − xⱼ|, in money.</summary>
    public double PairwiseDifferenceSum { get; }

    /// <summary>Jackknife variance of <see cref="Gini"/>; NaN with fewer than 3 customers or when leaving one out leaves no value.</summary>
    public double JackknifeVariance { get; }

    /// <summary>The Gini coefficient in [0, (n − 1)/n]; NaN when empty or when every value is 0.</summary>
    [JsonIgnore]
    public double Gini => Total > 0 ? PairwiseDifferenceSum / (Count * Total) : double.NaN;

    /// <summary>Jackknife standard error of <see cref="Gini"/>; NaN when <see cref="JackknifeVariance"/> is.</summary>
    [JsonIgnore]
    public double StandardError => Count < 3 ? double.NaN : Math.Sqrt(JackknifeVariance);

    /// <summary>Normal interval G ± z × <see cref="StandardError"/>, clamped to [0, 1].</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval; NaN bounds when the Gini or its standard error is undefined.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        double g = Gini, half = Stats.TwoSidedZ(confidenceLevel) * StandardError;
        return double.IsNaN(g + half)
            ? new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel)
            : new ConfidenceInterval(Math.Max(0, g - half), Math.Min(1, g + half), confidenceLevel);
    }

    /// <summary>Formats as <c>Gini 0.512 [0.488, 0.536] (95 %, n = 1,000)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        ConfidenceInterval ci = Interval();
        return string.Create(CultureInfo.InvariantCulture, $"Gini {Gini:0.000} [{ci.Lower:0.000}, {ci.Upper:0.000}] (95 %, n = {Count:N0})");
    }
}
