using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Internal;

/// <summary>Welch's unequal-variance t statistic for a difference of two means.</summary>
internal static partial class Stats
{
    /// <summary>
    /// Welch's test of mean₁ − mean₂ (Welch 1947, <i>The generalization of "Student's" problem when several different
    /// population variances are involved</i>, Biometrika 34): SE = √(s₁²/n₁ + s₂²/n₂) and the Welch–Satterthwaite
    /// degrees of freedom ν = SE⁴ ÷ ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)). Needs n ≥ 2 on each side; ν is NaN
    /// when both variances are 0.
    /// </summary>
    public static (double StandardError, double DegreesOfFreedom) Welch(double variance1, double n1, double variance2, double n2)
    {
        double a = variance1 / n1, b = variance2 / n2;
        double se2 = a + b;
        double df = se2 * se2 / ((a * a / (n1 - 1)) + (b * b / (n2 - 1)));
        return (Math.Sqrt(se2), df);
    }

    /// <summary>Two-sided p-value of a t statistic with (possibly fractional) degrees of freedom: 2 · P(T_ν ≥ |t|).</summary>
    public static double TwoSidedTPValue(double t, double degreesOfFreedom) =>
        double.IsNaN(t) || double.IsNaN(degreesOfFreedom) ? double.NaN : 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t));

    /// <summary>The two-sided Student-t critical value with P(|T_ν| ≤ t) = <paramref name="confidenceLevel"/>.</summary>
    public static double TwoSidedT(double confidenceLevel, double degreesOfFreedom) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + (confidenceLevel / 2));
}
