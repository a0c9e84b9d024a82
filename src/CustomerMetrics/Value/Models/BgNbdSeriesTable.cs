using System.Runtime.CompilerServices;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Short polynomials of <see cref="BgNbdModel.Expected"/> at the posterior parameters (r + x, α + T, a, b + x), per
/// frequency x and per bin of z = t/(α + T + t), for batch predictions with arbitrary (continuous) T. There
/// E = c·head(z) − (1 − z)^(a−1)·G(z), head = (1 − (1 − z)^(a−1))/(a − 1), G(z) = Σₖ≥₁ (c−r)ₖ (a)ₖ₋₁ / ((c+1)ₖ₋₁ k!) zᵏ
/// (c = a + b + x − 1): a function of x and z alone (T and t only move z). So per (x, bin) the Taylor polynomial
/// Σⱼ eⱼ (z − z₀)ʲ is built once per batch part (lazily, for the bins in use) and each row is a Horner chain of about ten
/// fused multiply-adds instead of a logarithm, two exponentials and a series with a division per term. Bin 0 ([0, 1/64))
/// is expanded about z₀ = 0 (relative accuracy as z → 0); bin i ≥ 1, [i/64, (i+1)/64), about its centre, |z − z₀| ≤ 1/128
/// against a radius of convergence 1 − z₀ ≥ 0.09 (z ≤ 0.9). G's coefficients come from its power series at 0, from the
/// differential equation it satisfies, z(1 − z)G″ + [c − (c − r + a)z]G′ − (c − r)(a − 1)G = (c − r)c (that of
/// ₂F₁(c − r, a − 1; c; z) = 1 + (a − 1)G/c, DLMF 15.10.1) started from G(z₀) and G′(z₀), or, for large c where that
/// recurrence is unstable, from the power series re-expanded about z₀. Polynomials are cut where the terms fall below
/// 2⁻⁵⁶ of their absolute sum at the bin's edge; one whose last term is still above 2⁻⁵³ of it marks the (x, bin) pair
/// for the per-row series. Rows with x ≥ <see cref="FrequencyLimit"/> or z &gt; <see cref="MaxZ"/> (the per-row
/// long-horizon form) are not served. One table per thread, emptied for each batch part (its arrays kept, so repeated
/// batches allocate nothing once grown). Each polynomial depends only on (r, a, b, x, bin), so a row's value is the same
/// whatever part or thread computes it.
/// </summary>
internal sealed class BgNbdSeriesTable
{
    /// <summary>Frequencies below this are served.</summary>
    internal const int FrequencyLimit = 256;

    /// <summary>Bins of z per unit.</summary>
    internal const int Bins = 64;

    /// <summary>Largest z served (above it <see cref="BgNbdModel.Expected"/> switches to its long-horizon form).</summary>
    internal const double MaxZ = 0.9;

    /// <summary>Most Taylor coefficients per (x, bin).</summary>
    internal const int MaxTerms = 24;

    /// <summary>Doubles per polynomial: <see cref="MaxTerms"/> coefficients (f₀ first, zeros after the last used), then z₀.</summary>
    internal const int Stride = MaxTerms + 1;

    private const int Unbuilt = -1;
    private const int Unserved = -2;

    [ThreadStatic]
    private static BgNbdSeriesTable? _threadTable;

    private readonly int[] _index = new int[FrequencyLimit * Bins];
    private double[] _coefficients = new double[Stride * 64];
    private int _count;
    private int _terms;
    private double _r, _a, _b;

    private BgNbdSeriesTable()
    {
        _index.AsSpan().Fill(Unbuilt);
    }

    /// <summary>Coefficients of the longest polynomial built so far (every polynomial is padded with zeros to <see cref="MaxTerms"/>).</summary>
    public int Terms => _terms;

    /// <summary>Polynomials built.</summary>
    public int Count => _count;

    /// <summary>All polynomials, <see cref="Stride"/> doubles each (read after <see cref="Entry"/>: building may move them).</summary>
    public double[] Coefficients => _coefficients;

    /// <summary>This thread's table for the model (r, a, b), emptied (one batch part at a time per thread).</summary>
    public static BgNbdSeriesTable RentForThread(double r, double a, double b)
    {
        BgNbdSeriesTable table = _threadTable ??= new BgNbdSeriesTable();
        table.Reset(r, a, b);
        return table;
    }

    /// <summary>Empties the table and sets the model's r, a and b (α and t enter only through z).</summary>
    public void Reset(double r, double a, double b)
    {
        if (_count > 0 || _terms > 0)
        {
            _index.AsSpan().Fill(Unbuilt);
            _count = 0;
            _terms = 0;
        }

        (_r, _a, _b) = (r, a, b);
    }

    /// <summary>The expansion point of <paramref name="bin"/>: 0 for bin 0, else the bin's centre (exact in binary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Centre(int bin) => bin == 0 ? 0 : (bin + 0.5) * (1.0 / Bins);

    /// <summary>
    /// Offset in <see cref="Coefficients"/> of the polynomial of (x, bin), built on first use, or −1 when the pair is not
    /// served (the caller uses the per-row series). 0 ≤ x &lt; <see cref="FrequencyLimit"/>, 0 ≤ bin ≤ <see cref="MaxZ"/>·<see cref="Bins"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Entry(int x, int bin)
    {
        int entry = _index[(x * Bins) + bin];
        return entry >= 0 ? entry : entry == Unbuilt ? Build(x, bin) : -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Build(int x, int bin)
    {
        Span<double> e = stackalloc double[MaxTerms];
        int terms = Trim(e, Expected(_r + x, _a, _b + x, bin, e));
        if (terms < 0)
        {
            _index[(x * Bins) + bin] = Unserved;
            return -1;
        }

        int offset = _count * Stride;
        if (offset + Stride > _coefficients.Length)
        {
            Array.Resize(ref _coefficients, _coefficients.Length * 2);
        }

        e.CopyTo(_coefficients.AsSpan(offset, MaxTerms));
        _coefficients[offset + MaxTerms] = Centre(bin);
        _count++;
        _terms = Math.Max(_terms, terms);
        _index[(x * Bins) + bin] = offset;
        return offset;
    }

    /// <summary>
    /// Fills <paramref name="e"/> with the Taylor coefficients about z₀ = <see cref="Centre"/>(bin) of
    /// E(z) = c·head(z) − (1 − z)^(a−1)·G(z), head(z) = (1 − (1 − z)^(a−1))/(a − 1) (−ln(1 − z) at a = 1), which is
    /// <see cref="BgNbdModel.Expected"/> at (r, α, a, b) as a function of z = t/(α + t) alone; returns the largest |z − z₀|
    /// over the bin. G's coefficients: the power series (bin 0), the recurrence of <see cref="Expand"/> while it is
    /// stable (its other solution, about z^(1−c) near 0, grows like binom(c + j, j)(h/z₀)ʲ, in all about e^(c·h/z₀) times
    /// the rounding: c·h/z₀ ≤ 4, i.e. c ≤ 4(2·bin + 1)), else the power series re-expanded about z₀ (large c, where it
    /// converges in few terms). (1 − z)^(a−1) = w^(a−1) Σⱼ binom(a − 1, j)(−h/w)ʲ, w = 1 − z₀.
    /// </summary>
    internal static double Expected(double r, double a, double b, int bin, Span<double> e)
    {
        int m = e.Length;
        Span<double> g = stackalloc double[m], power = stackalloc double[m], head = stackalloc double[m];
        double c = (a - 1) + b, am1 = a - 1;
        double h = bin == 0 || c <= 4 * ((2 * bin) + 1) ? Expand(r, a, b, bin, g, aboutZero: bin == 0) : Reexpand(r, a, b, bin, g);

        double z0 = Centre(bin), w = 1 - z0, lnW = Math.Log(w);
        power[0] = Math.Exp(am1 * lnW);
        head[0] = am1 == 0 ? -lnW : -ModelMath.ExpM1(am1 * lnW) / am1;

        // head_j = −w^(a−1) (−1/w)ʲ Πᵢ₌₁..ⱼ₋₁ (a − 1 − i)/j! (= −power_j/(a − 1) without the pole), power_j = (a − 1)·(−head_j).
        double q = power[0];
        for (int j = 1; j < m; j++)
        {
            q *= (j == 1 ? 1 : (am1 - (j - 1))) / (j * -w);
            head[j] = -q;
            power[j] = am1 * q;
        }

        for (int j = 0; j < m; j++)
        {
            double product = 0;
            for (int i = 0; i <= j; i++)
            {
                product += power[i] * g[j - i];
            }

            e[j] = (c * head[j]) - product;
        }

        return h;
    }

    /// <summary>G's Taylor coefficients about <see cref="Centre"/>(bin) from its power series: f_j = Σₖ Cₖ binom(k, j) z₀^(k−j).</summary>
    private static double Reexpand(double r, double a, double b, int bin, Span<double> f)
    {
        int m = f.Length;
        double c = (a - 1) + b, p = c - r, z0 = Centre(bin);
        Span<double> binomial = stackalloc double[m];
        f.Clear();
        binomial[0] = 1;
        binomial[1] = 1;
        double term = p * z0;                                                  // Cₖ z₀ᵏ, k = 1
        for (int k = 1; k < 1_000_000; k++)
        {
            bool small = true;
            for (int j = 0; j < m; j++)
            {
                double add = term * binomial[j];
                f[j] += add;
                small &= Math.Abs(add) <= 1e-18 * Math.Abs(f[j]);
            }

            if (term == 0 || (small && k > m))
            {
                break;
            }

            term *= (p + k) * (a + k - 1) / ((c + k) * (k + 1)) * z0;
            for (int j = Math.Min(k + 1, m - 1); j >= 1; j--)
            {
                binomial[j] += binomial[j - 1];                              // binom(k + 1, j)
            }
        }

        double scale = 1;
        for (int j = 1; j < m; j++)
        {
            scale /= z0;
            f[j] *= scale;
        }

        return 0.5 / Bins;
    }

    /// <summary>
    /// Fills <paramref name="f"/> with the Taylor coefficients of G about 0 (<paramref name="aboutZero"/>) or about
    /// <see cref="Centre"/>(bin) (bin ≥ 1) for the parameters of <see cref="BgNbdModel.Expected"/> (r, a, b) (already the
    /// posterior r + x and b + x); returns the largest |z − z₀| over the bin.
    /// </summary>
    internal static double Expand(double r, double a, double b, int bin, Span<double> f, bool aboutZero)
    {
        // The same c and c − r as the per-row series, from the same operations.
        double c = (a - 1) + b;
        double p = c - r;
        f.Clear();
        if (aboutZero)
        {
            // Power series: fₖ = Cₖ, C₁ = c − r, Cₖ₊₁ = Cₖ (c − r + k)(a + k − 1)/((c + k)(k + 1)).
            double term = p;
            f[1] = term;
            for (int k = 1; k + 1 < f.Length; k++)
            {
                term *= (p + k) * (a + k - 1) / ((c + k) * (k + 1));
                f[k + 1] = term;
            }

            return (bin + 1.0) / Bins;
        }

        double z0 = Centre(bin);
        double g = p * z0, dg = p, power = p * z0;
        for (int k = 1; power != 0 && k < 1_000_000; k++)
        {
            power *= (p + k) * (a + k - 1) / ((c + k) * (k + 1)) * z0;     // Cₖ₊₁ z₀ᵏ⁺¹
            double derivative = power * (k + 1) / z0;                        // (k + 1) Cₖ₊₁ z₀ᵏ
            g += power;
            dg += derivative;
            if (Math.Abs(power) <= 1e-18 * Math.Abs(g) && Math.Abs(derivative) <= 1e-18 * Math.Abs(dg))
            {
                break;
            }
        }

        double s = z0 * (1 - z0), q = 1 - (2 * z0), m = c - ((p + a) * z0), n = p + a, pa = p * (a - 1);
        f[0] = g;
        f[1] = dg;
        f[2] = ((p * c) - (m * dg) + (pa * g)) / (2 * s);
        for (int j = 1; j + 2 < f.Length; j++)
        {
            f[j + 2] = ((((j * (j - 1.0)) + (n * j) + pa) * f[j]) - ((j + 1) * ((q * j) + m) * f[j + 1])) / (s * (j + 2) * (j + 1));
        }

        return 0.5 / Bins;
    }

    /// <summary>
    /// Zeroes the coefficients whose terms at |z − z₀| = <paramref name="h"/> are below 2⁻⁶² of the polynomial's absolute
    /// sum there; returns how many remain, or −1 when the last one is still above 10⁻¹⁸ of it (not converged) or a
    /// coefficient is not finite.
    /// </summary>
    internal static int Trim(Span<double> f, double h)
    {
        double scale = 0, power = 1;
        for (int j = 0; j < f.Length; j++)
        {
            if (!double.IsFinite(f[j]))
            {
                return -1;
            }

            scale += Math.Abs(f[j]) * power;
            power *= h;
        }

        power = Math.Pow(h, f.Length - 1);
        if (Math.Abs(f[^1]) * power > (1.0 / (1L << 53)) * scale)
        {
            return -1;
        }

        int terms = f.Length;
        while (terms > 1 && Math.Abs(f[terms - 1]) * power <= (1.0 / (1L << 56)) * scale)
        {
            f[terms - 1] = 0;
            terms--;
            power /= h;
        }

        return terms;
    }
}
