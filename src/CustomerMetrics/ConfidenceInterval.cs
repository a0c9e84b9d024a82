using System.Globalization;

namespace CustomerMetrics;

/// <summary>
/// A two-sided confidence interval. The unit is the unit of the estimate it belongs to (NPS points, a fraction,
/// a rating); each method that returns one says which.
/// </summary>
/// <param name="Lower">The lower bound, in the estimate's unit.</param>
/// <param name="Upper">The upper bound, in the estimate's unit; never below <paramref name="Lower"/>.</param>
/// <param name="ConfidenceLevel">The nominal coverage, a fraction strictly between 0 and 1 (0.95 for 95 %).</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double ConfidenceLevel)
{
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
