using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Loyalty;

/// <summary>
/// Spend of loyalty-programme members (A) against non-members (B): the difference and ratio of mean spend per
/// customer with Welch intervals, and the ratio of geometric means with a log-scale interval for skewed spend.
/// </summary>
/// <remarks>
/// <para>This is an observational comparison: members self-select, so the difference is the lift only as far as the
/// groups are otherwise alike (compare matched or randomised groups to read it as the programme's effect).</para>
/// <para>Intervals: the difference uses Welch's t (Welch 1947; unequal variances, Satterthwaite degrees of freedom).
/// The ratio of means uses the delta method on ln(ȳ_A/ȳ_B), var ≈ s_A²/(n_A ȳ_A²) + s_B²/(n_B ȳ_B²), with Welch
/// degrees of freedom, exponentiated (positive and asymmetric). The geometric-mean ratio is exp of a Welch interval of
/// the difference of mean log spend over the customers with positive spend (zeros are left out: when many customers
/// spend nothing, read the ratio of means instead). Undefined results are NaN.</para>
/// <para>Comparisons merge with <c>+</c> (both groups' summaries add); <c>default</c> is the empty identity.</para>
/// </remarks>
/// <param name="Members">Spend summary of group A (members).</param>
/// <param name="NonMembers">Spend summary of group B (non-members).</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct SpendComparison(SpendSummary Members, SpendSummary NonMembers)
{
    /// <summary>Difference of mean spend A − B, currency units per customer; NaN when a group is empty.</summary>
    [JsonIgnore]
    public double Difference => Members.Mean - NonMembers.Mean;

    /// <summary>Ratio of mean spend A ÷ B (1.25 means members spend 25 % more); NaN when a group is empty or B spends nothing.</summary>
    [JsonIgnore]
    public double Ratio => NonMembers.Mean > 0 ? Members.Mean / NonMembers.Mean : double.NaN;

    /// <summary>Ratio of geometric means of positive spend A ÷ B; NaN when a group has no positive spend.</summary>
    [JsonIgnore]
    public double GeometricMeanRatio => Math.Exp(Members.LogMean - NonMembers.LogMean);

    /// <summary>Welch interval for <see cref="Difference"/>, currency units per customer.</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval; NaN bounds with fewer than 2 customers in a group.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval DifferenceInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        return LoyaltyStats.Welch(Difference, Members.Variance / Members.Count, Members.Count, NonMembers.Variance / NonMembers.Count, NonMembers.Count, confidenceLevel);
    }

    /// <summary>Delta-method interval for <see cref="Ratio"/> on the log scale with Welch degrees of freedom, dimensionless.</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval; NaN bounds when the ratio is undefined, a group has fewer than 2 customers, or A spends nothing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval RatioInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        double ma = Members.Mean, mb = NonMembers.Mean;
        if (!(ma > 0 && mb > 0))
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        ConfidenceInterval log = LoyaltyStats.Welch(Math.Log(ma / mb), Members.Variance / (Members.Count * ma * ma), Members.Count,
            NonMembers.Variance / (NonMembers.Count * mb * mb), NonMembers.Count, confidenceLevel);
        return new ConfidenceInterval(Math.Exp(log.Lower), Math.Exp(log.Upper), confidenceLevel);
    }

    /// <summary>Log-scale Welch interval for <see cref="GeometricMeanRatio"/>, dimensionless.</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval; NaN bounds with fewer than 2 positive spends in a group.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval GeometricMeanRatioInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        ConfidenceInterval log = LoyaltyStats.Welch(Members.LogMean - NonMembers.LogMean,
            Members.LogVariance / Members.PositiveCount, Members.PositiveCount,
            NonMembers.LogVariance / NonMembers.PositiveCount, NonMembers.PositiveCount, confidenceLevel);
        return new ConfidenceInterval(Math.Exp(log.Lower), Math.Exp(log.Upper), confidenceLevel);
    }

    /// <summary>Merges comparisons of disjoint customers.</summary>
    /// <param name="left">One comparison.</param>
    /// <param name="right">The other.</param>
    /// <returns>The comparison of both.</returns>
    public static SpendComparison operator +(SpendComparison left, SpendComparison right) =>
        new(left.Members + right.Members, left.NonMembers + right.NonMembers);

    /// <summary>The named form of <c>+</c>.</summary>
    /// <param name="left">One comparison.</param>
    /// <param name="right">The other.</param>
    /// <returns>The comparison of both.</returns>
    public static SpendComparison Add(SpendComparison left, SpendComparison right) => left + right;

    /// <summary>Formats as <c>members 60.00 vs 50.00: +10.00 [4.1, 15.9], ×1.20 [1.08, 1.33]</c>, invariant culture.</summary>
    /// <returns>The comparison as text.</returns>
    public override string ToString()
    {
        ConfidenceInterval d = DifferenceInterval(), r = RatioInterval();
        return string.Create(CultureInfo.InvariantCulture,
            $"members {Members.Mean:0.00} vs {NonMembers.Mean:0.00}: {Difference:+0.00;-0.00} [{d.Lower:0.00}, {d.Upper:0.00}], ×{Ratio:0.000} [{r.Lower:0.000}, {r.Upper:0.000}] (95 %)");
    }
}
