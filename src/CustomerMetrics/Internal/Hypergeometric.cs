using MathNet.Numerics;

namespace CustomerMetrics.Internal;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments, evaluated stably on the whole real line
/// z ≤ 1 (DLMF §15.2, §15.8; Abramowitz &amp; Stegun 15.1.1, 15.3.3–15.3.11). It appears in the BG/NBD
/// expectations (Fader, Hardie &amp; Lee 2005) and in the discounted expected residual lifetime of the
/// shifted-beta-geometric model (Fader &amp; Hardie 2010).
/// </summary>
/// <remarks>
/// <para>Method: the power series for 0 ≤ z ≤ 0.9; Pfaff's transformation z → z/(z − 1) for z &lt; 0; the
/// 1 − z connection formula (A&amp;S 15.3.6) for z &gt; 0.9, with the logarithmic limit formulas (A&amp;S 15.3.10–15.3.11,
/// after Euler's transformation for c − a − b a negative integer) when c − a − b is an integer. When c − a − b lies
/// within 10⁻³ of an integer without being one, the connection formula would cancel, and the series is summed
/// directly (up to 10⁶ terms). Gauss's theorem gives z = 1 when c − a − b &gt; 0.</para>
/// <para>Accuracy: about 1e-14 relative for moderate parameters (|a|, |b|, |c| up to a few hundred).</para>
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
internal static class Hypergeometric
{
    private const double SeriesLimit = 0.9;
    private const double NearIntegerTolerance = 1e-3;
    private const int MaxTerms = 1_000_000;

    /// <summary>₂F₁(a, b; c; z), dimensionless.</summary>
    /// <param name="a">First numerator parameter, finite.</param>
    /// <param name="b">Second numerator parameter, finite.</param>
    /// <param name="c">Denominator parameter, finite and not 0, −1, −2, … (unless the series terminates first).</param>
    /// <param name="z">Argument, finite and ≤ 1.</param>
    /// <returns>
    /// The function value; 1 when z = 0 or a = 0 or b = 0; at z = 1 the Gauss sum Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) when
    /// c − a − b &gt; 0 and <see cref="double.PositiveInfinity"/> when c − a − b ≤ 0 (the series diverges).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite, z &gt; 1, or c is a pole.</exception>
    /// <exception cref="InvalidOperationException">The series did not converge within 10⁶ terms (z within about
    /// 10⁻⁵ of 1 with c − a − b within 10⁻³ of an integer).</exception>
    public static double Gauss(double a, double b, double c, double z)
    {
        Guard.Finite(a);
        Guard.Finite(b);
        Guard.Finite(c);
        if (!(z <= 1) || double.IsNegativeInfinity(z))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(z), z, "finite numbers ≤ 1");
        }

        if (z == 0 || a == 0 || b == 0)
        {
            return 1;
        }

        bool terminates = IsNonPositiveInteger(a) || IsNonPositiveInteger(b);
        if (IsNonPositiveInteger(c))
        {
            // Defined only when the series stops before the pole: a or b = −n with n < −c.
            double stop = Math.Max(IsNonPositiveInteger(a) ? a : double.NegativeInfinity, IsNonPositiveInteger(b) ? b : double.NegativeInfinity);
            if (!(stop > c))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(c), c, "numbers other than 0, −1, −2, … (poles of ₂F₁)");
            }

            return Series(a, b, c, z);
        }

        if (terminates)
        {
            return Series(a, b, c, z);
        }

        if (z < 0)
        {
            // Pfaff: F(a,b;c;z) = (1 − z)^(−a) F(a, c − b; c; z/(z − 1)), argument in (0, 1).
            return Math.Pow(1 - z, -a) * Gauss(a, c - b, c, z / (z - 1));
        }

        if (z <= SeriesLimit)
        {
            return Series(a, b, c, z);
        }

        double s = c - a - b;
        if (z == 1)
        {
            return s > 0 ? GammaRatio(c, s, c - a, c - b) : double.PositiveInfinity;
        }

        double m = Math.Round(s);
        double w = 1 - z;
        if (s == m)
        {
            return m >= 0
                ? IntegerConnection(a, b, (int)m, w)
                : Math.Pow(w, s) * IntegerConnection(c - a, c - b, (int)-m, w); // Euler, then c' − a' − b' = −m.
        }

        if (Math.Abs(s - m) < NearIntegerTolerance)
        {
            return Series(a, b, c, z);
        }

        // A&S 15.3.6.
        double first = GammaRatio(c, s, c - a, c - b) * Series(a, b, 1 - s, w);
        double second = GammaRatio(c, -s, a, b) * Math.Pow(w, s) * Series(c - a, c - b, 1 + s, w);
        return first + second;
    }

    /// <summary>Σ (a)ₖ(b)ₖ/((c)ₖ k!) zᵏ summed until the terms stop mattering; |z| &lt; 1 or terminating.</summary>
    internal static double Series(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (int k = 0; k < MaxTerms; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            if (term == 0)
            {
                return sum;
            }

            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum) && k > 2
                && Math.Abs((a + k + 1) * (b + k + 1) / ((c + k + 1) * (k + 2)) * z) < 1)
            {
                return sum;
            }
        }

        ThrowHelper.InvalidOperation(FormattableString.Invariant(
            $"The hypergeometric series 2F1({a}, {b}; {c}; {z}) did not converge within {MaxTerms} terms."));
        return double.NaN;
    }

    /// <summary>
    /// A&amp;S 15.3.10 (m = 0) and 15.3.11 (m ≥ 1): F(a, b; a + b + m; 1 − w) for integer m ≥ 0, 0 &lt; w &lt; 1.
    /// </summary>
    private static double IntegerConnection(double a, double b, int m, double w)
    {
        double c = a + b + m;
        double finite = 0;
        if (m > 0)
        {
            // Γ(m)Γ(c)/(Γ(a+m)Γ(b+m)) Σ_{n<m} (a)_n (b)_n / (n! (1−m)_n) wⁿ
            double term = 1, sum = 1;
            for (int n = 0; n < m - 1; n++)
            {
                term *= (a + n) * (b + n) / ((n + 1) * (1 - m + n)) * w;
                sum += term;
            }

            finite = GammaRatio(m, c, a + m, b + m) * sum;
        }

        // − (−w)^m Γ(c)/(Γ(a)Γ(b)) Σ_n (a+m)_n (b+m)_n / (n! (n+m)!) wⁿ [ln w − ψ(n+1) − ψ(n+m+1) + ψ(a+n+m) + ψ(b+n+m)]
        double reciprocal = ReciprocalGammaProduct(a, b);
        if (reciprocal == 0)
        {
            return finite;
        }

        double lnW = Math.Log(w);
        double coefficient = Math.Exp(-SpecialFunctions.GammaLn(m + 1)); // 1/m!
        double psi1 = SpecialFunctions.DiGamma(1), psiM = SpecialFunctions.DiGamma(m + 1);
        double psiA = SpecialFunctions.DiGamma(a + m), psiB = SpecialFunctions.DiGamma(b + m);
        double total = 0;
        for (int n = 0; n < MaxTerms; n++)
        {
            double value = coefficient * (lnW - psi1 - psiM + psiA + psiB);
            total += value;
            if (n > 2 && Math.Abs(value) <= 1e-17 * Math.Abs(total) && Math.Abs(coefficient) <= 1e-17 * Math.Abs(total))
            {
                break;
            }

            coefficient *= (a + m + n) * (b + m + n) / ((n + 1) * (n + m + 1.0)) * w;
            psi1 += 1.0 / (n + 1);
            psiM += 1.0 / (n + m + 1);
            psiA += 1.0 / (a + n + m);
            psiB += 1.0 / (b + n + m);
        }

        double sign = (m & 1) == 0 ? 1 : -1;
        double logMagnitude = LogAbsGamma(c, out double signC) + (m * lnW);
        return finite - (sign * signC * reciprocal * Math.Exp(logMagnitude) * total);
    }

    /// <summary>Γ(p)Γ(q)/(Γ(r)Γ(s)) through log-gammas with signs; 0 when r or s is a pole.</summary>
    internal static double GammaRatio(double p, double q, double r, double s)
    {
        if (IsNonPositiveInteger(r) || IsNonPositiveInteger(s))
        {
            return 0;
        }

        double log = LogAbsGamma(p, out double sp) + LogAbsGamma(q, out double sq) - LogAbsGamma(r, out double sr) - LogAbsGamma(s, out double ss);
        return sp * sq * sr * ss * Math.Exp(log);
    }

    private static double ReciprocalGammaProduct(double a, double b)
    {
        if (IsNonPositiveInteger(a) || IsNonPositiveInteger(b))
        {
            return 0;
        }

        double log = -LogAbsGamma(a, out double sa) - LogAbsGamma(b, out double sb);
        return sa * sb * Math.Exp(log);
    }

    /// <summary>ln |Γ(x)| and the sign of Γ(x) for real x that is not a pole.</summary>
    internal static double LogAbsGamma(double x, out double sign)
    {
        if (x > 0)
        {
            sign = 1;
            return SpecialFunctions.GammaLn(x);
        }

        // Reflection: Γ(x) = π / (sin(πx) Γ(1 − x)).
        double sine = Math.Sin(Math.PI * (x - (2 * Math.Floor(x / 2))));
        sign = sine > 0 ? 1 : -1;
        return Math.Log(Math.PI) - Math.Log(Math.Abs(sine)) - SpecialFunctions.GammaLn(1 - x);
    }

    private static bool IsNonPositiveInteger(double value) => value <= 0 && value == Math.Floor(value);
}
