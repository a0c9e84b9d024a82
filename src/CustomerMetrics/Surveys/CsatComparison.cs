using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Two independent CSAT samples with the same scale and top box compared by their satisfied shares: the difference
/// first − second as a fraction, Newcombe's hybrid score interval (Newcombe 1998, Statistics in Medicine 17, method 10,
/// the interval <see cref="Subscriptions.RetentionComparison"/> uses) and the pooled two-proportion z test.
/// </summary>
/// <remarks>
/// <para>Holds the two <see cref="CsatResult"/>s (sufficient statistics); two comparisons of disjoint responses merge
/// exactly with <c>+</c>; <c>default</c> (two empty results) is the identity.</para>
/// <para>With an empty side the difference, z, p-value and interval are NaN; z and p are also NaN when every response
/// (or none) is satisfied, where the test is undefined.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct CsatComparison
{
    /// <summary>Creates a comparison (as <see cref="Csat.Compare"/> does); the JSON constructor.</summary>
    /// <param name="first">The first sample.</param>
    /// <param name="second">The second sample, with the same scale and top box (either may be the empty <c>default</c>).</param>
    /// <exception cref="ArgumentException">The samples differ in scale or top box.</exception>
    [JsonConstructor]
    public CsatComparison(CsatResult first, CsatResult second)
    {
        if (first.ScalePoints != 0 && second.ScalePoints != 0 &&
            (first.ScalePoints != second.ScalePoints || first.TopBoxPoints != second.TopBoxPoints))
        {
            ThrowHelper.Argument(nameof(second), string.Create(CultureInfo.InvariantCulture,
                $"second is top {second.TopBoxPoints} of {second.ScalePoints} but first is top {first.TopBoxPoints} of {first.ScalePoints}; CSAT shares compare only with one definition."));
        }

        First = first;
        Second = second;
    }

    /// <summary>The first sample.</summary>
    public CsatResult First { get; }

    /// <summary>The second sample.</summary>
    public CsatResult Second { get; }

    /// <summary>Satisfied share of the first minus that of the second, a fraction in [−1, 1]; NaN when a side is empty.</summary>
    public double Difference => First.SatisfiedShare - Second.SatisfiedShare;

    /// <summary>The pooled two-proportion z statistic (its square is Pearson's χ² without continuity correction); NaN when undefined.</summary>
    public double ZScore => Stats.TwoProportionZ(First.Satisfied, First.Count, Second.Satisfied, Second.Count);

    /// <summary>Two-sided p-value of <see cref="ZScore"/>; NaN where z is NaN.</summary>
    public double PValue => Stats.TwoSidedPValue(ZScore);

    /// <summary>Newcombe's hybrid score interval (method 10) for <see cref="Difference"/>, as fractions in [−1, 1].</summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1.</param>
    /// <returns>The interval; both bounds NaN when a side is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval DifferenceInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        if (First.Count == 0 || Second.Count == 0)
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        (double lower, double upper) = Stats.NewcombeDifference(First.Satisfied, First.Count, Second.Satisfied, Second.Count, Stats.TwoSidedZ(confidenceLevel));
        return new ConfidenceInterval(lower, upper, confidenceLevel);
    }

    /// <summary>Merges two comparisons of disjoint responses, side by side.</summary>
    /// <param name="left">One comparison.</param>
    /// <param name="right">The other.</param>
    /// <returns>The comparison of the combined responses.</returns>
    /// <exception cref="ArgumentException">The scales or top boxes differ.</exception>
    /// <exception cref="OverflowException">A merged count exceeds <see cref="long.MaxValue"/>.</exception>
    public static CsatComparison operator +(CsatComparison left, CsatComparison right) =>
        new(left.First + right.First, left.Second + right.Second);

    /// <summary>Merges two comparisons (the named form of <c>+</c>).</summary>
    /// <param name="left">One comparison.</param>
    /// <param name="right">The other.</param>
    /// <returns>The comparison of the combined responses.</returns>
    public static CsatComparison Add(CsatComparison left, CsatComparison right) => left + right;

    /// <summary>Formats as <c>ΔCSAT +20.0 pts (80.0 % of 70 vs 60.0 % of 80): [5.2, 33.4] (95 %), z 2.65, p = 0.00805</c>.</summary>
    /// <returns>The comparison as text, invariant culture.</returns>
    public override string ToString()
    {
        ConfidenceInterval ci = DifferenceInterval();
        return string.Create(CultureInfo.InvariantCulture,
            $"ΔCSAT {Difference * 100:+0.0;-0.0;0.0} pts ({First.SatisfiedShare * 100:0.0} % of {First.Count:N0} vs {Second.SatisfiedShare * 100:0.0} % of {Second.Count:N0}): [{ci.Lower * 100:0.0}, {ci.Upper * 100:0.0}] (95 %), z {ZScore:0.00}, p = {PValue:G3}");
    }
}
