using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models.Validation;
using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// A Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): purchase rate λ ~ Gamma(shape <see cref="R"/>, rate
/// <see cref="Alpha"/>), dropout rate μ ~ Gamma(shape <see cref="S"/>, rate <see cref="Beta"/>), both per unit of the
/// data's time. Produced by <see cref="ParetoNbd.Fit(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>,
/// or constructed from known parameters for prediction.
/// </summary>
/// <remarks>
/// Every time (t, tₓ, T) is in the time unit of the data the model was fitted on (<see cref="Unit"/> when the fit came
/// from an <see cref="RfmSummary"/>). <c>default(ParetoNbdModel)</c> has no parameters: its predictions throw
/// <see cref="InvalidOperationException"/>. Expressions follow Fader, Hardie &amp; Lee (2005), <i>A note on deriving the
/// Pareto/NBD model and related expressions</i>, and Fader, Hardie &amp; Lee (2005), <i>RFM and CLV</i>, JMR 42(4) (DERT).
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ParetoNbdModel : IPurchaseModel
{
    /// <summary>The number of parameters (r, α, s, β), for AIC and BIC.</summary>
    public const int ParameterCount = 4;

    /// <summary>Creates a model from known parameters (all finite and &gt; 0), with no fit report.</summary>
    /// <param name="r">Shape of the gamma distribution of purchase rates.</param>
    /// <param name="alpha">Rate of that gamma distribution, per unit of the data's time (E[λ] = r/α).</param>
    /// <param name="s">Shape of the gamma distribution of dropout rates.</param>
    /// <param name="beta">Rate of that gamma distribution (E[μ] = s/β).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and &gt; 0.</exception>
    public ParetoNbdModel(double r, double alpha, double s, double beta)
        : this(r, alpha, s, beta, double.NaN, 0, default, double.NaN, double.NaN, double.NaN, double.NaN, null)
    {
        ModelChecks.Positive(r, nameof(r)); // All four 0 passes the JSON constructor (the default model) but not this one.
    }

    /// <summary>Creates a model with its fit report (the JSON constructor); validates every member.</summary>
    /// <param name="r">Shape r (0 together with α, s, β for the empty <c>default</c> model).</param>
    /// <param name="alpha">Rate α.</param>
    /// <param name="s">Shape s.</param>
    /// <param name="beta">Rate β.</param>
    /// <param name="logLikelihood">Log-likelihood at the fit, ≤ 0, or NaN when not fitted.</param>
    /// <param name="customers">Customers the fit used, finite ≥ 0.</param>
    /// <param name="fitInfo">How the optimiser went.</param>
    /// <param name="rStandardError">Standard error of r, ≥ 0 or NaN.</param>
    /// <param name="alphaStandardError">Standard error of α, ≥ 0 or NaN.</param>
    /// <param name="sStandardError">Standard error of s, ≥ 0 or NaN.</param>
    /// <param name="betaStandardError">Standard error of β, ≥ 0 or NaN.</param>
    /// <param name="unit">The time unit of the data, when known.</param>
    /// <exception cref="ArgumentOutOfRangeException">A member is out of range (named with its value).</exception>
    [JsonConstructor]
    public ParetoNbdModel(double r, double alpha, double s, double beta, double logLikelihood, double customers, ModelFitInfo fitInfo,
        double rStandardError, double alphaStandardError, double sStandardError, double betaStandardError, PeriodUnit? unit)
    {
        HasParameters = ModelChecks.Parameters([r, alpha, s, beta], [nameof(r), nameof(alpha), nameof(s), nameof(beta)], logLikelihood, customers);
        ModelChecks.FitInfo(fitInfo);
        ModelChecks.StandardError(rStandardError, nameof(rStandardError));
        ModelChecks.StandardError(alphaStandardError, nameof(alphaStandardError));
        ModelChecks.StandardError(sStandardError, nameof(sStandardError));
        ModelChecks.StandardError(betaStandardError, nameof(betaStandardError));
        unit?.Validate(nameof(unit));
        (R, Alpha, S, Beta) = (r, alpha, s, beta);
        (LogLikelihood, Customers, FitInfo, Unit) = (logLikelihood, customers, fitInfo, unit);
        (RStandardError, AlphaStandardError, SStandardError, BetaStandardError) = (rStandardError, alphaStandardError, sStandardError, betaStandardError);
    }

    /// <summary>Shape r of the gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate α of the gamma distribution of purchase rates (per unit of the data's time).</summary>
    public double Alpha { get; }

    /// <summary>Shape s of the gamma distribution of dropout rates.</summary>
    public double S { get; }

    /// <summary>Rate β of the gamma distribution of dropout rates (per unit of the data's time).</summary>
    public double Beta { get; }

    /// <summary>Total (weighted) log-likelihood at the fitted parameters; NaN for a model not produced by a fit.</summary>
    public double LogLikelihood { get; }

    /// <summary>Customers the fit used (Σ weights); 0 for a model not produced by a fit.</summary>
    public double Customers { get; }

    /// <summary>How the optimiser went; <see cref="ModelFitMethod.None"/> for a constructed model.</summary>
    public ModelFitInfo FitInfo { get; }

    /// <summary>Standard error of <see cref="R"/> from the observed information; NaN when unavailable.</summary>
    public double RStandardError { get; }

    /// <summary>Standard error of <see cref="Alpha"/>; NaN when unavailable.</summary>
    public double AlphaStandardError { get; }

    /// <summary>Standard error of <see cref="S"/>; NaN when unavailable.</summary>
    public double SStandardError { get; }

    /// <summary>Standard error of <see cref="Beta"/>; NaN when unavailable.</summary>
    public double BetaStandardError { get; }

    /// <summary>The time unit of the data the model was fitted on (null when fitted from bare columns or constructed).</summary>
    public PeriodUnit? Unit { get; }

    /// <summary>Akaike's information criterion 2k − 2 LL (k = 4); NaN when not fitted.</summary>
    [JsonIgnore]
    public double Aic => ModelChecks.Aic(LogLikelihood, ParameterCount);

    /// <summary>Schwarz's Bayesian information criterion k ln n − 2 LL (n = <see cref="Customers"/>); NaN when not fitted.</summary>
    [JsonIgnore]
    public double Bic => ModelChecks.Bic(LogLikelihood, ParameterCount, Customers);

    private bool HasParameters { get; }

    /// <summary>
    /// P(alive | x, tₓ, T) = A(T) / (A(T) + s ∫ from tₓ to T of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ) (Fader, Hardie &amp; Lee 2005
    /// note, eq. 24 in stable form; see <see cref="ParetoNbd"/>).
    /// </summary>
    /// <param name="frequency">x, repeat purchases (whole number ≥ 0).</param>
    /// <param name="recency">tₓ, 0 ≤ tₓ ≤ T (0 when x = 0).</param>
    /// <param name="age">T &gt; 0.</param>
    /// <returns>A fraction in (0, 1]; 1 when tₓ = T.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        Ensure();
        ParetoNbdData.ValidateRow([frequency], [recency], [age], 0);
        ParetoNbdLikelihood.RowValue(R, Alpha, S, Beta, frequency, recency, age, out double alive);
        return alive;
    }

    /// <summary>
    /// The log-likelihood of one customer's history, ln L(r, α, s, β | x, tₓ, T) (natural log), finite for every x.
    /// </summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>ln L ≤ 0 for a probability of the observed counts and a density of the times (it can exceed 0 for small time units).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double CustomerLogLikelihood(double frequency, double recency, double age)
    {
        Ensure();
        ParetoNbdData.ValidateRow([frequency], [recency], [age], 0);
        return SpecialFunctions.GammaLn(R + frequency) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha)) + (S * Math.Log(Beta))
            + ParetoNbdLikelihood.RowValue(R, Alpha, S, Beta, frequency, recency, age, out _);
    }

    /// <summary>
    /// E[X(t)] = rβ/(α(s−1)) [1 − (β/(β+t))^(s−1)] (Schmittlein et al. 1987, eq. 17; the s = 1 limit rβ/α · ln(1 + t/β) is
    /// taken smoothly through expm1).
    /// </summary>
    /// <param name="t">Length of the period, ≥ 0; ∞ for the lifetime total (needs s &gt; 1).</param>
    /// <returns>Expected purchases (≥ 0); 0 when t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative or NaN.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or t = ∞ with s ≤ 1 (infinite lifetime expectation).</exception>
    public double ExpectedPurchases(double t)
    {
        Ensure();
        ModelChecks.Horizon(t, allowInfinity: true);
        return R / Alpha * Growth(S, Beta, t);
    }

    /// <summary>
    /// E[Y(t) | x, tₓ, T] = P(alive) · (r+x)(β+T)/((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^(s−1)] (Schmittlein et al. 1987, eq. 22).
    /// </summary>
    /// <param name="t">Length of the future period, ≥ 0; ∞ for the expected residual purchases (needs s &gt; 1).</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>Expected purchases (≥ 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative or NaN, or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or t = ∞ with s ≤ 1.</exception>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        Ensure();
        ModelChecks.Horizon(t, allowInfinity: true);
        double alive = ProbabilityAlive(frequency, recency, age);
        return t == 0 ? 0 : alive * (R + frequency) / (Alpha + age) * Growth(S, Beta + age, t);
    }

    /// <summary>
    /// P(X(t) = n) for a new customer: NB(n; r, α, t)·(β/(β+t))ˢ + ∫₀ᵗ NB(n; r, α, τ) sβˢ/(β+τ)^(s+1) dτ, the negative-binomial
    /// count over a lifetime that outlasts t or ends at τ (Fader, Hardie &amp; Lee 2006, <i>Deriving an expression for
    /// P(X(t) = x) under the Pareto/NBD model</i>), the integral by adaptive Gauss–Kronrod quadrature (relative error ~1e-10).
    /// </summary>
    /// <param name="t">Length of the period, finite and ≥ 0.</param>
    /// <param name="n">Number of purchases, ≥ 0.</param>
    /// <returns>A probability in [0, 1]; 1 for n = 0 and t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 0, or t negative, NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityOfPurchases(double t, int n)
    {
        Ensure();
        Guard.NonNegative(n);
        ModelChecks.Horizon(t, allowInfinity: false);
        if (t == 0)
        {
            return n == 0 ? 1 : 0;
        }

        double r = R, alpha = Alpha, s = S, beta = Beta;
        double lnNb = SpecialFunctions.GammaLn(r + n) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(n + 1.0);
        double NegativeBinomial(double tau) => tau == 0
            ? (n == 0 ? 1 : 0)
            : Math.Exp(lnNb - (r * ModelMath.Log1P(tau / alpha)) + (n * (Math.Log(tau) - Math.Log(alpha + tau))));
        double survivor = Math.Exp(-s * ModelMath.Log1P(t / beta));
        double integral = GaussKronrodRule.Integrate(
            tau => NegativeBinomial(tau) * s / beta * Math.Exp(-(s + 1) * ModelMath.Log1P(tau / beta)),
            0, t, out _, out _, 1e-12, 20, 21);
        return Math.Clamp((NegativeBinomial(t) * survivor) + integral, 0, 1);
    }

    /// <summary>
    /// Discounted expected residual transactions with continuous discounting at rate δ per unit of time:
    /// DERT = ∫₀^∞ e^−δt dE[Y(t) | x, tₓ, T] = P(alive) (r+x)(β+T)/(α+T) · e^z E_s(z), z = δ(β+T) (Fader, Hardie &amp; Lee 2005,
    /// <i>RFM and CLV</i>, eq. 2, whose δ^(s−1)(β+T)ˢ Ψ(s, s; z) equals (β+T) e^z E_s(z) with E_s the generalised exponential
    /// integral). E_s is evaluated by its continued fraction for z ≥ 1 and by its convergent series below (the pole pair near an integer s
    /// evaluated as one term; see <see cref="ModelMath.ScaledExponentialIntegral"/>), so any δ &gt; 0 costs microseconds.
    /// </summary>
    /// <param name="discountRate">Continuous discount rate δ per unit of the data's time, finite and &gt; 0 (a per-period rate d
    /// converts as δ = ln(1 + d)).</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>Discounted expected purchases (≥ 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">δ is not finite and &gt; 0, or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double DiscountedExpectedResidualTransactions(double discountRate, double frequency, double recency, double age)
    {
        Ensure();
        ModelChecks.Positive(discountRate, nameof(discountRate));
        double alive = ProbabilityAlive(frequency, recency, age);
        double b = Beta + age;
        return alive * (R + frequency) / (Alpha + age) * b * ScaledExponentialIntegral(S, discountRate * b);
    }

    /// <summary>Formats the parameters, log-likelihood and fit status, culture-invariant.</summary>
    /// <returns>For example <c>Pareto/NBD r = 0.5534, α = 10.5802, s = 0.6061, β = 11.6562; LL = -9594.98 over 2357 customers (Bfgs, …)</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Pareto/NBD r = {R:0.####}, α = {Alpha:0.####}, s = {S:0.####}, β = {Beta:0.####}; LL = {LogLikelihood:0.##} over {Customers:0.##} customers ({FitInfo})");

    /// <summary>e^z E_s(z) = ∫₀^∞ e^−zu (1+u)^−s du for s &gt; 0, z &gt; 0 (<see cref="ModelMath.ScaledExponentialIntegral"/>).</summary>
    internal static double ScaledExponentialIntegral(double s, double z) => ModelMath.ScaledExponentialIntegral(s, z);

    /// <summary>β/(s−1) [1 − (β/(β+t))^(s−1)], the s = 1 limit β ln(1 + t/β) included; t = ∞ gives β/(s−1) for s &gt; 1.</summary>
    internal static double Growth(double s, double beta, double t)
    {
        if (t == 0)
        {
            return 0;
        }

        double sm1 = s - 1;
        if (double.IsPositiveInfinity(t))
        {
            if (!(sm1 > 0))
            {
                ThrowHelper.InvalidOperation(string.Create(CultureInfo.InvariantCulture,
                    $"The lifetime expected purchases of the Pareto/NBD are finite only when s > 1; this model has s = {s:R}. Use a finite horizon t."));
            }

            return beta / sm1;
        }

        double l = ModelMath.Log1P(t / beta);
        return sm1 == 0 ? beta * l : -beta * ModelMath.ExpM1(-sm1 * l) / sm1;
    }

    private void Ensure() => ModelChecks.HasParameters(HasParameters, nameof(ParetoNbdModel), "ParetoNbd.Fit");
}
