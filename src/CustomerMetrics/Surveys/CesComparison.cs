using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Two independent CES samples on the same scale compared by their mean ratings with Welch's unequal-variance t test
/// (Welch 1947, Biometrika 34): difference first − second in rating points, its standard error
/// √(s₁²/n₁ + s₂²/n₂), the Welch–Satterthwaite degrees of freedom, a two-sided p-value and a Welch interval.
/// </summary>
/// <remarks>
/// <para>Holds the two <see cref="CesResult"/>s (sufficient statistics); every figure derives from them, and two
/// comparisons of disjoint responses merge exactly with <c>+</c>. <c>default</c> (two empty results) is the identity.</para>
/// <para>With fewer than two responses on a side the statistics are NaN. When both sides are unanimous (standard
/// error 0) the degrees of freedom are NaN, the interval is the difference itself, and the p-value is 0 for
/// different means and NaN for equal ones.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct CesComparison
{
    /// <summary>Creates a comparison (as <see cref="Ces.Compare"/> does); the JSON constructor.</summary>
    /// <param name="first">The first sample.</param>
    /// <param name="second">The second sample, on the same scale (either may be the empty <c>default</c>).</param>
    /// <exception cref="ArgumentException">The samples are on different scales.</exception>
    [JsonConstructor]
    public CesComparison(CesResult first, CesResult second)
    {
        if (first.Scale != second.Scale && first.Scale != CesScale.None && second.Scale != CesScale.None)
        {
            ThrowHelper.Argument(nameof(second), $"second is on the {second.Scale} scale but first is on {first.Scale}; CES means compare only on one scale.");
        }

        First = first;
        Second = second;
    }

    /// <summary>The first sample.</summary>
    public CesResult First { get; }

    /// <summary>The second sample.</summary>
    public CesResult Second { get; }

    /// <summary>Mean of the first minus mean of the second, in rating points; NaN when a side is empty.</summary>
    public double Difference => First.Mean - Second.Mean;

    /// <summary>Welch's standard error √(s₁²/n₁ + s₂²/n₂), in rating points; NaN with fewer than two responses on a side.</summary>
    public double StandardError => Welch().StandardError;

    /// <summary>Welch–Satterthwaite degrees of freedom (fractional); NaN with fewer than two responses on a side or when both variances are 0.</summary>
    public double DegreesOfFreedom => Welch().DegreesOfFreedom;

    /// <summary>Welch's t = <see cref="Difference"/> ÷ <see cref="StandardError"/>; ±∞ or NaN when the standard error is 0.</summary>
    public double T => Difference / StandardError;

    /// <summary>Two-sided p-value of <see cref="T"/> on <see cref="DegreesOfFreedom"/>; 0 when both sides are unanimous at different means, NaN where undefined.</summary>
    public double PValue
    {
        get
        {
            (double se, double df) = Welch();
            return se == 0 ? (Difference == 0 ? double.NaN : 0) : Stats.TwoSidedTPValue(Difference / se, df);
        }
    }

    /// <summary>The Welch interval for <see cref="Difference"/>: difference ± t(ν) · SE, in rating points.</summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1.</param>
    /// <returns>The interval; both bounds NaN with fewer than two responses on a side; zero width when both sides are unanimous.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval DifferenceInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        (double se, double df) = Welch();
        if (double.IsNaN(se))
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        double halfWidth = se == 0 ? 0 : Stats.TwoSidedT(confidenceLevel, df) * se;
        return new ConfidenceInterval(Difference - halfWidth, Difference + halfWidth, confidenceLevel);
    }

    /// <summary>Merges two comparisons of disjoint responses, side by side.</summary>
    /// <param name="left">One comparison.</param>
    /// <param name="right">The other.</param>
    /// <returns>The comparison of the combined responses.</returns>
    /// <exception cref="ArgumentException">The scales differ.</exception>
    /// <exception cref="OverflowException">A merged count exceeds <see cref="long.MaxValue"/>.</exception>
    public static CesComparison operator +(CesComparison left, CesComparison right) =>
        new(left.First + right.First, left.Second + right.Second);

    /// <summary>Merges two comparisons (the named form of <c>+</c>).</summary>
    /// <param name="left">One comparison.</param>
    /// <param name="right">The other.</param>
    /// <returns>The comparison of the combined responses.</returns>
    public static CesComparison Add(CesComparison left, CesComparison right) => left + right;

    /// <summary>Formats as <c>ΔCES +0.42 (5.61 vs 5.19; n 120 vs 95): [0.11, 0.73] (95 %), Welch t 2.68 on 198.3 df, p = 0.00798</c>.</summary>
    /// <returns>The comparison as text, invariant culture.</returns>
    public override string ToString()
    {
        ConfidenceInterval ci = DifferenceInterval();
        return string.Create(CultureInfo.InvariantCulture,
            $"ΔCES {Difference:+0.00;-0.00;0.00} ({First.Mean:0.00} vs {Second.Mean:0.00}; n {First.Count:N0} vs {Second.Count:N0}): [{ci.Lower:0.00}, {ci.Upper:0.00}] (95 %), Welch t {T:0.00} on {DegreesOfFreedom:0.0} df, p = {PValue:G3}");
    }

    private (double StandardError, double DegreesOfFreedom) Welch()
    {
        long n1 = First.Count, n2 = Second.Count;
        if (n1 < 2 || n2 < 2)
        {
            return (double.NaN, double.NaN);
        }

        double s1 = First.StandardDeviation, s2 = Second.StandardDeviation;
        return Stats.Welch(s1 * s1, n1, s2 * s2, n2);
    }
}
