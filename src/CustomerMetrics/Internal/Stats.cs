using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Internal;

/// <summary>Small statistical building blocks shared by the calculators (normal quantiles, Wilson intervals).</summary>
internal static partial class Stats
{
    /// <summary>The two-sided standard-normal critical value z with P(|Z| ≤ z) = <paramref name="confidenceLevel"/>.</summary>
    public static double TwoSidedZ(double confidenceLevel) => Normal.InvCDF(0, 1, 0.5 + (confidenceLevel / 2));

    /// <summary>Two-sided p-value of a standard-normal statistic: 2 (1 − Φ(|z|)), computed without cancellation.</summary>
    public static double TwoSidedPValue(double z) => double.IsNaN(z) ? double.NaN : 2 * Normal.CDF(0, 1, -Math.Abs(z));

    /// <summary>
    /// Wilson score interval for a binomial proportion (Wilson 1927), as fractions in [0, 1].
    /// <paramref name="trials"/> may be fractional (an effective sample size); it must be &gt; 0.
    /// </summary>
    public static (double Lower, double Upper) Wilson(double successes, double trials, double z)
    {
        double p = successes / trials;
        double z2 = z * z;
        double denominator = 1 + (z2 / trials);
        double centre = (p + (z2 / (2 * trials))) / denominator;
        double halfWidth = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4 * trials * trials))) / denominator;
        // At 0 or n successes the bound is exactly 0 or 1; the formula can miss it by a rounding error.
        return (successes <= 0 ? 0 : Math.Max(0, centre - halfWidth), successes >= trials ? 1 : Math.Min(1, centre + halfWidth));
    }
}
