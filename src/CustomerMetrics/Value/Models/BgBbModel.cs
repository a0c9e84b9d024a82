using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models.Validation;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// A BG/BB model (Fader, Hardie &amp; Shang 2010): transaction probability per opportunity p ~ Beta(<see cref="Alpha"/>,
/// <see cref="Beta"/>), dropout probability per opportunity θ ~ Beta(<see cref="Gamma"/>, <see cref="Delta"/>). Produced by
/// <see cref="BgBb.Fit(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/> or constructed.
/// </summary>
/// <remarks>
/// Times are counts of opportunities (whole numbers). Expressions: Fader, Hardie &amp; Shang (2010), eq. 5 (likelihood),
/// 7 (E[X(n)]), 8 (P(X(n) = x)), 11 (P(alive)), 13 (conditional expectation), 15 (DERT). <c>default(BgBbModel)</c> has no
/// parameters: its predictions throw <see cref="InvalidOperationException"/>.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct BgBbModel
{
    /// <summary>The number of parameters (α, β, γ, δ), for AIC and BIC.</summary>
    public const int ParameterCount = 4;

    /// <summary>Creates a model from known parameters (all finite and &gt; 0), with no fit report.</summary>
    /// <param name="alpha">First shape of the beta distribution of transaction probabilities.</param>
    /// <param name="beta">Second shape of that distribution (E[p] = α/(α+β)).</param>
    /// <param name="gamma">First shape of the beta distribution of dropout probabilities.</param>
    /// <param name="delta">Second shape of that distribution (E[θ] = γ/(γ+δ)).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and &gt; 0.</exception>
    public BgBbModel(double alpha, double beta, double gamma, double delta)
        : this(alpha, beta, gamma, delta, double.NaN, 0, default, double.NaN, double.NaN, double.NaN, double.NaN, null)
    {
        ModelChecks.Positive(alpha, nameof(alpha)); // All four 0 passes the JSON constructor (the default model) but not this one.
    }

    /// <summary>Creates a model with its fit report (the JSON constructor); validates every member.</summary>
    /// <param name="alpha">α (0 together with β, γ, δ for the empty <c>default</c> model).</param>
    /// <param name="beta">β.</param>
    /// <param name="gamma">γ.</param>
    /// <param name="delta">δ.</param>
    /// <param name="logLikelihood">Log-likelihood at the fit, ≤ 0, or NaN when not fitted.</param>
    /// <param name="customers">Customers the fit used, finite ≥ 0.</param>
    /// <param name="fitInfo">How the optimiser went.</param>
    /// <param name="alphaStandardError">Standard error of α, ≥ 0 or NaN.</param>
    /// <param name="betaStandardError">Standard error of β, ≥ 0 or NaN.</param>
    /// <param name="gammaStandardError">Standard error of γ, ≥ 0 or NaN.</param>
    /// <param name="deltaStandardError">Standard error of δ, ≥ 0 or NaN.</param>
    /// <param name="unit">The length of one opportunity, when known.</param>
    /// <exception cref="ArgumentOutOfRangeException">A member is out of range (named with its value).</exception>
    [JsonConstructor]
    public BgBbModel(double alpha, double beta, double gamma, double delta, double logLikelihood, double customers, ModelFitInfo fitInfo,
        double alphaStandardError, double betaStandardError, double gammaStandardError, double deltaStandardError, PeriodUnit? unit)
    {
        HasParameters = ModelChecks.Parameters([alpha, beta, gamma, delta], [nameof(alpha), nameof(beta), nameof(gamma), nameof(delta)], logLikelihood, customers);
        ModelChecks.FitInfo(fitInfo);
        ModelChecks.StandardError(alphaStandardError, nameof(alphaStandardError));
        ModelChecks.StandardError(betaStandardError, nameof(betaStandardError));
        ModelChecks.StandardError(gammaStandardError, nameof(gammaStandardError));
        ModelChecks.StandardError(deltaStandardError, nameof(deltaStandardError));
        unit?.Validate(nameof(unit));
        (Alpha, Beta, Gamma, Delta) = (alpha, beta, gamma, delta);
        (LogLikelihood, Customers, FitInfo, Unit) = (logLikelihood, customers, fitInfo, unit);
        (AlphaStandardError, BetaStandardError, GammaStandardError, DeltaStandardError) = (alphaStandardError, betaStandardError, gammaStandardError, deltaStandardError);
    }

    /// <summary>α: first shape of the beta distribution of transaction probabilities.</summary>
    public double Alpha { get; }

    /// <summary>β: second shape of the beta distribution of transaction probabilities.</summary>
    public double Beta { get; }

    /// <summary>γ: first shape of the beta distribution of dropout probabilities.</summary>
    public double Gamma { get; }

    /// <summary>δ: second shape of the beta distribution of dropout probabilities.</summary>
    public double Delta { get; }

    /// <summary>Total (weighted) log-likelihood at the fitted parameters; NaN for a model not produced by a fit.</summary>
    public double LogLikelihood { get; }

    /// <summary>Customers the fit used (Σ weights); 0 for a model not produced by a fit.</summary>
    public double Customers { get; }

    /// <summary>How the optimiser went; <see cref="ModelFitMethod.None"/> for a constructed model.</summary>
    public ModelFitInfo FitInfo { get; }

    /// <summary>Standard error of <see cref="Alpha"/> from the observed information; NaN when unavailable.</summary>
    public double AlphaStandardError { get; }

    /// <summary>Standard error of <see cref="Beta"/>; NaN when unavailable.</summary>
    public double BetaStandardError { get; }

    /// <summary>Standard error of <see cref="Gamma"/>; NaN when unavailable.</summary>
    public double GammaStandardError { get; }

    /// <summary>Standard error of <see cref="Delta"/>; NaN when unavailable.</summary>
    public double DeltaStandardError { get; }

    /// <summary>The length of one opportunity (the period unit of the summary the model was fitted on), or null.</summary>
    public PeriodUnit? Unit { get; }

    /// <summary>Akaike's information criterion 2k − 2 LL; NaN when not fitted.</summary>
    [JsonIgnore]
    public double Aic => ModelChecks.Aic(LogLikelihood, ParameterCount);

    /// <summary>Schwarz's Bayesian information criterion k ln n − 2 LL; NaN when not fitted.</summary>
    [JsonIgnore]
    public double Bic => ModelChecks.Bic(LogLikelihood, ParameterCount, Customers);

    private bool HasParameters { get; }

    /// <summary>ln L(α, β, γ, δ | x, tₓ, n) of one customer (eq. 5), natural log.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="opportunities">n.</param>
    /// <returns>A log-probability ≤ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double CustomerLogLikelihood(int frequency, int recency, int opportunities)
    {
        Validate(frequency, recency, opportunities);
        return LogLikelihoodOf(frequency, recency, opportunities);
    }

    /// <summary>P(alive at opportunity n + 1 | x, tₓ, n) = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+1)/B(γ, δ) / L (eq. 11).</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="opportunities">n.</param>
    /// <returns>A fraction in (0, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityAlive(int frequency, int recency, int opportunities)
    {
        Validate(frequency, recency, opportunities);
        int x = frequency, n = opportunities;
        return Math.Exp(SpecialFunctions.BetaLn(Alpha + x, Beta + n - x) - SpecialFunctions.BetaLn(Alpha, Beta)
            + SpecialFunctions.BetaLn(Gamma, Delta + n + 1) - SpecialFunctions.BetaLn(Gamma, Delta) - LogLikelihoodOf(x, recency, n));
    }

    /// <summary>E[X(n)] = α/(α+β) Σ from t = 1 to n of B(γ, δ+t)/B(γ, δ): expected transactions of a new customer in n opportunities (eq. 7, summed so that γ = 1 needs no limit).</summary>
    /// <param name="opportunities">n ≥ 0.</param>
    /// <returns>Expected transactions (≥ 0); 0 for n = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 0.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ExpectedTransactions(int opportunities)
    {
        Ensure();
        Guard.NonNegative(opportunities);
        return Alpha / (Alpha + Beta) * SurvivalSum(0, opportunities);
    }

    /// <summary>
    /// E[X(n, n + n*) | x, tₓ, n]: expected transactions in the next n* opportunities (eq. 13) =
    /// B(α+x+1, β+n−x)/B(α, β) · Σ from t = n+1 to n+n* of B(γ, δ+t)/B(γ, δ) / L.
    /// </summary>
    /// <param name="futureOpportunities">n* ≥ 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="opportunities">n.</param>
    /// <returns>Expected transactions (≥ 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">n* &lt; 0 or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ConditionalExpectedTransactions(int futureOpportunities, int frequency, int recency, int opportunities)
    {
        Validate(frequency, recency, opportunities);
        Guard.NonNegative(futureOpportunities);
        int x = frequency, n = opportunities;
        double head = Math.Exp(SpecialFunctions.BetaLn(Alpha + x + 1, Beta + n - x) - SpecialFunctions.BetaLn(Alpha, Beta) - LogLikelihoodOf(x, recency, n));
        return head * SurvivalSum(n, n + futureOpportunities);
    }

    /// <summary>
    /// P(X(n) = x): probability that a new customer makes exactly x transactions in n opportunities (eq. 8):
    /// C(n, x) B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ) + Σ from i = x to n−1 of C(i, x) B(α+x, β+i−x)/B(α, β) · B(γ+1, δ+i)/B(γ, δ).
    /// </summary>
    /// <param name="opportunities">n ≥ 0 (the horizon comes first, as in every prediction).</param>
    /// <param name="transactions">x ≥ 0.</param>
    /// <returns>A probability; 0 when x &gt; n.</returns>
    /// <exception cref="ArgumentOutOfRangeException">x or n is negative.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ProbabilityOfTransactions(int opportunities, int transactions)
    {
        Ensure();
        Guard.NonNegative(transactions);
        Guard.NonNegative(opportunities);
        int x = transactions, n = opportunities;
        if (x > n)
        {
            return 0;
        }

        double lnBab = SpecialFunctions.BetaLn(Alpha, Beta), lnBgd = SpecialFunctions.BetaLn(Gamma, Delta);
        var sum = default(NeumaierSum);
        sum.Add(Math.Exp(SpecialFunctions.BinomialLn(n, x) + SpecialFunctions.BetaLn(Alpha + x, Beta + n - x) - lnBab
            + SpecialFunctions.BetaLn(Gamma, Delta + n) - lnBgd));
        for (int i = x; i < n; i++)
        {
            sum.Add(Math.Exp(SpecialFunctions.BinomialLn(i, x) + SpecialFunctions.BetaLn(Alpha + x, Beta + i - x) - lnBab
                + SpecialFunctions.BetaLn(Gamma + 1, Delta + i) - lnBgd));
        }

        return Math.Clamp(sum.Value, 0, 1);
    }

    /// <summary>
    /// Discounted expected residual transactions (eq. 15) with a discount rate d per opportunity:
    /// B(α+x+1, β+n−x)/B(α, β) · B(γ, δ+n+1)/(B(γ, δ)(1+d)) · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L: the expected transactions
    /// at opportunities n+1, n+2, … each discounted by (1+d)^−(t−n).
    /// </summary>
    /// <param name="discountRate">d per opportunity, finite and &gt; 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="opportunities">n.</param>
    /// <returns>Discounted expected transactions (≥ 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">d is not finite and &gt; 0, or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double DiscountedExpectedResidualTransactions(double discountRate, int frequency, int recency, int opportunities)
    {
        Validate(frequency, recency, opportunities);
        ModelChecks.Positive(discountRate, nameof(discountRate));
        int x = frequency, n = opportunities;
        double ln = SpecialFunctions.BetaLn(Alpha + x + 1, Beta + n - x) - SpecialFunctions.BetaLn(Alpha, Beta)
            + SpecialFunctions.BetaLn(Gamma, Delta + n + 1) - SpecialFunctions.BetaLn(Gamma, Delta) - ModelMath.Log1P(discountRate)
            - LogLikelihoodOf(x, recency, n);
        return Math.Exp(ln) * Hypergeometric.Gauss(1, Delta + n + 1, Gamma + Delta + n + 1, 1 / (1 + discountRate));
    }

    /// <summary>Formats the parameters, log-likelihood and fit status, culture-invariant.</summary>
    /// <returns>For example <c>BG/BB α = 1.2035, β = 0.7497, γ = 0.6567, δ = 2.7834; LL = -33225.58 over 11104 customers (…)</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BG/BB α = {Alpha:0.####}, β = {Beta:0.####}, γ = {Gamma:0.####}, δ = {Delta:0.####}; LL = {LogLikelihood:0.##} over {Customers:0.##} customers ({FitInfo})");

    /// <summary>Σ from t = from+1 to to of B(γ, δ+t)/B(γ, δ), by the ratio (δ+t)/(γ+δ+t).</summary>
    private double SurvivalSum(int from, int to)
    {
        double term = Math.Exp(SpecialFunctions.BetaLn(Gamma, Delta + from) - SpecialFunctions.BetaLn(Gamma, Delta));
        var sum = default(NeumaierSum);
        for (int t = from; t < to; t++)
        {
            term *= (Delta + t) / (Gamma + Delta + t);
            sum.Add(term);
        }

        return sum.Value;
    }

    private double LogLikelihoodOf(int x, int tx, int n)
    {
        var data = new BgBbData([x], [tx], [n], default, allowNoRepeat: true);
        return data.LogLikelihood([Math.Log(Alpha), Math.Log(Beta), Math.Log(Gamma), Math.Log(Delta)], stackalloc double[4]);
    }

    private void Validate(int frequency, int recency, int opportunities)
    {
        Ensure();
        BgBbData.ValidateRow([frequency], [recency], [opportunities], 0);
    }

    private void Ensure() => ModelChecks.HasParameters(HasParameters, nameof(BgBbModel), "BgBb.Fit");
}
