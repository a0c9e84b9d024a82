using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// A shifted-beta-geometric retention model (Fader &amp; Hardie 2007): churn probability θ ~ Beta(<see cref="Alpha"/>, <see cref="Beta"/>),
/// constant per customer over the periods of a contract (months, years: the period of the survival table it was fitted on).
/// Produced by <c>ShiftedBetaGeometric.Fit</c> or constructed from known parameters.
/// </summary>
/// <remarks>
/// Probabilities and rates are fractions; lifetimes are in periods. <c>default(ShiftedBetaGeometricModel)</c> has no
/// parameters: its members throw <see cref="InvalidOperationException"/>. Every way to make a model (constructor,
/// <c>with</c>, JSON) is validated: α, β finite and &gt; 0 (or both 0, the empty <c>default</c>), periods and cohort ≥ 0,
/// a finite or NaN log-likelihood, standard errors NaN or ≥ 0.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ShiftedBetaGeometricModel
{
    private readonly double _logLikelihood = double.NaN;
    private readonly int _periods;
    private readonly double _cohortSize;
    private readonly ModelFitInfo _fitInfo;
    private readonly double _alphaStandardError = double.NaN;
    private readonly double _betaStandardError = double.NaN;

    /// <summary>Creates a model from known parameters (finite, &gt; 0; both 0 gives the empty <c>default</c> model).</summary>
    /// <param name="alpha">First shape of the beta distribution of churn probabilities.</param>
    /// <param name="beta">Second shape (E[θ] = α/(α + β)).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and &gt; 0 (and not both are 0).</exception>
    [JsonConstructor]
    public ShiftedBetaGeometricModel(double alpha, double beta)
    {
        if (alpha != 0 || beta != 0)
        {
            Guard.PositiveFinite(alpha);
            Guard.PositiveFinite(beta);
        }

        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>Shape α of the beta distribution of churn probabilities.</summary>
    public double Alpha { get; }

    /// <summary>Shape β of the beta distribution of churn probabilities.</summary>
    public double Beta { get; }

    /// <summary>Log-likelihood at the fit (natural log, on the scale of the survivors given); NaN for a constructed model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to ±∞.</exception>
    public double LogLikelihood { get => _logLikelihood; init { Guard.NaNOrFinite(value, nameof(LogLikelihood)); _logLikelihood = value; } }

    /// <summary>Periods of the survival table used by the fit (entries − 1); 0 for a constructed model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative count.</exception>
    public int Periods { get => _periods; init { Guard.NonNegative(value, nameof(Periods)); _periods = value; } }

    /// <summary>Cohort size at period 0 of the fitted table; 0 for a constructed model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double CohortSize { get => _cohortSize; init { Guard.NonNegativeFinite(value, nameof(CohortSize)); _cohortSize = value; } }

    /// <summary>How the optimiser went; <see cref="ModelFitMethod.None"/> for a constructed model.</summary>
    public ModelFitInfo FitInfo { get => _fitInfo; init => _fitInfo = value; }

    /// <summary>Standard error of <see cref="Alpha"/>; NaN when unavailable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double AlphaStandardError { get => _alphaStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(AlphaStandardError)); _alphaStandardError = value; } }

    /// <summary>Standard error of <see cref="Beta"/>; NaN when unavailable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double BetaStandardError { get => _betaStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(BetaStandardError)); _betaStandardError = value; } }

    /// <summary>
    /// S(t) = B(α, β + t)/B(α, β): the share of the cohort still active after t periods, computed as
    /// Γ(β + t)/Γ(α + β + t) · Γ(α + β)/Γ(β) through log-gamma differences that stay accurate for any t (S(t) ~ Γ(α+β)/Γ(β) t^(−α) as t → ∞).
    /// </summary>
    /// <param name="t">Periods, ≥ 0 (fractional values follow the same formula).</param>
    /// <returns>A fraction in (0, 1]; 1 at t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t is negative, NaN or ∞.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double Survival(double t)
    {
        EnsureParameters();
        Guard.NonNegativeFinite(t);
        return t == 0 ? 1 : Math.Exp(ModelMath.LogGammaRatio(Beta, Alpha) - ModelMath.LogGammaRatio(Beta + t, Alpha));
    }

    /// <summary>Writes S(0), S(1), … S(destination.Length − 1) (the projected survival curve) by the exact recursion S(t) = S(t−1)·r(t).</summary>
    /// <param name="destination">Receives the survival fractions; may be empty.</param>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public void SurvivalCurve(Span<double> destination)
    {
        EnsureParameters();
        double s = 1;
        for (int t = 0; t < destination.Length; t++)
        {
            if (t > 0)
            {
                s *= RetentionRateUnchecked(t);
            }

            destination[t] = s;
        }
    }

    /// <summary>P(T = t) = B(α + 1, β + t − 1)/B(α, β): the share of the cohort that churns in period t (ends after t − 1 renewals).</summary>
    /// <param name="t">The period, ≥ 1.</param>
    /// <returns>A fraction in (0, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">t &lt; 1.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double ChurnProbability(int t)
    {
        EnsureParameters();
        if (t < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(t), t, "periods ≥ 1");
        }

        // α Γ(β + t − 1)/Γ(α + β + t) · Γ(α + β)/Γ(β), through log-gamma differences (accurate for any t).
        return Alpha * Math.Exp(ModelMath.LogGammaRatio(Beta, Alpha) - ModelMath.LogGammaRatio(Beta + (t - 1), Alpha + 1));
    }

    /// <summary>
    /// rₜ = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1): the retention rate from period t − 1 to t, which rises with t as the
    /// cohort sorts itself (Fader &amp; Hardie 2007, eq. 4). The churn rate is 1 − rₜ.
    /// </summary>
    /// <param name="t">The period, ≥ 1.</param>
    /// <returns>A fraction in (0, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">t &lt; 1.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double RetentionRate(int t)
    {
        EnsureParameters();
        if (t < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(t), t, "periods ≥ 1");
        }

        return RetentionRateUnchecked(t);
    }

    /// <summary>
    /// DEL(d) = Σₜ₌₀^∞ S(t)/(1 + d)ᵗ = ₂F₁(1, β; α + β; 1/(1 + d)): the discounted expected lifetime of a new customer in
    /// periods, paying at the start of each period (Fader &amp; Hardie 2010, <i>Customer-Base Valuation in a Contractual
    /// Setting</i>, Marketing Science 29(1), eq. 4). Multiply by the margin per period for a value.
    /// </summary>
    /// <param name="discountRate">Discount rate per period, a fraction ≥ 0 (0.1 for 10 %).</param>
    /// <returns>Discounted periods, ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative, NaN or ∞.</exception>
    /// <exception cref="InvalidOperationException">The rate is 0 and α ≤ 1 (the undiscounted lifetime is infinite), or the model is <c>default</c>.</exception>
    public double DiscountedExpectedLifetime(double discountRate) => DiscountedExpectedResidualLifetimeCore(-1, discountRate);

    /// <summary>
    /// DERL(d | n renewals) = Σₜ₌ₙ₊₁^∞ [S(t)/S(n)]/(1 + d)^(t−n−1) = (β + n)/(α + β + n) · ₂F₁(1, β + n + 1; α + β + n + 1; 1/(1 + d)):
    /// the discounted expected residual lifetime, in periods, of a customer who has renewed n times and is about to make the
    /// next renewal decision (Fader &amp; Hardie 2010, eq. 6, with n − 1 there = n renewals here). The next payment, if the
    /// customer renews, is undiscounted.
    /// </summary>
    /// <param name="renewals">Renewals the customer has made, ≥ 0.</param>
    /// <param name="discountRate">Discount rate per period, a fraction ≥ 0.</param>
    /// <returns>Discounted periods, ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">renewals &lt; 0, or the rate is negative, NaN or ∞.</exception>
    /// <exception cref="InvalidOperationException">The rate is 0 and α ≤ 1, or the model is <c>default</c>.</exception>
    public double DiscountedExpectedResidualLifetime(int renewals, double discountRate)
    {
        if (renewals < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(renewals), renewals, "counts ≥ 0");
        }

        return DiscountedExpectedResidualLifetimeCore(renewals, discountRate);
    }

    /// <summary>Formats the parameters and fit, culture-invariant.</summary>
    /// <returns>For example <c>sBG α = 0.704, β = 1.182; LL = … over 7 periods (…)</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sBG α = {Alpha:0.####}, β = {Beta:0.####}; LL = {LogLikelihood:0.##} over {Periods} periods ({FitInfo})");

    private double DiscountedExpectedResidualLifetimeCore(int renewals, double discountRate)
    {
        EnsureParameters();
        Guard.NonNegativeFinite(discountRate);
        if (discountRate == 0 && !(Alpha > 1))
        {
            ThrowHelper.InvalidOperation(string.Create(CultureInfo.InvariantCulture,
                $"The undiscounted expected lifetime of the sBG model is infinite when α ≤ 1 (α = {Alpha:R}); use a discount rate > 0."));
        }

        double z = 1 / (1 + discountRate);
        if (renewals < 0)
        {
            return Hypergeometric.Gauss(1, Beta, Alpha + Beta, z);
        }

        double n = renewals;
        return (Beta + n) / (Alpha + Beta + n) * Hypergeometric.Gauss(1, Beta + n + 1, Alpha + Beta + n + 1, z);
    }

    private double RetentionRateUnchecked(int t) => (Beta + (t - 1)) / (Alpha + Beta + (t - 1));

    private void EnsureParameters()
    {
        if (!(Alpha > 0))
        {
            ThrowHelper.InvalidOperation("This ShiftedBetaGeometricModel has no parameters (it is default); fit one with ShiftedBetaGeometric.Fit or construct it from α, β.");
        }
    }
}
