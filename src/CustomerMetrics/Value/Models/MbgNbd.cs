namespace CustomerMetrics.Value.Models;

/// <summary>
/// Fits the MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007, <i>Empirical validation and comparison of models for
/// customer base analysis</i>, IJRM 24(3)): as the BG/NBD (purchase rate λ ~ Gamma(r, α), dropout probability
/// p ~ Beta(a, b)), but a customer may also drop out at time 0, right after the first purchase, so a customer with no
/// repeat purchase need not be alive.
/// </summary>
/// <remarks>
/// <para>Input as for <see cref="ParetoNbd"/>: frequency x, recency tₓ, age T in one time unit (0 ≤ tₓ ≤ T, tₓ = 0 when x = 0).</para>
/// <para>Method: maximum likelihood on log(r, α, a, b) with the shared BFGS optimiser and the analytic gradient; customers
/// compressed to distinct (x, tₓ, T) with counts.</para>
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
public static class MbgNbd
{
    internal const string Name = "MBG/NBD";

    /// <summary>Fits r, α, a, b by maximum likelihood.</summary>
    /// <param name="frequency">x: repeat purchases per customer, whole numbers ≥ 0.</param>
    /// <param name="recency">tₓ: time of the last purchase since the first, 0 ≤ tₓ ≤ T (0 when x = 0).</param>
    /// <param name="age">T: time since the first purchase to the end of observation, &gt; 0.</param>
    /// <param name="weights">Optional non-negative count of customers per row; empty means 1 each.</param>
    /// <returns>The fitted model with its log-likelihood, standard errors and fit report.</returns>
    /// <exception cref="ArgumentException">Spans differ in length or are empty, or the weights sum to 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid (named by argument, row and value).</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or the optimisers could not reach finite parameters.</exception>
    public static MbgNbdModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        ReadOnlySpan<double> weights = default) => Fit(new MbgNbdData(frequency, recency, age, weights), null);

    /// <summary>Fits the model to an RFM summary: its frequency, recency and T columns, in the summary's period unit.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The fitted model; its rates are per <see cref="RfmSummary.Unit"/>, recorded in <see cref="MbgNbdModel.Unit"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is empty.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or the fit failed.</exception>
    public static MbgNbdModel Fit(RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(new MbgNbdData(summary.Frequency, summary.Recency, summary.Age, default), summary.Unit);
    }

    internal static MbgNbdModel Fit(MbgNbdData data, PeriodUnit? unit)
    {
        double alpha0 = Math.Clamp(data.MeanAge / Math.Max(data.MeanFrequency, 1e-3), 1e-3, 1e6);
        var result = ModelOptimizer.Minimize(data.Objective, [0, Math.Log(alpha0), 0, 0], Name);
        double[] p = result.LogParameters;
        double ll = data.LogLikelihood(p, new double[4]);
        double[] errors = ModelOptimizer.StandardErrors(data.NegativeLogLikelihood, p);
        return new MbgNbdModel(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]), ll, data.TotalWeight, result.Info,
            errors[0], errors[1], errors[2], errors[3], unit);
    }
}
