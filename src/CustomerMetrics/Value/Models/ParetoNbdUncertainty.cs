using CustomerMetrics.Internal;
using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Confidence intervals from parameter uncertainty (the delta method) on Pareto/NBD predictions: P(alive), E[X(t)],
/// E[Y(t) | x, tₓ, T], DERT, the whole base's expected purchases, and CLV with its base sum when a Gamma-Gamma spend model is
/// given. The Pareto/NBD counterpart of <see cref="BgNbdUncertainty"/>.
/// </summary>
/// <remarks>
/// The covariance of the log-parameters (ln r, ln α, ln s, ln β) is the inverse observed information: the central-difference
/// Hessian of the total log-likelihood (its analytic gradient differenced) on the data given, at the model's parameters.
/// A prediction's gradient in the log-parameters is taken by central differences and the interval is symmetric on the log
/// scale (counts, money) or the logit scale (probabilities), so it never leaves the prediction's range. The Pareto/NBD and
/// Gamma-Gamma fits are separate and the Gamma-Gamma model assumes spend independent of the transaction process, so their
/// joint covariance is block-diagonal (as for BG/NBD; the code is shared). These intervals describe
/// the uncertainty of the <i>expected</i> value only; for a customer's future count use
/// <see cref="ParetoNbdBootstrap.PurchasesPredictionInterval"/>. Where the information matrix is not positive definite every
/// interval is NaN (both bounds). Predictions that the parameters do not move (E = 0 at t = 0, P(alive) = 1 at tₓ = T) give
/// a zero-width interval. Coverage of the 95 % intervals measured by seeded simulation (refits on simulated customers) is
/// in the test suite.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
public sealed class ParetoNbdUncertainty
{
    private readonly double[] _logParameters;
    private readonly Matrix<double>? _covariance;

    private ParetoNbdUncertainty(ParetoNbdModel purchases, GammaGammaModel? spend, double[] logParameters, Matrix<double>? covariance)
    {
        Purchases = purchases;
        Spend = spend;
        _logParameters = logParameters;
        _covariance = covariance;
    }

    /// <summary>The Pareto/NBD model whose predictions are bracketed.</summary>
    public ParetoNbdModel Purchases { get; }

    /// <summary>The Gamma-Gamma spend model for CLV intervals; null when none was given.</summary>
    public GammaGammaModel? Spend { get; }

    /// <summary>Whether the information matrix was positive definite (otherwise every interval is NaN).</summary>
    public bool HasCovariance => _covariance is not null;

    /// <summary>
    /// Covariance of the log-parameters (ln r, ln α, ln s, ln β, then ln p, ln q, ln γ with a spend model), a copy; NaN
    /// everywhere when <see cref="HasCovariance"/> is false.
    /// </summary>
    /// <returns>A square matrix of 4 or 7 rows.</returns>
    public double[,] LogParameterCovariance()
    {
        int n = _logParameters.Length;
        var copy = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                copy[i, j] = _covariance?[i, j] ?? double.NaN;
            }
        }

        return copy;
    }

    /// <summary>Estimates the covariance of a Pareto/NBD model's parameters on the data it was fitted on.</summary>
    /// <param name="purchases">The fitted model (not <c>default</c>).</param>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">tₓ per customer.</param>
    /// <param name="age">T per customer.</param>
    /// <returns>The intervals' source.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid (named by index).</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase.</exception>
    public static ParetoNbdUncertainty Estimate(ParetoNbdModel purchases, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        _ = purchases.ExpectedPurchases(1); // Throws for the default model.
        var data = new ParetoNbdData(frequency, recency, age, default, ParetoNbd.Name);
        double[] log = [Math.Log(purchases.R), Math.Log(purchases.Alpha), Math.Log(purchases.S), Math.Log(purchases.Beta)];
        return new ParetoNbdUncertainty(purchases, null, log, PredictionDelta.LogCovariance(data.NegativeLogLikelihood, log));
    }

    /// <summary>Estimates the covariance of a Pareto/NBD model fitted on an RFM summary.</summary>
    /// <param name="purchases">The fitted model.</param>
    /// <param name="summary">The summary it was fitted on.</param>
    /// <returns>The intervals' source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is empty.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase.</exception>
    public static ParetoNbdUncertainty Estimate(ParetoNbdModel purchases, RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Estimate(purchases, summary.Frequency, summary.Recency, summary.Age);
    }

    /// <summary>
    /// Estimates the joint (block-diagonal) covariance of a Pareto/NBD and a Gamma-Gamma model fitted on an RFM summary, for
    /// CLV intervals.
    /// </summary>
    /// <param name="purchases">The Pareto/NBD model fitted on <paramref name="summary"/>.</param>
    /// <param name="spend">The Gamma-Gamma model fitted on the summary's customers with repeat purchases.</param>
    /// <param name="summary">The summary (x, tₓ, T and z̄).</param>
    /// <returns>The intervals' source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is empty.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>.</exception>
    public static ParetoNbdUncertainty Estimate(ParetoNbdModel purchases, GammaGammaModel spend, RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var core = Estimate(purchases, summary.Frequency, summary.Recency, summary.Age);
        var (log, joint) = SpendUncertainty.Join(core._logParameters, core._covariance, spend, summary);
        return new ParetoNbdUncertainty(purchases, spend, log, joint);
    }

    /// <summary>
    /// Interval on a customer's discounted CLV (<see cref="ProbabilisticClv.Discounted(ParetoNbdModel, GammaGammaModel, double, int, double, double, double, double, double)"/>),
    /// from the joint uncertainty of both models (log scale).
    /// </summary>
    /// <param name="unitsPerMonth">Data time units per month, finite and &gt; 0 (<see cref="ProbabilisticClv.UnitsPerMonth"/>).</param>
    /// <param name="months">Horizon in months, 0 to <see cref="ProbabilisticClv.MaxMonths"/>.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, ≥ 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="meanSpend">z̄ (&gt; 0 when x &gt; 0).</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of revenue in the spend model's currency; [0, 0] for 0 months.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument, the row or the level is invalid.</exception>
    /// <exception cref="InvalidOperationException">No spend model was given to <see cref="Estimate(ParetoNbdModel, GammaGammaModel, RfmSummary)"/>.</exception>
    public ConfidenceInterval Clv(double unitsPerMonth, int months, double monthlyDiscountRate, double frequency, double recency, double age, double meanSpend,
        double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        var spend = RequireSpend();
        _ = ProbabilisticClv.Discounted(Purchases, spend, unitsPerMonth, months, monthlyDiscountRate, frequency, recency, age, meanSpend);
        return PredictionDelta.Interval(p => ProbabilisticClv.Discounted(Model(p), SpendUncertainty.Model(p), unitsPerMonth, months, monthlyDiscountRate,
            frequency, recency, age, meanSpend), _logParameters, _covariance, DeltaScale.Log, confidenceLevel);
    }

    /// <inheritdoc cref="BgNbdUncertainty.BaseClv"/>
    public ConfidenceInterval BaseClv(RfmSummary summary, int months, double monthlyDiscountRate, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Guard.ConfidenceLevel(confidenceLevel);
        _ = RequireSpend();
        return SpendUncertainty.BaseClv(summary.Count, (p, values) => ProbabilisticClv.Discounted(Model(p), SpendUncertainty.Model(p), summary, months, monthlyDiscountRate, values),
            _logParameters, _covariance, confidenceLevel);
    }

    /// <summary>Interval on P(alive | x, tₓ, T) (logit scale).</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of fractions in (0, 1]; [1, 1] when tₓ = T.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row or the level is invalid.</exception>
    public ConfidenceInterval ProbabilityAlive(double frequency, double recency, double age, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        _ = Purchases.ProbabilityAlive(frequency, recency, age);
        return Delta(m => m.ProbabilityAlive(frequency, recency, age), DeltaScale.Logit, confidenceLevel);
    }

    /// <summary>Interval on E[X(t)], the expected purchases of a new customer in a period of length t (log scale).</summary>
    /// <param name="t">Horizon, finite and ≥ 0, in the data's unit.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t or the level is invalid.</exception>
    public ConfidenceInterval ExpectedPurchases(double t, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.NonNegativeFinite(t);
        return Delta(m => m.ExpectedPurchases(t), DeltaScale.Log, confidenceLevel);
    }

    /// <summary>Interval on E[Y(t) | x, tₓ, T], a customer's expected purchases in the next t (log scale).</summary>
    /// <param name="t">Horizon, finite and ≥ 0, in the data's unit.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t, the row or the level is invalid.</exception>
    public ConfidenceInterval ConditionalExpectedPurchases(double t, double frequency, double recency, double age, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.NonNegativeFinite(t);
        _ = Purchases.ConditionalExpectedPurchases(t, frequency, recency, age);
        return Delta(m => m.ConditionalExpectedPurchases(t, frequency, recency, age), DeltaScale.Log, confidenceLevel);
    }

    /// <inheritdoc cref="BgNbdUncertainty.BaseExpectedPurchases(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>
    public ConfidenceInterval BaseExpectedPurchases(double t, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.NonNegativeFinite(t);
        var (x, tx, ages) = ValidatedRows(frequency, recency, age);
        return Delta(m =>
        {
            var sum = new NeumaierSum();
            for (int i = 0; i < x.Length; i++)
            {
                sum.Add(m.ConditionalExpectedPurchases(t, x[i], tx[i], ages[i]));
            }

            return sum.Value;
        }, DeltaScale.Log, confidenceLevel);
    }

    /// <summary>
    /// Interval on <see cref="ParetoNbdModel.DiscountedExpectedResidualTransactions"/> (log scale); multiplied by a margin and an
    /// expected spend per purchase it is the interval on the customer's residual CLV at fixed spend (Fader, Hardie &amp; Lee 2005,
    /// <i>RFM and CLV</i>).
    /// </summary>
    /// <param name="discountRate">Continuous discount rate per unit of the data's time, finite and &gt; 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of discounted expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate, the row or the level is invalid.</exception>
    public ConfidenceInterval DiscountedExpectedResidualTransactions(double discountRate, double frequency, double recency, double age, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        _ = Purchases.DiscountedExpectedResidualTransactions(discountRate, frequency, recency, age);
        return Delta(m => m.DiscountedExpectedResidualTransactions(discountRate, frequency, recency, age), DeltaScale.Log, confidenceLevel);
    }

    /// <summary>Copies of the columns after checking their lengths and every row (the first bad one named by index).</summary>
    private static (double[] X, double[] Tx, double[] T) ValidatedRows(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        Guard.SameLength(frequency.Length, recency.Length);
        Guard.SameLength(frequency.Length, age.Length);
        for (int row = 0; row < frequency.Length; row++)
        {
            ParetoNbdData.ValidateRow(frequency, recency, age, row);
        }

        return (frequency.ToArray(), recency.ToArray(), age.ToArray());
    }

    private ConfidenceInterval Delta(Func<ParetoNbdModel, double> prediction, DeltaScale scale, double confidenceLevel) =>
        PredictionDelta.Interval(p => prediction(Model(p)), _logParameters, _covariance, scale, confidenceLevel);

    private static ParetoNbdModel Model(double[] p) => new(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));

    private GammaGammaModel RequireSpend() => SpendUncertainty.Require(Spend, "ParetoNbdUncertainty.Estimate(purchases, spend, summary)");
}
