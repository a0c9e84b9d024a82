using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>The value and gradient of the bounded factor G of the Pareto/NBD likelihood at one time t.</summary>
internal struct ParetoNbdFactor
{
    public double G;
    public double Dr;
    public double DAlpha;
    public double Ds;
    public double DBeta;
}

/// <summary>
/// The Pareto/NBD log-likelihood of one customer in a form that stays finite for every (x, tₓ, T) and every α, β.
/// </summary>
/// <remarks>
/// <para>Fader, Hardie &amp; Lee (2005, <i>A note on deriving the Pareto/NBD model and related expressions</i>, eq. 22–24):
/// L = Γ(r+x) αʳ βˢ / Γ(r) · [A(T) + s I], A(t) = (α+t)^−(r+x) (β+t)^−s, I = ∫ from tₓ to T of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ.
/// The note writes s I = s/(r+s+x) [F(tₓ) − F(T)] with F(t) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^(r+s+x) for
/// α ≥ β (and the mirror form for α &lt; β), whose ₂F₁ overflows for large x (the <c>lifetimes</c> package fails near
/// x = 300). Euler's transformation ₂F₁(a, b; c; z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) with c = a + 1 gives
/// F(t) = A(t) G(t), where G is a bounded ₂F₁(1, ·; ·; z):</para>
/// <para>α ≥ β: G(t) = S(r+x; r+s+x+1; (α−β)/(α+t)) ∈ [1, (α+t)/(β+t)];
/// α &lt; β: G(t) = (α+t)/(β+t) · S(s+1; r+s+x+1; (β−α)/(β+t)) ∈ (0, 1], with S(b; c; z) = Σₖ (b)ₖ/(c)ₖ zᵏ.</para>
/// <para>Then ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln A(tₓ) + ln(q G(tₓ) + e^−D (1 − q G(T))), q = s/(r+s+x),
/// D = ln A(tₓ) − ln A(T) ≥ 0. The last bracket is e^−D + q (G(tₓ) − e^−D G(T)) with a non-negative second term, so
/// nothing overflows or cancels catastrophically. P(alive) = e^−D / bracket. The series S has positive terms bounded by zᵏ
/// and is summed directly up to z = 0.999 (α and β 1000-fold apart with t small; at most ~40,000 terms); beyond, through
/// the connection formulas of <see cref="Hypergeometric.Gauss"/> (accurate to ~1e-14 for parameters up to a few hundred).</para>
/// </remarks>
internal static class ParetoNbdLikelihood
{
    internal const double SeriesLimit = 0.999;

    /// <summary>
    /// The part of ln L that depends on (tₓ, T) given the x-only constants, with its gradient in (r, α, s, β) added to
    /// <paramref name="gradient"/> times <paramref name="weight"/>; <paramref name="atAge"/> is G(T) for this (x, T).
    /// G(tₓ) is evaluated here by the per-row series (the reference path).
    /// </summary>
    public static double Row(double r, double alpha, double s, double beta, double x, double tx, double age,
        in ParetoNbdFactor atAge, double weight, Span<double> gradient)
    {
        ParetoNbdFactor atRecency = tx == age ? atAge : Factor(r, alpha, s, beta, x, tx);
        return Row(r, alpha, s, beta, x, tx, age, Math.Log(alpha + age), Math.Log(beta + age), atRecency, atAge, weight, gradient);
    }

    /// <summary>
    /// <see cref="Row(double, double, double, double, double, double, double, in ParetoNbdFactor, double, Span{double})"/> with
    /// ln(α+T), ln(β+T) and both factors G(tₓ), G(T) given (shared by the rows of one (x, T) or computed from a coefficient table).
    /// </summary>
    public static double Row(double r, double alpha, double s, double beta, double x, double tx, double age, double lnAlphaT, double lnBetaT,
        in ParetoNbdFactor atRecency, in ParetoNbdFactor atAge, double weight, Span<double> gradient)
    {
        double rx = r + x;
        double a = rx + s;
        double q = s / a;
        double lnAlphaX = Math.Log(alpha + tx), lnBetaX = Math.Log(beta + tx);
        double lnA = (-rx * lnAlphaX) - (s * lnBetaX);
        double dAlphaLog = lnAlphaT - lnAlphaX, dBetaLog = lnBetaT - lnBetaX;
        double d = (rx * dAlphaLog) + (s * dBetaLog);
        double e = Math.Exp(-d);
        double g1 = atRecency.G, g2 = atAge.G;
        double rest = 1 - (q * g2);
        double bracket = (q * (g1 - (e * g2))) + e;
        if (tx == age)
        {
            bracket = 1;
        }

        double inv = weight / bracket;
        double dqR = -q / a, dqS = rx / (a * a);
        double diff = g1 - (e * g2);

        // ∂D per parameter.
        double dDr = dAlphaLog, dDs = dBetaLog;
        double dDAlpha = rx * ((1 / (alpha + age)) - (1 / (alpha + tx)));
        double dDBeta = s * ((1 / (beta + age)) - (1 / (beta + tx)));

        double bR = (dqR * diff) + (q * (atRecency.Dr - (e * atAge.Dr))) - (e * dDr * rest);
        double bAlpha = (q * (atRecency.DAlpha - (e * atAge.DAlpha))) - (e * dDAlpha * rest);
        double bS = (dqS * diff) + (q * (atRecency.Ds - (e * atAge.Ds))) - (e * dDs * rest);
        double bBeta = (q * (atRecency.DBeta - (e * atAge.DBeta))) - (e * dDBeta * rest);

        gradient[0] += (-weight * lnAlphaX) + (inv * bR);
        gradient[1] += (-weight * rx / (alpha + tx)) + (inv * bAlpha);
        gradient[2] += (-weight * lnBetaX) + (inv * bS);
        gradient[3] += (-weight * s / (beta + tx)) + (inv * bBeta);
        return weight * (lnA + Math.Log(bracket));
    }

    /// <summary>ln(A(tₓ)) + ln(bracket) and P(alive) without gradient (predictions).</summary>
    public static double RowValue(double r, double alpha, double s, double beta, double x, double tx, double age, out double probabilityAlive)
    {
        double rx = r + x;
        double q = s / (rx + s);
        double lnAlphaX = Math.Log(alpha + tx), lnBetaX = Math.Log(beta + tx);
        double d = (rx * (Math.Log(alpha + age) - lnAlphaX)) + (s * (Math.Log(beta + age) - lnBetaX));
        double e = Math.Exp(-d);
        double bracket = 1;
        if (tx != age)
        {
            double g1 = Value(r, alpha, s, beta, x, tx);
            double g2 = Value(r, alpha, s, beta, x, age);
            bracket = (q * (g1 - (e * g2))) + e;
        }

        probabilityAlive = Math.Min(1, e / bracket);
        return (-rx * lnAlphaX) - (s * lnBetaX) + Math.Log(bracket);
    }

    /// <summary>G(t) alone.</summary>
    public static double Value(double r, double alpha, double s, double beta, double x, double t) => Factor(r, alpha, s, beta, x, t).G;

    /// <summary>G(t) and its gradient in (r, α, s, β).</summary>
    public static ParetoNbdFactor Factor(double r, double alpha, double s, double beta, double x, double t)
    {
        SeriesArguments(r, alpha, s, beta, x, out double b, out double c);
        double z = SeriesArgument(alpha, beta, t);
        Series(b, c, z, out double sum, out double sb, out double sc, out double sz);
        return Map(alpha, beta, t, sum, sb, sc, sz);
    }

    /// <summary>The parameters b, c of the series S(b; c; z) in G for customers with x repeat purchases.</summary>
    public static void SeriesArguments(double r, double alpha, double s, double beta, double x, out double b, out double c)
    {
        c = r + s + x + 1;
        b = alpha >= beta ? r + x : s + 1;
    }

    /// <summary>The argument z of S in G(t): (α−β)/(α+t) when α ≥ β, (β−α)/(β+t) otherwise; in [0, 1).</summary>
    public static double SeriesArgument(double alpha, double beta, double t) =>
        alpha >= beta ? (alpha - beta) / (alpha + t) : (beta - alpha) / (beta + t);

    /// <summary>G(t) and its gradient in (r, α, s, β) from S and its derivatives ∂S/∂b, ∂S/∂c, ∂S/∂z at z(t).</summary>
    public static ParetoNbdFactor Map(double alpha, double beta, double t, double sum, double sb, double sc, double sz)
    {
        if (alpha >= beta)
        {
            double at = alpha + t;
            return new ParetoNbdFactor
            {
                G = sum,
                Dr = sb + sc,
                Ds = sc,
                DAlpha = sz * (beta + t) / (at * at),
                DBeta = -sz / at,
            };
        }
        else
        {
            double bt = beta + t;
            double p = (alpha + t) / bt;
            return new ParetoNbdFactor
            {
                G = p * sum,
                Dr = p * sc,
                Ds = p * (sb + sc),
                DAlpha = (sum - (p * sz)) / bt,
                DBeta = ((-p * sum) + (sz * p * (alpha + t) / bt)) / bt,
            };
        }
    }

    /// <summary>
    /// Fills <paramref name="table"/> with the coefficients of S(b; c; z) = Σₖ Cₖ zᵏ and of its derivatives, interleaved per
    /// power k as [Cₖ, Cₖ Σⱼ₍ⱼ₍ₖ₎ 1/(b+j), −Cₖ Σⱼ₍ⱼ₍ₖ₎ 1/(c+j), (k+1) Cₖ₊₁] (∂S/∂b, ∂S/∂c and ∂S/∂z share the powers zᵏ),
    /// up to the first power K whose term bound zₘₐₓᴷ Cₖ (K+2)(1 + H_b + H_c) is below 1e-17 (the stopping rule of
    /// <see cref="Series"/> at the largest argument zₘₐₓ, so every z ≤ zₘₐₓ is summed at least as far as the per-row series).
    /// </summary>
    /// <returns>K + 1 (the terms to evaluate), or 0 when more than <paramref name="table"/>.Length/4 terms would be needed.</returns>
    public static int Coefficients(double b, double c, double zMax, Span<double> table)
    {
        int capacity = table.Length / 4;
        double coefficient = 1, hb = 0, hc = 0, power = 1;
        for (int k = 0; k < capacity; k++)
        {
            double next = coefficient * (b + k) / (c + k);
            table[4 * k] = coefficient;
            table[(4 * k) + 1] = coefficient * hb;
            table[(4 * k) + 2] = -coefficient * hc;
            table[(4 * k) + 3] = (k + 1) * next;
            if (coefficient * power * (k + 2) * (1 + hb + hc) <= 1e-17)
            {
                return k + 1;
            }

            hb += 1 / (b + k);
            hc += 1 / (c + k);
            coefficient = next;
            power *= zMax;
        }

        return 0;
    }

    /// <summary>S, ∂S/∂b, ∂S/∂c, ∂S/∂z at z by Horner's rule on a table of <paramref name="terms"/> powers from <see cref="Coefficients"/>.</summary>
    public static void Horner(ReadOnlySpan<double> table, int terms, double z, out double sum, out double db, out double dc, out double dz)
    {
        if (Vector256.IsHardwareAccelerated && table.Length >= 4 * terms)
        {
            // The four chains in one vector: the same products and sums in the same order as the scalar loop (no fusing).
            ref double start = ref MemoryMarshal.GetReference(table);
            Vector256<double> v = Vector256<double>.Zero, zv = Vector256.Create(z);
            for (int k = (terms - 1) * 4; k >= 0; k -= 4)
            {
                v = (v * zv) + Vector256.LoadUnsafe(ref start, (nuint)k);
            }

            (sum, db, dc, dz) = (v.GetElement(0), v.GetElement(1), v.GetElement(2), v.GetElement(3));
            return;
        }

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = (terms - 1) * 4; k >= 0; k -= 4)
        {
            s0 = (s0 * z) + table[k];
            s1 = (s1 * z) + table[k + 1];
            s2 = (s2 * z) + table[k + 2];
            s3 = (s3 * z) + table[k + 3];
        }

        (sum, db, dc, dz) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// S(b; c; z) = ₂F₁(1, b; c; z) = Σₖ (b)ₖ/(c)ₖ zᵏ for 0 ≤ z &lt; 1, b &lt; c, with ∂S/∂b, ∂S/∂c, ∂S/∂z.
    /// </summary>
    internal static void Series(double b, double c, double z, out double sum, out double db, out double dc, out double dz)
    {
        if (z > SeriesLimit)
        {
            Connection(b, c, z, out sum, out db, out dc, out dz);
            return;
        }

        double term = 1, hb = 0, hc = 0;
        sum = 1;
        db = 0;
        dc = 0;
        dz = 0;
        for (int k = 0; k < 200_000; k++)
        {
            double ratio = (b + k) / (c + k);
            dz += (k + 1) * term * ratio;
            hb += 1 / (b + k);
            hc += 1 / (c + k);
            term *= ratio * z;
            sum += term;
            db += term * hb;
            dc -= term * hc;
            if (term * (k + 2) * (1 + hb + hc) <= 1e-17 * sum)
            {
                break;
            }
        }
    }

    /// <summary>z close to 1: the Gauss function through its connection formulas, derivatives in b and c by central differences.</summary>
    private static void Connection(double b, double c, double z, out double sum, out double db, out double dc, out double dz)
    {
        sum = Hypergeometric.Gauss(1, b, c, z);
        dz = b / c * Hypergeometric.Gauss(2, b + 1, c + 1, z);
        double hb = 1e-6 * Math.Max(1, b), hc = 1e-6 * Math.Max(1, c);
        db = (Hypergeometric.Gauss(1, b + hb, c, z) - Hypergeometric.Gauss(1, b - hb, c, z)) / (2 * hb);
        dc = (Hypergeometric.Gauss(1, b, c + hc, z) - Hypergeometric.Gauss(1, b, c - hc, z)) / (2 * hc);
    }
}
