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

    /// <summary>
    /// e^z E_s(z) = ∫₀^∞ e^−zu (1+u)^−s du for s &gt; 0, z &gt; 0 at full precision for every z: the continued fraction
    /// (<see cref="ScaledExponentialIntegralFraction"/>) for z ≥ 1, and for z &lt; 1 the convergent series
    /// E_s(z) = Γ(1−s) z^(s−1) − Σₖ (−z)ᵏ/(k! (1−s+k)) (DLMF 8.19.10 with 8.7.3), whose terms shrink as zᵏ/k!. Near an
    /// integer s = n (|s − n| ≤ 0.05) the pole of Γ(1−s) and the term k = n − 1 cancel; that pair is evaluated as one
    /// expression, −(−z)^(n−1)/(n−1)! · expm1(g)/ε with ε = s − n and g = ε ln z + ln Γ(1−ε) − Σⱼ₌₁ⁿ⁻¹ log1p(ε/j), which at
    /// ε = 0 is the integer-order formula (−z)^(n−1)/(n−1)! (ψ(n) − ln z) (DLMF 8.19.8).
    /// </summary>
    public static double ScaledExponentialIntegral(double s, double z)
    {
        if (z >= 1)
        {
            return ScaledExponentialIntegralFraction(s, z, 10_000, 1e-16);
        }

        int n = (int)Math.Round(s);
        double epsilon = s - n;
        bool paired = n >= 1 && Math.Abs(epsilon) <= 0.05;
        double lnZ = Math.Log(z);
        double sum = 0, power = 1; // (−z)ᵏ/k!
        for (int k = 0; k < 200; k++)
        {
            if (!(paired && k == n - 1))
            {
                sum += power / (1 - s + k);
            }

            if (k > 0 && Math.Abs(power) <= 1e-18 * Math.Abs(sum) && k >= n)
            {
                break;
            }

            power *= -z / (k + 1);
        }

        double singular;
        if (paired)
        {
            double pairPower = 1;
            for (int j = 1; j < n; j++)
            {
                pairPower *= -z / j;
            }

            // g/ε = ln z + ln Γ(1−ε)/ε − Σ log1p(ε/j)/ε, each part free of cancellation.
            double ratio = lnZ + LogGammaOneMinusOverEpsilon(epsilon);
            for (int j = 1; j < n; j++)
            {
                ratio -= epsilon == 0 ? 1.0 / j : Log1P(epsilon / j) / epsilon;
            }

            double g = epsilon * ratio;
            double expm1OverEpsilon = g == 0 ? ratio : ratio * ExpM1(g) / g;
            singular = -pairPower * expm1OverEpsilon;
        }
        else
        {
            singular = SpecialFunctions.Gamma(1 - s) * Math.Exp((s - 1) * lnZ);
        }

        return Math.Exp(z) * (singular - sum);
    }

    /// <summary>ln Γ(1−ε)/ε = γ + Σₖ₌₂ ζ(k) εᵏ⁻¹/k for |ε| ≤ 0.05 (DLMF 5.7.3), γ at ε = 0.</summary>
    private static double LogGammaOneMinusOverEpsilon(double epsilon)
    {
        ReadOnlySpan<double> zeta =
        [
            1.6449340668482264, 1.2020569031595943, 1.0823232337111382, 1.0369277551433699, 1.0173430619844491,
            1.0083492773819228, 1.0040773561979443, 1.0020083928260822, 1.0009945751278181, 1.0004941886041195,
            1.0002460865533080, 1.0001227133475785, 1.0000612481350587,
        ];
        double total = 0, power = epsilon;
        for (int k = 2; k < 2 + zeta.Length; k++)
        {
            total += zeta[k - 2] * power / k;
            power *= epsilon;
        }

        return 0.57721566490153286 + total;
    }
}
