using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The difference between two independent NPS samples with its z test:
/// z = (N₁ − N₂) / √(V₁/n₁ + V₂/n₂), V = (p + d) − (p − d)² (Rocks 2016).
/// </summary>
/// <param name="Difference">First score minus second score, in NPS points (−200 to 200).</param>
/// <param name="StandardError">Standard error of <paramref name="Difference"/>, in points; 0 when both samples are unanimous.</param>
/// <param name="Z">The z statistic; ±∞ when the standard error is 0 and the scores differ, NaN when both are 0.</param>
/// <param name="PValue">Two-sided p-value, 0 to 1; NaN when <paramref name="Z"/> is NaN.</param>
public readonly record struct NpsComparison(double Difference, double StandardError, double Z, double PValue)
{
    /// <summary>A Wald confidence interval for the difference, in points, clamped to [−200, 200].</summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1.</param>
    /// <returns>The interval in points.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        double halfWidth = Stats.TwoSidedZ(confidenceLevel) * StandardError;
        return new ConfidenceInterval(Math.Max(-200, Difference - halfWidth), Math.Min(200, Difference + halfWidth), confidenceLevel);
    }

    /// <summary>Formats as <c>ΔNPS +4.2 points (SE 1.9, z 2.21, p 0.027)</c>, invariant culture.</summary>
    /// <returns>The comparison as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ΔNPS {Difference:+0.0;-0.0;0.0} points (SE {StandardError:0.0##}, z {Z:0.00}, p {(PValue < 0.0001 ? "< 0.0001" : PValue.ToString("0.0000", CultureInfo.InvariantCulture))})");
}
