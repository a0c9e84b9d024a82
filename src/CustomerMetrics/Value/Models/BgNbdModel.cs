using System.Globalization;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// A BG/NBD model (Fader, Hardie &amp; Lee 2005): purchase rate λ ~ Gamma(shape <see cref="R"/>, rate <see cref="Alpha"/>)
/// per unit of the data's time, dropout probability after each purchase p ~ Beta(<see cref="A"/>, <see cref="B"/>).
/// Produced by <c>BgNbd.Fit</c>, or constructed from known parameters for prediction.
/// </summary>
/// <remarks>
/// Every time (t, tₓ, T) is in the time unit of the data the model was fitted on; predictions are in purchases
/// (expected counts) or probabilities (fractions). <c>default(BgNbdModel)</c> has no parameters: its predictions throw
/// <see cref="InvalidOperationException"/>. Finite-horizon predictions are finite for every a &gt; 0; the lifetime
/// expectation (t = ∞) exists only for a &gt; 1 and throws otherwise. Every prediction takes the horizon t first.
/// Every way to make a model (constructor, <c>with</c>, JSON) is validated: parameters finite and &gt; 0 (or all 0, the
/// empty <c>default</c>), a finite or NaN log-likelihood, customers ≥ 0, standard errors NaN or ≥ 0.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly partial record struct BgNbdModel
{
    private readonly double _logLikelihood = double.NaN;
    private readonly double _customers;
    private readonly ModelFitInfo _fitInfo;
    private readonly double _rStandardError = double.NaN;
    private readonly double _alphaStandardError = double.NaN;
    private readonly double _aStandardError = double.NaN;
    private readonly double _bStandardError = double.NaN;

    /// <summary>Creates a model from known parameters (all finite and &gt; 0; all four 0 gives the empty <c>default</c> model).</summary>
    /// <param name="r">Shape of the gamma distribution of purchase rates.</param>
    /// <param name="alpha">Rate (inverse scale) of that gamma distribution, in the data's time unit (E[λ] = r/α purchases per unit).</param>
    /// <param name="a">First shape of the beta distribution of dropout probabilities.</param>
    /// <param name="b">Second shape of that beta distribution (E[p] = a/(a + b)).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and &gt; 0 (and not all four are 0).</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public BgNbdModel(double r, double alpha, double a, double b)
    {
        if (r != 0 || alpha != 0 || a != 0 || b != 0)
        {
            Guard.PositiveFinite(r);
            Guard.PositiveFinite(alpha);
            Guard.PositiveFinite(a);
            Guard.PositiveFinite(b);
        }

        R = r;
        Alpha = alpha;
        A = a;
        B = b;
    }

    /// <summary>Shape r of the gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate α of the gamma distribution of purchase rates (per unit of the data's time).</summary>
    public double Alpha { get; }

    /// <summary>Shape a of the beta distribution of dropout probabilities.</summary>
    public double A { get; }

    /// <summary>Shape b of the beta distribution of dropout probabilities.</summary>
    public double B { get; }

    /// <summary>Total (weighted) log-likelihood at the fitted parameters, natural log; NaN for a model not produced by a fit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to ±∞.</exception>
    public double LogLikelihood { get => _logLikelihood; init { Guard.NaNOrFinite(value, nameof(LogLikelihood)); _logLikelihood = value; } }

    /// <summary>Customers the fit used (Σ weights); 0 for a model not produced by a fit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double Customers { get => _customers; init { Guard.NonNegativeFinite(value, nameof(Customers)); _customers = value; } }

    /// <summary>How the optimiser went; <see cref="ModelFitMethod.None"/> for a constructed model.</summary>
    public ModelFitInfo FitInfo { get => _fitInfo; init => _fitInfo = value; }

    /// <summary>Standard error of <see cref="R"/> from the observed information; NaN when unavailable (not fitted, or the Hessian is not positive definite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double RStandardError { get => _rStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(RStandardError)); _rStandardError = value; } }

    /// <summary>Standard error of <see cref="Alpha"/>; NaN when unavailable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double AlphaStandardError { get => _alphaStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(AlphaStandardError)); _alphaStandardError = value; } }

    /// <summary>Standard error of <see cref="A"/>; NaN when unavailable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double AStandardError { get => _aStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(AStandardError)); _aStandardError = value; } }

    /// <summary>Standard error of <see cref="B"/>; NaN when unavailable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double BStandardError { get => _bStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(BStandardError)); _bStandardError = value; } }

    /// <summary>
    /// P(alive | x, tₓ, T) = 1 / (1 + δₓ₍&gt;0₎ · a/(b + x − 1) · ((α + T)/(α + tₓ))^(r + x)) (Fader, Hardie &amp; Lee 2005, eq. 11).
    /// </summary>
    /// <param name="frequency">x, repeat purchases (whole number ≥ 0).</param>
    /// <param name="recency">tₓ, 0 ≤ tₓ ≤ T.</param>
    /// <param name="age">T ≥ 0 (T = 0 needs x = 0).</param>
    /// <returns>A fraction in (0, 1]; exactly 1 when x = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        EnsureParameters();
        BgNbdLikelihood.ValidateRow([frequency], [recency], [age], 0);
        return Alive(frequency, recency, age);
    }

    /// <summary>P(alive) for many customers (see <see cref="ProbabilityAlive(double, double, double)"/>), written to <paramref name="destination"/>.</summary>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">tₓ per customer.</param>
    /// <param name="age">T per customer.</param>
    /// <param name="destination">Receives one fraction per customer; at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">The spans differ in length or destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid (named by index).</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        ProbabilityAlive(frequency, recency, age, destination, VectorPath.Auto);
    }

    internal void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination, VectorPath path)
    {
        EnsureParameters();
        CheckBatch(frequency, recency, age, destination);
        BgNbdPredictionKernel.Batch(this, double.NaN, frequency, recency, age, destination[..frequency.Length], path);
    }

    /// <summary>
    /// E[X(t)]: expected purchases of a newly acquired customer in a period of length t (Fader, Hardie &amp; Lee 2005, eq. 9),
    /// (a+b−1)/(a−1) [1 − (α/(α+t))ʳ ₂F₁(r, b; a+b−1; t/(α+t))], evaluated through Euler's transformation in a form
    /// that stays accurate at a = 1.
    /// </summary>
    /// <param name="t">Length of the period, ≥ 0, in the data's time unit; <see cref="double.PositiveInfinity"/> for the lifetime total.</param>
    /// <returns>Expected purchases (≥ 0); 0 when t = 0; (a+b−1)/(a−1) when t = ∞.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative or NaN.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or t = ∞ with a ≤ 1 (the lifetime expectation is infinite).</exception>
    public double ExpectedPurchases(double t)
    {
        EnsureParameters();
        CheckHorizon(t);
        return Expected(R, Alpha, A, B, t);
    }

    /// <summary>
    /// E[Y(t) | x, tₓ, T]: expected purchases in the next t of a customer with history (x, tₓ, T) (Fader, Hardie &amp; Lee 2005, eq. 10).
    /// </summary>
    /// <param name="t">Length of the future period, ≥ 0, in the data's time unit; ∞ for the expected residual lifetime purchases (needs a &gt; 1).</param>
    /// <param name="frequency">x, repeat purchases (whole number ≥ 0).</param>
    /// <param name="recency">tₓ, 0 ≤ tₓ ≤ T.</param>
    /// <param name="age">T ≥ 0 (T = 0 needs x = 0).</param>
    /// <returns>Expected purchases (≥ 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative or NaN, or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or t = ∞ with a ≤ 1.</exception>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        EnsureParameters();
        CheckHorizon(t);
        BgNbdLikelihood.ValidateRow([frequency], [recency], [age], 0);
        return Conditional(t, frequency, recency, age);
    }

    /// <summary>E[Y(t) | x, tₓ, T] for many customers, written to <paramref name="destination"/> (see the scalar overload).</summary>
    /// <param name="t">Length of the future period, ≥ 0, in the data's time unit.</param>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">tₓ per customer.</param>
    /// <param name="age">T per customer.</param>
    /// <param name="destination">Receives expected purchases per customer; at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">The spans differ in length or destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">t or a row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or t = ∞ with a ≤ 1.</exception>
    public void ConditionalExpectedPurchases(double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        EnsureParameters();
        CheckHorizon(t);
        CheckBatch(frequency, recency, age, destination);
        BgNbdPredictionKernel.Batch(this, t, frequency, recency, age, destination[..frequency.Length], VectorPath.Auto, series: true);
    }

    /// <summary>
    /// P(X(t) = n): probability that a newly acquired customer makes exactly n purchases in a period of length t
    /// (Fader, Hardie &amp; Lee 2005, eq. 8; the negative-binomial tail is the regularized incomplete beta I_z(n, r)).
    /// The horizon comes first, as in every prediction (and as <c>lifetimes</c>' <c>probability_of_n_purchases_up_to_time(t, n)</c>).
    /// </summary>
    /// <param name="t">Length of the period, finite and ≥ 0, in the data's time unit.</param>
    /// <param name="n">Number of purchases, ≥ 0.</param>
    /// <returns>A probability in [0, 1]; 1 for n = 0 and t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 0, or t negative, NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityOfPurchases(double t, int n)
    {
        EnsureParameters();
        Guard.NonNegative(n);
        Guard.NonNegativeFinite(t);
        return Purchases(R, Alpha, A, B, t, n);
    }

    /// <summary>Formats the parameters, log-likelihood and fit status, culture-invariant.</summary>
    /// <returns>For example <c>BG/NBD r = 0.2426, α = 4.4136, a = 0.7929, b = 2.4259; LL = -9582.43 over 2357 customers (Bfgs, 24 iterations, converged …)</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BG/NBD r = {R:0.####}, α = {Alpha:0.####}, a = {A:0.####}, b = {B:0.####}; LL = {LogLikelihood:0.##} over {Customers:0.##} customers ({FitInfo})");

    internal double Alive(double x, double tx, double age)
    {
        if (x == 0)
        {
            return 1;
        }

        double u = Math.Log(A / (B + (x - 1))) + ((R + x) * (Math.Log(Alpha + age) - Math.Log(Alpha + tx)));
        return ModelMath.LogisticOfNegative(u);
    }

    internal double Conditional(double t, double x, double tx, double age) =>
        t == 0 ? 0 : Expected(R + x, Alpha + age, A, B + x, t) * Alive(x, tx, age);

    /// <summary>
    /// E[X(t)] for BG/NBD parameters (r, α, a, b) = (a+b−1)/(a−1) [1 − (1−z)ʳ ₂F₁(r, b; c; z)], c = a+b−1, z = t/(α+t).
    /// Euler: (1−z)ʳ ₂F₁(r, b; c; z) = (1−z)^(a−1) ₂F₁(c−r, a−1; c; z); splitting off the k = 0 term and (a−1) from
    /// (a−1)ₖ gives E = −c·expm1((a−1)L)/(a−1) − (1−z)^(a−1) G, L = ln(1−z), G = Σₖ≥₁ (c−r)ₖ (a)ₖ₋₁ / ((c+1)ₖ₋₁ k!) zᵏ,
    /// which has no singularity at a = 1 or c = 0.
    /// </summary>
    internal static double Expected(double r, double alpha, double a, double b, double t)
    {
        if (t == 0)
        {
            return 0;
        }

        double c = (a - 1) + b;
        if (double.IsPositiveInfinity(t))
        {
            if (!(a > 1))
            {
                ThrowHelper.InvalidOperation(string.Create(CultureInfo.InvariantCulture,
                    $"The lifetime expected purchases of the BG/NBD are finite only when a > 1 (the dropout distribution must keep customers from living forever); this model has a = {a:R}. Use a finite horizon t."));
            }

            return c / (a - 1);
        }

        double z = t / (alpha + t);
        double lnOneMinusZ = -ModelMath.Log1P(t / alpha);
        double am1 = a - 1;
        double p = c - r;
        if (z > 0.9)
        {
            // Long horizon: the series converges slowly and 1 − z loses its digits, so w = α/(α + t) goes to ₂F₁ exactly.
            // Near a = 1 the prefactor 1/(a − 1) cancels: interpolate in a through a = 1 ± h, 1 ± 2h (h = 10⁻⁴; each node
            // loses about ε/h, the cubic's error is about (h ln(1/w))⁴).
            double w = alpha / (alpha + t);
            if (Math.Abs(am1) > 2e-4)
            {
                return LongHorizon(r, a, b, w, lnOneMinusZ);
            }

            const double h = 1e-4;
            double u = am1 / h, sum = 0;
            foreach (int j in (ReadOnlySpan<int>)[-2, -1, 1, 2])
            {
                double weight = 1;
                foreach (int k in (ReadOnlySpan<int>)[-2, -1, 1, 2])
                {
                    if (k != j)
                    {
                        weight *= (u - k) / (j - k);
                    }
                }

                sum += weight * LongHorizon(r, 1 + (j * h), b, w, lnOneMinusZ);
            }

            return sum;
        }

        double head = am1 == 0 ? -lnOneMinusZ : -ModelMath.ExpM1(am1 * lnOneMinusZ) / am1;
        double term = p * z, sum2 = term;
        for (int k = 1; term != 0 && k < 10_000_000; k++)
        {
            term *= (p + k) * (a + k - 1) / ((c + k) * (k + 1)) * z;
            sum2 += term;
            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum2))
            {
                break;
            }
        }

        return (c * head) - (Math.Exp(am1 * lnOneMinusZ) * sum2);
    }

    /// <summary>
    /// E[X(t)] = c/(a−1) [1 − w^(a−1) ₂F₁(c − r, a − 1; c; 1 − w)], w = α/(α+t) (Euler's transformation of eq. 9), with
    /// ₂F₁ evaluated from w itself so that t → ∞ tends to c/(a − 1) for a &gt; 1 instead of cancelling. c = a + b − 1 = 0
    /// (a pole of the transformed ₂F₁ whose product with c is finite) is moved to 10⁻¹², a relative change of that size.
    /// </summary>
    private static double LongHorizon(double r, double a, double b, double w, double lnW)
    {
        double c = (a - 1) + b;
        if (Math.Abs(c) < 1e-12)
        {
            c = 1e-12;
        }

        double am1 = a - 1;
        if (am1 > 0 && Math.Min(am1, r) * lnW < -50)
        {
            // The correction is of order w^min(a − 1, r) < 2e-22 times gamma ratios: the limit itself (the factors would overflow).
            return c / am1;
        }

        return c / am1 * (1 - (Math.Exp(am1 * lnW) * Hypergeometric.GaussComplement(c - r, am1, c, w)));
    }

    private void EnsureParameters()
    {
        if (!(R > 0))
        {
            ThrowHelper.InvalidOperation("This BgNbdModel has no parameters (it is default); fit one with BgNbd.Fit or construct it from r, α, a, b.");
        }
    }

    private static void CheckHorizon(double t)
    {
        if (!(t >= 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(t), t, "numbers ≥ 0 in the data's time unit (∞ for the lifetime)");
        }
    }

    private static void CheckBatch(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        Guard.SameLength(frequency.Length, recency.Length);
        Guard.SameLength(frequency.Length, age.Length);
        Guard.DestinationLength(destination.Length, frequency.Length);
    }
}
