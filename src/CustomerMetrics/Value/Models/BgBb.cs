using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Fits the BG/BB ("beta-geometric / beta-Bernoulli") model of repeat transactions at discrete opportunities (Fader,
/// Hardie &amp; Shang 2010, <i>Customer-Base Analysis in a Discrete-Time Noncontractual Setting</i>, Marketing Science
/// 29(6)): at each opportunity an alive customer transacts with probability p ~ Beta(α, β), and before each opportunity
/// dies with probability θ ~ Beta(γ, δ).
/// </summary>
/// <remarks>
/// <para>Input per customer: <b>frequency</b> x = transactions in the n opportunities after the first, <b>recency</b>
/// tₓ = the opportunity of the last one (0 when x = 0), <b>opportunities</b> n. Whole numbers, x ≤ tₓ ≤ n.</para>
/// <para>Method: maximum likelihood on log(α, β, γ, δ) with the shared BFGS optimiser and the analytic gradient; customers
/// are compressed to distinct (x, tₓ, n) with counts (a cohort has at most (n+1)(n+2)/2 patterns).</para>
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
public static class BgBb
{
    internal const string Name = "BG/BB";

    /// <summary>Fits α, β, γ, δ by maximum likelihood.</summary>
    /// <param name="frequency">x: repeat transactions per customer, whole numbers 0 … n.</param>
    /// <param name="recency">tₓ: the opportunity of the last transaction, x ≤ tₓ ≤ n (0 when x = 0).</param>
    /// <param name="opportunities">n: transaction opportunities after the first transaction, whole numbers ≥ 1.</param>
    /// <param name="weights">Optional non-negative count of customers per row (the donations data come as such counts); empty means 1 each.</param>
    /// <returns>The fitted model with its log-likelihood, standard errors and fit report.</returns>
    /// <exception cref="ArgumentException">Spans differ in length or are empty, or the weights sum to 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid (named by argument, row and value).</exception>
    /// <exception cref="ModelFitException">No customer has a repeat transaction, or the optimisers could not reach finite parameters.</exception>
    public static BgBbModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> opportunities,
        ReadOnlySpan<double> weights = default) => Fit(new BgBbData(frequency, recency, opportunities, weights), null);

    /// <summary>
    /// Fits the model to an RFM summary counted in whole periods (<see cref="PeriodCounting.WholePeriods"/>), where each
    /// period is one opportunity: frequency = x, recency = tₓ, T = n.
    /// </summary>
    /// <param name="summary">The summary; its unit is the opportunity and is kept in <see cref="BgBbModel.Unit"/>.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is empty or not counted in whole periods (opportunities must be discrete).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A customer has T = 0 (first seen in the last period: no opportunity yet).</exception>
    /// <exception cref="ModelFitException">No customer has a repeat transaction, or the fit failed.</exception>
    public static BgBbModel Fit(RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Counting != PeriodCounting.WholePeriods)
        {
            ThrowHelper.Argument(nameof(summary), "The BG/BB model needs discrete opportunities: summarise the log with PeriodCounting.WholePeriods.");
        }

        return Fit(new BgBbData(summary.Frequency, summary.Recency, summary.Age, default), summary.Unit);
    }

    internal static BgBbModel Fit(BgBbData data, PeriodUnit? unit)
    {
        var result = ModelOptimizer.Minimize(data.Objective, [0, 0, 0, 0], Name);
        double[] p = result.LogParameters;
        double ll = data.LogLikelihood(p, new double[4]);
        double[] errors = ModelOptimizer.StandardErrors(data.NegativeLogLikelihood, p);
        return new BgBbModel(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]), ll, data.TotalWeight, result.Info,
            errors[0], errors[1], errors[2], errors[3], unit);
    }
}
