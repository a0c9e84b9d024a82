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

    /// <summary>1/(1 + eᵘ) without overflow.</summary>
    public static double LogisticOfNegative(double u) => u > 0 ? Math.Exp(-u) / (1 + Math.Exp(-u)) : 1 / (1 + Math.Exp(u));
}
