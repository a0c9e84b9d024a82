using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// A linear trend of NPS across periods: the weighted least-squares slope of the period scores on the period index,
/// each period weighted by the inverse of its score's variance, with the slope's standard error 1/√Σw(t − t̄)² and a
/// two-sided z test of "no trend" (slope 0). The variance of a period uses the adjusted-Wald shares of Rocks 2016
/// (+0.75 promoter, +1.5 passive, +0.75 detractor), so a unanimous small period does not get infinite weight.
/// What is tested: that the expected period scores lie on a line of slope 0, assuming independent periods whose scores
/// are approximately normal with the estimated variances; it checks a linear drift, not any change.
/// </summary>
/// <remarks><threadsafety>Immutable; safe to share across threads.</threadsafety></remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct NpsTrend
{
    /// <summary>Creates a trend result.</summary>
    /// <param name="slope">Points per period; finite (or NaN only for <c>default</c>-like empty results with zero periods).</param>
    /// <param name="standardError">Standard error of the slope, points per period, ≥ 0.</param>
    /// <param name="periods">Periods with responses that entered the fit, ≥ 0 (2 or more for a fitted trend).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    [JsonConstructor]
    public NpsTrend(double slope, double standardError, int periods)
    {
        if (double.IsInfinity(slope))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(slope), slope, "finite values, or NaN");
        }

        if (!(standardError >= 0) && !double.IsNaN(standardError) || double.IsPositiveInfinity(standardError))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(standardError), standardError, "finite values ≥ 0, or NaN");
        }

        if (periods < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(periods), periods, "≥ 0");
        }

        Slope = slope;
        StandardError = standardError;
        Periods = periods;
    }

    /// <summary>The slope in NPS points per period.</summary>
    public double Slope { get; }

    /// <summary>Standard error of <see cref="Slope"/>, points per period.</summary>
    public double StandardError { get; }

    /// <summary>Periods with at least one response that entered the fit.</summary>
    public int Periods { get; }

    /// <summary>z = slope / standard error.</summary>
    public double Z => Slope / StandardError;

    /// <summary>Two-sided p-value of "no linear trend", 0 to 1.</summary>
    public double PValue => Stats.TwoSidedPValue(Z);

    /// <summary>A Wald interval for the slope, points per period: slope ± z · SE.</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        double halfWidth = Stats.TwoSidedZ(confidenceLevel) * StandardError;
        return new ConfidenceInterval(Slope - halfWidth, Slope + halfWidth, confidenceLevel);
    }

    /// <summary>Formats as <c>trend +1.20 points/period (SE 0.40, p 0.0027, 12 periods)</c>, invariant culture.</summary>
    /// <returns>The trend as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"trend {Slope:+0.00;-0.00;0.00} points/period (SE {StandardError:0.00}, p {PValue:0.0000}, {Periods} periods)");
}
