using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models.Validation;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// An MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007): purchase rate λ ~ Gamma(shape <see cref="R"/>, rate
/// <see cref="Alpha"/>) per unit of the data's time, dropout probability p ~ Beta(<see cref="A"/>, <see cref="B"/>) at time 0
/// and after each purchase. Produced by <see cref="MbgNbd.Fit(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/> or constructed.
/// </summary>
/// <remarks>
/// Every time is in the unit of the data the model was fitted on. <c>default(MbgNbdModel)</c> has no parameters: its
/// predictions throw <see cref="InvalidOperationException"/>. Given alive, the future is a BG/NBD with p ~ Beta(a, b+x+1),
/// so the expectations are the BG/NBD ones (Fader, Hardie &amp; Lee 2005, eq. 9–10) with b shifted by one.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct MbgNbdModel : IPurchaseModel
{
    /// <summary>The number of parameters (r, α, a, b), for AIC and BIC.</summary>
    public const int ParameterCount = 4;

    /// <summary>Creates a model from known parameters (all finite and &gt; 0), with no fit report.</summary>
    /// <param name="r">Shape of the gamma distribution of purchase rates.</param>
    /// <param name="alpha">Rate of that gamma distribution, per unit of the data's time.</param>
    /// <param name="a">First shape of the beta distribution of dropout probabilities.</param>
    /// <param name="b">Second shape of that beta distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and &gt; 0.</exception>
    public MbgNbdModel(double r, double alpha, double a, double b)
        : this(r, alpha, a, b, double.NaN, 0, default, double.NaN, double.NaN, double.NaN, double.NaN, null)
    {
        ModelChecks.Positive(r, nameof(r)); // All four 0 passes the JSON constructor (the default model) but not this one.
    }

    /// <summary>Creates a model with its fit report (the JSON constructor); validates every member.</summary>
    /// <param name="r">r (0 together with α, a, b for the empty <c>default</c> model).</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="logLikelihood">Log-likelihood at the fit, ≤ 0, or NaN when not fitted.</param>
    /// <param name="customers">Customers the fit used, finite ≥ 0.</param>
    /// <param name="fitInfo">How the optimiser went.</param>
    /// <param name="rStandardError">Standard error of r, ≥ 0 or NaN.</param>
    /// <param name="alphaStandardError">Standard error of α, ≥ 0 or NaN.</param>
    /// <param name="aStandardError">Standard error of a, ≥ 0 or NaN.</param>
    /// <param name="bStandardError">Standard error of b, ≥ 0 or NaN.</param>
    /// <param name="unit">The time unit of the data, when known.</param>
    /// <exception cref="ArgumentOutOfRangeException">A member is out of range (named with its value).</exception>
    [JsonConstructor]
    public MbgNbdModel(double r, double alpha, double a, double b, double logLikelihood, double customers, ModelFitInfo fitInfo,
        double rStandardError, double alphaStandardError, double aStandardError, double bStandardError, PeriodUnit? unit)
    {
        HasParameters = ModelChecks.Parameters([r, alpha, a, b], [nameof(r), nameof(alpha), nameof(a), nameof(b)], logLikelihood, customers);
        ModelChecks.FitInfo(fitInfo);
        ModelChecks.StandardError(rStandardError, nameof(rStandardError));
        ModelChecks.StandardError(alphaStandardError, nameof(alphaStandardError));
        ModelChecks.StandardError(aStandardError, nameof(aStandardError));
        ModelChecks.StandardError(bStandardError, nameof(bStandardError));
        unit?.Validate(nameof(unit));
        (R, Alpha, A, B) = (r, alpha, a, b);
        (LogLikelihood, Customers, FitInfo, Unit) = (logLikelihood, customers, fitInfo, unit);
        (RStandardError, AlphaStandardError, AStandardError, BStandardError) = (rStandardError, alphaStandardError, aStandardError, bStandardError);
    }

    /// <summary>Shape r of the gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate α of the gamma distribution of purchase rates (per unit of the data's time).</summary>
    public double Alpha { get; }

    /// <summary>Shape a of the beta distribution of dropout probabilities.</summary>
    public double A { get; }

    /// <summary>Shape b of the beta distribution of dropout probabilities.</summary>
    public double B { get; }

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

    /// <summary>Standard error of <see cref="A"/>; NaN when unavailable.</summary>
    public double AStandardError { get; }

    /// <summary>Standard error of <see cref="B"/>; NaN when unavailable.</summary>
    public double BStandardError { get; }

    /// <summary>The time unit of the data the model was fitted on (null when fitted from bare columns or constructed).</summary>
    public PeriodUnit? Unit { get; }

    /// <summary>Akaike's information criterion 2k − 2 LL; NaN when not fitted.</summary>
    [JsonIgnore]
    public double Aic => ModelChecks.Aic(LogLikelihood, ParameterCount);

    /// <summary>Schwarz's Bayesian information criterion k ln n − 2 LL; NaN when not fitted.</summary>
    [JsonIgnore]
    public double Bic => ModelChecks.Bic(LogLikelihood, ParameterCount, Customers);

    private bool HasParameters { get; }

    /// <summary>P(alive | x, tₓ, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+tₓ))^(r+x)) (Batislam et al. 2007, eq. 5); below 1 even for x = 0.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>A fraction in (0, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        Ensure();
        ParetoNbdData.ValidateRow([frequency], [recency], [age], 0);
        double u = Math.Log(A / (B + frequency)) + ((R + frequency) * (Math.Log(Alpha + age) - Math.Log(Alpha + recency)));
        return ModelMath.LogisticOfNegative(u);
    }

    /// <summary>ln L(r, α, a, b | x, tₓ, T) of one customer, natural log.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double CustomerLogLikelihood(double frequency, double recency, double age)
    {
        Ensure();
        var data = new MbgNbdData([frequency], [recency], [age], default, allowNoRepeat: true);
        return data.LogLikelihood([Math.Log(R), Math.Log(Alpha), Math.Log(A), Math.Log(B)], stackalloc double[4]);
    }

    /// <summary>
    /// E[X(t)] = b/(a−1) [1 − (α/(α+t))ʳ ₂F₁(r, b+1; a+b; t/(α+t))]: a new customer survives time 0 with probability
    /// b/(a+b) and is then a BG/NBD customer with dropout Beta(a, b+1).
    /// </summary>
    /// <param name="t">Length of the period, ≥ 0; ∞ for the lifetime total b/(a−1) (needs a &gt; 1).</param>
    /// <returns>Expected purchases (≥ 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative or NaN.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or t = ∞ with a ≤ 1.</exception>
    public double ExpectedPurchases(double t)
    {
        Ensure();
        ModelChecks.Horizon(t, allowInfinity: true);
        return B / (A + B) * BgNbdModel.Expected(R, Alpha, A, B + 1, t);
    }

    /// <summary>
    /// E[Y(t) | x, tₓ, T] = P(alive) · (a+b+x)/(a−1) [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
    /// (Batislam et al. 2007, eq. 6).
    /// </summary>
    /// <param name="t">Length of the future period, ≥ 0; ∞ needs a &gt; 1.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>Expected purchases (≥ 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative or NaN, or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or t = ∞ with a ≤ 1.</exception>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        Ensure();
        ModelChecks.Horizon(t, allowInfinity: true);
        double alive = ProbabilityAlive(frequency, recency, age);
        return t == 0 ? 0 : alive * BgNbdModel.Expected(R + frequency, Alpha + age, A, B + frequency + 1, t);
    }

    /// <summary>
    /// P(X(t) = n) = B(a, b+n+1)/B(a, b) · NB(n; r, α, t) + B(a+1, b+n)/B(a, b) · (n = 0 ? 1 : I_z(n, r)), z = t/(α+t): alive
    /// after n + 1 dropout chances with exactly n purchases, or dropped at the n-th chance with at least n purchases by t.
    /// </summary>
    /// <param name="t">Length of the period, finite and ≥ 0.</param>
    /// <param name="n">Number of purchases, ≥ 0.</param>
    /// <returns>A probability in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 0, or t negative, NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityOfPurchases(double t, int n)
    {
        Ensure();
        Guard.NonNegative(n);
        ModelChecks.Horizon(t, allowInfinity: false);
        double lnBab = SpecialFunctions.BetaLn(A, B);
        double dropped = Math.Exp(SpecialFunctions.BetaLn(A + 1, B + n) - lnBab);
        if (t == 0)
        {
            return n == 0 ? 1 : 0;
        }

        double nb = Math.Exp(SpecialFunctions.GammaLn(R + n) - SpecialFunctions.GammaLn(R) - SpecialFunctions.GammaLn(n + 1.0)
            - (R * ModelMath.Log1P(t / Alpha)) + (n * (Math.Log(t) - Math.Log(Alpha + t))));
        double reached = n == 0 ? 1 : SpecialFunctions.BetaRegularized(n, R, t / (Alpha + t));
        return Math.Clamp((Math.Exp(SpecialFunctions.BetaLn(A, B + n + 1) - lnBab) * nb) + (dropped * reached), 0, 1);
    }

    /// <summary>Formats the parameters, log-likelihood and fit status, culture-invariant.</summary>
    /// <returns>For example <c>MBG/NBD r = 0.525, α = 6.183, a = 0.891, b = 1.614; LL = … over 2357 customers (…)</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"MBG/NBD r = {R:0.####}, α = {Alpha:0.####}, a = {A:0.####}, b = {B:0.####}; LL = {LogLikelihood:0.##} over {Customers:0.##} customers ({FitInfo})");

    private void Ensure() => ModelChecks.HasParameters(HasParameters, nameof(MbgNbdModel), "MbgNbd.Fit");
}
