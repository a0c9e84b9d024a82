using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics;

/// <summary>
/// A two-sided confidence interval. The unit is the unit of the estimate it belongs to (NPS points, a fraction,
/// a rating); each method that returns one says which.
/// </summary>
/// <remarks>
/// Both bounds are NaN together where an estimate is undefined (an empty group); otherwise
/// <see cref="Lower"/> ≤ <see cref="Upper"/>. <c>default</c> (confidence level 0) is not a valid interval and does
/// not read back from JSON: an interval always has a level.
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ConfidenceInterval
{
    /// <summary>Creates an interval; the JSON constructor.</summary>
    /// <param name="lower">The lower bound, in the estimate's unit; NaN only with <paramref name="upper"/> NaN.</param>
    /// <param name="upper">The upper bound, in the estimate's unit; ≥ <paramref name="lower"/>.</param>
    /// <param name="confidenceLevel">The nominal coverage, a fraction strictly between 0 and 1 (0.95 for 95 %).</param>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in (0, 1), one bound alone is NaN, or <paramref name="upper"/> &lt; <paramref name="lower"/>.</exception>
    [JsonConstructor]
    public ConfidenceInterval(double lower, double upper, double confidenceLevel)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        if (!(upper >= lower) && !(double.IsNaN(lower) && double.IsNaN(upper)))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(upper), upper, string.Create(CultureInfo.InvariantCulture,
                $"bounds ≥ lower = {lower:R} (both bounds NaN for an undefined estimate)"));
        }

        Lower = lower;
        Upper = upper;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>The lower bound, in the estimate's unit.</summary>
    public double Lower { get; }

    /// <summary>The upper bound, in the estimate's unit; never below <see cref="Lower"/>.</summary>
    public double Upper { get; }

    /// <summary>The nominal coverage, a fraction strictly between 0 and 1 (0.95 for 95 %).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The width <c>Upper − Lower</c>, in the estimate's unit.</summary>
    public double Width => Upper - Lower;

    /// <summary>Whether <paramref name="value"/> lies in the closed interval [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">A value in the estimate's unit.</param>
    /// <returns><see langword="true"/> when <c>Lower ≤ value ≤ Upper</c>; <see langword="false"/> for NaN.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>Formats as <c>[lower, upper] (95 %)</c> with the invariant culture.</summary>
    /// <returns>The interval as text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Lower:0.###}, {Upper:0.###}] ({ConfidenceLevel * 100:0.##} %)");
}
