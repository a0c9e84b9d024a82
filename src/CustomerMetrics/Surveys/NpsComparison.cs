using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The difference between two independent NPS samples with its z test:
/// z = (N₁ − N₂) / √(V₁/n₁ + V₂/n₂), V = (p + d) − (p − d)² (Rocks 2016).
/// </summary>
/// <remarks>
/// Holds the difference and its standard error; z and the p-value derive from them, so they cannot disagree.
/// <c>default</c> (no difference, standard error 0) has z and p NaN. <see cref="Undefined"/> (difference and
/// standard error both NaN) stands for a comparison with an empty side, as <see cref="Nps.PeriodOverPeriod"/> gives.
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct NpsComparison
{
    /// <summary>Creates a comparison (as <see cref="Nps.Compare"/> does); the JSON constructor.</summary>
    /// <param name="difference">First score minus second score, in NPS points, finite, −200 to 200; NaN only with <paramref name="standardError"/> NaN (undefined).</param>
    /// <param name="standardError">Standard error of <paramref name="difference"/>, in points, finite and ≥ 0; NaN only with <paramref name="difference"/> NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN alone, infinite or outside its range.</exception>
    [JsonConstructor]
    public NpsComparison(double difference, double standardError)
    {
        if (double.IsNaN(difference) && double.IsNaN(standardError))
        {
            Difference = double.NaN;
            StandardError = double.NaN;
            return;
        }

        if (!(difference >= -200 && difference <= 200))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(difference), difference, "NPS point differences from −200 to 200");
        }

        Guard.NonNegativeFinite(standardError);
        Difference = difference;
        StandardError = standardError;
    }

    /// <summary>
    /// The undefined comparison: difference, standard error, z, p-value and interval all NaN (one side has no
    /// responses).
    /// </summary>
    public static NpsComparison Undefined => new(double.NaN, double.NaN);

    /// <summary>First score minus second score, in NPS points (−200 to 200); NaN when <see cref="Undefined"/>.</summary>
    public double Difference { get; }

    /// <summary>Standard error of <see cref="Difference"/>, in points; 0 when both samples are unanimous.</summary>
    public double StandardError { get; }

    /// <summary>The z statistic <see cref="Difference"/> ÷ <see cref="StandardError"/>; ±∞ when the standard error is 0 and the scores differ, NaN when both are 0.</summary>
    public double Z => Difference / StandardError;

    /// <summary>Two-sided p-value of <see cref="Z"/>, 0 to 1; NaN when <see cref="Z"/> is NaN.</summary>
    public double PValue => Stats.TwoSidedPValue(Z);

    /// <summary>A Wald confidence interval for the difference, in points, clamped to [−200, 200]; both bounds NaN when <see cref="Undefined"/>.</summary>
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
