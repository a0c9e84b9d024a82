using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>A point of the Lorenz curve: the bottom <see cref="CustomerShare"/> of customers by value hold <see cref="ValueShare"/> of the total.</summary>
/// <param name="CustomerShare">Share of customers, a fraction in [0, 1], counted from the lowest value up.</param>
/// <param name="ValueShare">Share of the total value they hold, a fraction in [0, 1]; NaN when the total is 0.</param>
public readonly record struct LorenzPoint(double CustomerShare, double ValueShare)
{
    /// <summary>Formats as <c>(0.80, 0.35)</c>, invariant culture.</summary>
    /// <returns>The point as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({CustomerShare:0.###}, {ValueShare:0.###})");
}
