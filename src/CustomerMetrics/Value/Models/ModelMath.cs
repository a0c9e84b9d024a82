using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>Accurate elementary helpers for the models (the BCL has no expm1/log1p for double).</summary>
internal static class ModelMath
{
    /// <summary>eᵛ − 1 without cancellation for small v (Kahan's trick: (u − 1)·v/ln u with u = eᵛ).</summary>
    public static double ExpM1(double v)
    {
        double u = Math.Exp(v);
        if (u == 1)
        {
            return v;
        }

        double um1 = u - 1;
        return um1 == -1 ? -1 : double.IsPositiveInfinity(u) ? u : um1 * v / Math.Log(u);
    }

    /// <summary>ln(1 + v) without cancellation for small v (Kahan's trick: v·ln u/(u − 1) with u = 1 + v).</summary>
    public static double Log1P(double v)
    {
        double u = 1 + v;
        return u == 1 ? v : Math.Log(u) * v / (u - 1);
    }

    /// <summary>
    /// ln Γ(x + d) − ln Γ(x) for x &gt; 0, x + d &gt; 0 without the cancellation of two huge log-gammas: for x and x + d
    /// ≥ 15 the difference of Stirling's series (DLMF 5.11.1, five terms, error below 1e-16 there) written as
    /// (x − ½) log1p(d/x) + d ln(x + d) − d + S(x + d) − S(x); otherwise the log-gammas directly (both small).
    /// </summary>
    public static double LogGammaRatio(double x, double d)
    {
        double y = x + d;
        if (x < 15 || y < 15)
        {
            return SpecialFunctions.GammaLn(y) - SpecialFunctions.GammaLn(x);
        }

        return ((x - 0.5) * Log1P(d / x)) + (d * Math.Log(y)) - d + (StirlingTail(y) - StirlingTail(x));
    }

    /// <summary>ln Γ(a) + ln Γ(b) − ln Γ(a + b) through <see cref="LogGammaRatio"/> (no cancellation when a or b is large).</summary>
    public static double LogBeta(double a, double b) => a >= b
        ? SpecialFunctions.GammaLn(b) - LogGammaRatio(a, b)
        : SpecialFunctions.GammaLn(a) - LogGammaRatio(b, a);

    /// <summary>1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹).</summary>
    private static double StirlingTail(double z)
    {
        double inv = 1 / z, inv2 = inv * inv;
        return inv * ((1.0 / 12) - (inv2 * ((1.0 / 360) - (inv2 * ((1.0 / 1260) - (inv2 * ((1.0 / 1680) - (inv2 / 1188))))))));
    }

    /// <summary>1/(1 + eᵘ) without overflow.</summary>
    public static double LogisticOfNegative(double u) => u > 0 ? Math.Exp(-u) / (1 + Math.Exp(-u)) : 1 / (1 + Math.Exp(u));

    /// <summary>
    /// e^z E_s(z) = ∫₀^∞ e^−zu (1+u)^−s du for z &gt; 0 by the continued fraction of E_s (modified Lentz on
    /// E_s(z) = e^−z / (z + s − 1·s/(z + s + 2 − 2(s+1)/(z + s + 4 − …))), Numerical Recipes §6.3). It converges for every
    /// z &gt; 0, fast for z ≥ 1 and in about 1/√z to 1/z terms below; the callers set the iteration cap and tolerance.
    /// </summary>
    public static double ScaledExponentialIntegralFraction(double s, double z, int maxIterations, double tolerance)
    {
        const double Tiny = 1e-300;
        double b = z + s, c = 1 / Tiny, d = 1 / b, h = d;
        for (int i = 1; i < maxIterations; i++)
        {
            double an = -i * (s - 1 + i);
            b += 2;
            d = 1 / ((an * d) + b);
            c = b + (an / c);
            double delta = c * d;
            h *= delta;
            if (Math.Abs(delta - 1) < tolerance)
            {
                break;
            }
        }

        return h;
    }
}
