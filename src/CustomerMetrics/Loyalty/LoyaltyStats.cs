using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Loyalty;

/// <summary>Student t quantiles and the Welch–Satterthwaite degrees of freedom.</summary>
internal static class LoyaltyStats
{
    /// <summary>The two-sided Student t critical value with <paramref name="degreesOfFreedom"/> (may be fractional).</summary>
    public static double TwoSidedT(double confidenceLevel, double degreesOfFreedom) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + (confidenceLevel / 2));

    /// <summary>Welch–Satterthwaite degrees of freedom of v₁ + v₂ with vᵢ = sᵢ²/nᵢ (Welch 1947).</summary>
    public static double WelchDegreesOfFreedom(double v1, long n1, double v2, long n2)
    {
        double total = v1 + v2;
        double denominator = (v1 * v1 / (n1 - 1)) + (v2 * v2 / (n2 - 1));
        return denominator > 0 ? total * total / denominator : n1 + n2 - 2;
    }

    /// <summary>An interval estimate ± t·se with Welch degrees of freedom; NaN bounds when undefined.</summary>
    public static ConfidenceInterval Welch(double estimate, double v1, long n1, double v2, long n2, double confidenceLevel)
    {
        if (n1 < 2 || n2 < 2 || double.IsNaN(estimate))
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        double se = Math.Sqrt(v1 + v2);
        double half = TwoSidedT(confidenceLevel, WelchDegreesOfFreedom(v1, n1, v2, n2)) * se;
        return new ConfidenceInterval(estimate - half, estimate + half, confidenceLevel);
    }
}
