using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Fits the Pareto/NBD model of non-contractual repeat purchasing (Schmittlein, Morrison &amp; Colombo 1987,
/// <i>Counting Your Customers: Who Are They and What Will They Do Next?</i>, Management Science 33(1)): while alive a
/// customer buys as a Poisson process with rate λ ~ Gamma(r, α) and has an exponential lifetime with rate μ ~ Gamma(s, β).
/// </summary>
/// <remarks>
/// <para>Input per customer, in one time unit of your choice (every rate and prediction is then in that unit):
/// <b>frequency</b> x = repeat purchases, <b>recency</b> tₓ = time of the last purchase since the first (0 when x = 0),
/// <b>age</b> T = time from the first purchase to the end of observation. 0 ≤ tₓ ≤ T, T &gt; 0.</para>
/// <para>Method: maximum likelihood on log(r, α, s, β) with MathNet.Numerics' BFGS and the analytic gradient (Nelder–Mead
/// fallback), through the shared model optimiser of <see cref="BgNbd"/>. The likelihood (Fader, Hardie &amp; Lee 2005,
/// <i>A note on deriving the Pareto/NBD model and related expressions</i>) is evaluated with its Gauss hypergeometric
/// part in a bounded Euler-transformed form, finite for any x (tested to x = 10,000) and for α above, below or equal to β.
/// Customers are compressed to distinct (x, tₓ, T) with counts and the sum runs on every core. Standard errors come from
/// the observed information.</para>
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
public static class ParetoNbd
{
    internal const string Name = "Pareto/NBD";

    /// <summary>Fits r, α, s, β by maximum likelihood.</summary>
    /// <param name="frequency">x: repeat purchases per customer, whole numbers ≥ 0.</param>
    /// <param name="recency">tₓ: time of the last purchase since the first, 0 ≤ tₓ ≤ T (0 when x = 0), in the data's time unit.</param>
    /// <param name="age">T: time since the first purchase to the end of observation, &gt; 0, same unit.</param>
    /// <param name="weights">Optional non-negative weight per row (the count of identical customers); empty means 1 each.</param>
    /// <returns>The fitted model with its log-likelihood, standard errors and <see cref="ModelFitInfo"/>. A fit whose optimum
    /// is not an isolated interior maximum reports <see cref="ModelFitInfo.Converged"/> = false.</returns>
    /// <exception cref="ArgumentException">Spans differ in length or are empty, or the weights sum to 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid (x &lt; 0 or fractional, T ≤ 0, tₓ outside [0, T],
    /// tₓ ≠ 0 with x = 0, a negative weight, NaN or ∞); the message names the argument, the row and the value.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or the optimisers could not reach finite parameters.</exception>
    public static ParetoNbdModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age,
        ReadOnlySpan<double> weights = default) => Fit(new ParetoNbdData(frequency, recency, age, weights, Name), null);

    /// <summary>Fits the model to an RFM summary: its frequency, recency and T columns, in the summary's period unit.</summary>
    /// <param name="summary">The summary from <see cref="Rfm.Summarize"/> or <see cref="RfmSummary.FromColumns"/>.</param>
    /// <returns>The fitted model; its rates are per <see cref="RfmSummary.Unit"/>, recorded in <see cref="ParetoNbdModel.Unit"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is empty.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or the optimisers could not reach finite parameters.</exception>
    public static ParetoNbdModel Fit(RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(new ParetoNbdData(summary.Frequency, summary.Recency, summary.Age, default, Name), summary.Unit);
    }

    /// <summary>
    /// Distinct rows per customer set above which the fit starts from a fit on a systematic subsample (every k-th distinct
    /// row of the (x, T, tₓ) order, about <see cref="SubsampleRows"/> rows) and the subsample's Hessian as the first curvature
    /// (<see cref="ModelOptimizer.MinimizeWarm"/>): the full data then need about 6 BFGS iterations instead of about 21 (27 from the usual start).
    /// </summary>
    internal const int SubsampleThreshold = 16_384;

    /// <summary>Distinct rows of the subsample that gives the start of a large fit.</summary>
    internal const int SubsampleRows = 4_096;

    internal static ParetoNbdModel Fit(ParetoNbdData data, PeriodUnit? unit)
    {
        double[] start = Start(data);
        Matrix<double>? warm = null;
        if (data.DistinctRows >= SubsampleThreshold)
        {
            // A start from the subsample's maximum (a stratified sample: rows are ordered by x, T, tₓ); if that fit fails
            // or does not converge, the usual start. The reported fit (iterations, evaluations, convergence) is the full data's.
            ParetoNbdData? sample = data.Subsample(data.DistinctRows / SubsampleRows);
            try
            {
                var first = sample is null ? default : ModelOptimizer.Minimize(sample.Objective, start, Name);
                if (first.Info.Converged)
                {
                    start = first.LogParameters;
                    warm = first.ObjectiveHessian;
                }
            }
            catch (ModelFitException)
            {
                // Keep the usual start.
            }
        }

        // From the subsample's maximum, BFGS whose first inverse Hessian is the subsample's (its objective is per unit weight,
        // like the full data's): about 6 iterations instead of about 21 from an identity; MathNet's BFGS from that start
        // when the warm search fails.
        // Small fits: BFGS whose first curvature is the Hessian at the usual start (40 evaluations instead of 62 on
        // CDNOW). MathNet's BFGS from that start when either search fails.
        var result = (warm is not null ? ModelOptimizer.MinimizeWarm(data.Objective, start, warm, Name, 0, 0)
                : data.DistinctRows < SubsampleThreshold ? ModelOptimizer.MinimizeFromStartCurvature(data.Objective, start, Name) : null)
            ?? ModelOptimizer.Minimize(data.Objective, start, Name);
        double[] p = result.LogParameters;
        double ll = data.LogLikelihood(p, new double[4]);

        // The identification check's Hessian of the objective (−LL/Σw, no penalty) gives the standard errors without
        // differencing the likelihood again (8 gradient evaluations fewer).
        double[] errors = ModelOptimizer.StandardErrors(result, data.TotalWeight, 0, data.NegativeLogLikelihood);
        return new ParetoNbdModel(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]), ll, data.TotalWeight, result.Info,
            errors[0], errors[1], errors[2], errors[3], unit);
    }

    /// <summary>The usual start: r = s = 1, α from the NBD mean x̄ ≈ r T̄/α, β = T̄ (mean lifetime about the observed span).</summary>
    internal static double[] Start(ParetoNbdData data)
    {
        double alpha0 = Math.Clamp(data.MeanAge / Math.Max(data.MeanFrequency, 1e-3), 1e-3, 1e6);
        return [0, Math.Log(alpha0), 0, Math.Log(Math.Max(data.MeanAge, 1e-3))];
    }

    /// <summary>The total log-likelihood of the data at given parameters (for likelihood-ratio tests and tests).</summary>
    internal static double LogLikelihood(double r, double alpha, double s, double beta, ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> recency, ReadOnlySpan<double> age)
    {
        var data = new ParetoNbdData(frequency, recency, age, default, Name);
        return data.LogLikelihood([Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)], new double[4]);
    }
}
