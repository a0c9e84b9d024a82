using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Fits the BG/NBD ("beta-geometric / negative binomial distribution") model of non-contractual repeat purchasing
/// (Fader, Hardie &amp; Lee 2005, <i>"Counting Your Customers" the Easy Way: An Alternative to the Pareto/NBD Model</i>,
/// Marketing Science 24(2)): while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α), and after each
/// purchase drops out with probability p ~ Beta(a, b).
/// </summary>
/// <remarks>
/// <para>Input per customer, in one time unit of your choice (days, weeks…; every rate and prediction is then in that
/// unit): <b>frequency</b> x = number of repeat purchases (purchase periods after the first), <b>recency</b> tₓ = time
/// of the last purchase measured from the first, <b>age</b> T = time from the first purchase to the end of the
/// observation window. 0 ≤ tₓ ≤ T, T ≥ 0. A customer whose first purchase falls on the observation end (T = 0, which
/// <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/> produces
/// routinely) must have x = tₓ = 0; it is <b>included</b>: its likelihood is 1 (no time to observe), so it adds nothing to
/// the log-likelihood or its gradient, and it is counted in <see cref="BgNbdModel.Customers"/>.</para>
/// <para>Method: maximum likelihood on log(r, α, a, b) with MathNet.Numerics' BFGS and the analytic gradient (Nelder–Mead
/// fallback), log-likelihood in log-sum-exp form. From 65,536 customers the search starts warm: a fit on every 64th
/// customer (in x order, so stratified by frequency), then BFGS on all customers from that optimum with the subsample's
/// Hessian as first curvature, to a gradient norm of 1e-10 (about 5 passes over the data instead of about 45); the
/// reported iterations and evaluations count passes over all customers only. If the subsample fit does not converge, the
/// full search from the default start runs instead. Terms that depend only on x are computed once per distinct x per
/// evaluation; the per-customer part is vectorised and runs on both cores (allocation-free fork-join) over fixed chunks of 32,768 customers whose
/// partial sums are added in chunk order, so the fit does not depend on the number of cores or the scheduling. Standard
/// errors come from the observed information (central differences of the analytic gradient, shared with the
/// identification check). Memory: the input regrouped by frequency (about 28 bytes per customer), once; the optimisation
/// itself allocates in proportion to the parameters, not the customers.</para>
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
public static class BgNbd
{
    /// <summary>Fits r, α, a, b by maximum likelihood.</summary>
    /// <param name="frequency">x: repeat purchases per customer, whole numbers ≥ 0.</param>
    /// <param name="recency">tₓ: time of the last purchase since the first, 0 ≤ tₓ ≤ T (0 when x = 0), in the data's time unit.</param>
    /// <param name="age">T: time since the first purchase to the end of observation, ≥ 0 (T = 0 needs x = 0; such rows add nothing to the likelihood), same unit.</param>
    /// <param name="weights">Optional non-negative weight per row (e.g. the count of identical customers when rows are
    /// grouped); empty means weight 1 for every row.</param>
    /// <param name="penalty">L2 penalty λ ≥ 0 on the log parameters: the fit minimises −LL/Σw + λ Σ (ln θ)² over
    /// θ = r, α, a, b, shrinking each towards 1 and keeping the optimum interior when the data show no dropout (the
    /// <c>lifetimes</c> package penalises θ² instead, which can drive a and b to 0); 0 (the default) is plain maximum likelihood.
    /// With a penalty, <see cref="BgNbdModel.LogLikelihood"/> is still the unpenalised log-likelihood at the solution.</param>
    /// <returns>The fitted model with its log-likelihood, standard errors and <see cref="ModelFitInfo"/>.</returns>
    /// <exception cref="ArgumentException">Spans differ in length or are empty, or the weights sum to 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid (x &lt; 0 or fractional, T &lt; 0, x &gt; 0 with T = 0,
    /// tₓ &lt; 0 or tₓ &gt; T, a negative weight, NaN or ∞), or the penalty is negative or not finite; the message names the
    /// argument, the row and the value.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or the optimisers could not reach finite
    /// parameters.</exception>
    public static BgNbdModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        ReadOnlySpan<double> weights = default, double penalty = 0) =>
        Fit(frequency, recency, age, weights, penalty, VectorPath.Auto);

    /// <summary>Fits the model to an RFM summary: its frequency, recency and T columns, in the summary's period unit.</summary>
    /// <param name="summary">The summary from <c>Rfm.Summarize</c> or <see cref="RfmSummary.FromColumns"/>.</param>
    /// <returns>The fitted model; its rates are per <see cref="RfmSummary.Unit"/>. Customers of age 0 (first purchase on the
    /// observation end) are included and add nothing to the likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is empty.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or the optimisers could not reach finite parameters.</exception>
    public static BgNbdModel Fit(RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.Frequency, summary.Recency, summary.Age);
    }

    internal static BgNbdModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        ReadOnlySpan<double> weights, double penalty, VectorPath path)
    {
        Guard.NonNegativeFinite(penalty);
        return Fit(new BgNbdLikelihood(frequency, recency, age, weights) { Penalty = penalty, Path = path });
    }

    /// <summary>
    /// Fits prepared data (the setup: validation and the regrouping by x, linear in customers, is done). The fit itself
    /// allocates only in proportion to the parameters and iterations (optimiser vectors, the Hessian, the parallel loop's
    /// bookkeeping), never per customer.
    /// </summary>
    /// <param name="data">Validated, regrouped customers.</param>
    /// <param name="start">Log parameters to start from (a warm start, e.g. the point estimate for a bootstrap refit);
    /// null for the default start (r = a = b = 1, α from the mean frequency and age).</param>
    internal static BgNbdModel Fit(BgNbdLikelihood data, double[]? start = null)
    {
        // Default start: r = 1 and α from the NBD mean x̄ ≈ r T̄/α; a = 1, b = 1 (neutral dropout).
        double alpha0 = Math.Clamp(data.MeanAge / Math.Max(data.MeanFrequency, 1e-3), 1e-3, 1e6);
        ModelOptimizer.Result result = (start is null ? WarmFit(data) : null)
            ?? ModelOptimizer.Minimize(data.Objective, start ?? [0, Math.Log(alpha0), 0, 0], "BG/NBD");
        double[] p = result.LogParameters;
        double ll = data.LogLikelihoodAt(p);
        double[] errors = ModelOptimizer.StandardErrors(result, data.TotalWeight, data.Penalty, data.NegativeLogLikelihood);
        return new BgNbdModel(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]))
        {
            LogLikelihood = ll,
            Customers = data.TotalWeight,
            FitInfo = result.Info,
            RStandardError = errors[0],
            AlphaStandardError = errors[1],
            AStandardError = errors[2],
            BStandardError = errors[3],
        };
    }

    /// <summary>Customers from which <see cref="Fit(BgNbdLikelihood, double[])"/> starts from a subsample fit.</summary>
    internal const int WarmStartCustomers = 1 << 16;

    /// <summary>Stride of the warm start's subsample: every 64th customer (at least 1,024 of them).</summary>
    internal const int WarmStartStride = 64;

    /// <summary>
    /// The fit of a large data set in few passes: fit every <see cref="WarmStartStride"/>-th customer (stratified by x) with
    /// the full search, then run BFGS on all customers from that optimum with the subsample's Hessian as its first
    /// curvature (3–6 passes instead of about 35), then the usual checks. Null when the data are too small, the subsample
    /// fit did not converge, or the warm search failed: the caller then runs the full search from the default start.
    /// </summary>
    internal static ModelOptimizer.Result? WarmFit(BgNbdLikelihood data, int minimumCustomers = WarmStartCustomers)
    {
        if (data.Customers < minimumCustomers || data.Subsample(WarmStartStride) is not { } sample)
        {
            return null;
        }

        double alpha0 = Math.Clamp(sample.MeanAge / Math.Max(sample.MeanFrequency, 1e-3), 1e-3, 1e6);
        ModelOptimizer.Result warm;
        try
        {
            warm = ModelOptimizer.Minimize(sample.Objective, [0, Math.Log(alpha0), 0, 0], "BG/NBD");
        }
        catch (ModelFitException)
        {
            return null;
        }

        if (!warm.Info.Converged || warm.ObjectiveHessian is not { } hessian)
        {
            return null;
        }

        return ModelOptimizer.MinimizeWarm(data.Objective, warm.LogParameters, hessian, "BG/NBD", 0, 0);
    }
}
