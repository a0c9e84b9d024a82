using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// What <see cref="Raking"/> did: whether the weights reproduce the target margins (and why not), the sweeps it took,
/// the largest margin error at the stop, how many weights trimming moved, and the weights' Kish design
/// effect and effective sample size (Kish 1965, <i>Survey Sampling</i>).
/// </summary>
/// <remarks>
/// <para>The design effect is n·Σw² ÷ (Σw)² = 1 + CV² of the weights (CV with the population variance over all n
/// responses) and the effective sample size (Σw)² ÷ Σw² = n ÷ design effect: the precision an unweighted sample of that
/// size would have. With no weight both are NaN.</para>
/// <para>Every way to make one (constructor, JSON) checks the fields agree: a converged result has no reason and a
/// non-converged one has one; Σw² lies in [(Σw)²/n, (Σw)²]; trimmed ≤ count.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct RakingResult
{
    /// <summary>Creates a result; the JSON constructor (every field is required).</summary>
    /// <param name="converged">Whether every weighted share is within the tolerance of its target.</param>
    /// <param name="reason">Why raking did not converge; <see langword="null"/> exactly when <paramref name="converged"/> (and in the empty <c>default</c>).</param>
    /// <param name="iterations">Sweeps over all variables, ≥ 0.</param>
    /// <param name="maxMarginError">The largest |weighted category total − target total| ÷ the population over all categories at the stop (for share targets, the share error), a fraction ≥ 0, or NaN.</param>
    /// <param name="count">Number of responses weighted, ≥ 0.</param>
    /// <param name="totalWeight">Σw, finite, ≥ 0.</param>
    /// <param name="sumOfSquaredWeights">Σw², finite, ≥ 0, in [(Σw)²/n, (Σw)²] (relative 1e-9).</param>
    /// <param name="trimmed">Responses whose weight trimming moved at least once, 0 to <paramref name="count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or a sum is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The fields disagree (see remarks).</exception>
    [JsonConstructor]
    public RakingResult(bool converged, string? reason, int iterations, double maxMarginError, long count, double totalWeight, double sumOfSquaredWeights, long trimmed)
    {
        Guard.NonNegative(iterations);
        Guard.NaNOrNonNegativeFinite(maxMarginError);
        Guard.NonNegative(count);
        Guard.NonNegativeFinite(totalWeight);
        Guard.NonNegativeFinite(sumOfSquaredWeights);
        Guard.NonNegative(trimmed);
        Guard.Consistent(trimmed <= count, nameof(trimmed), $"is {trimmed} but only {count} responses were weighted.");
        // default (nothing raked: not converged, no reason, no responses) is the one result without a reason.
        bool isDefault = !converged && reason is null && count == 0 && iterations == 0;
        Guard.Consistent(isDefault || converged == (reason is null), nameof(reason),
            converged ? "must be null for a converged result." : "must say why raking did not converge.");
        Guard.Consistent(count > 0 || totalWeight == 0, nameof(totalWeight), $"is {totalWeight:R} but count is 0.");
        Guard.SumOfSquaredWeights(totalWeight, sumOfSquaredWeights, count);

        Converged = converged;
        Reason = reason;
        Iterations = iterations;
        MaxMarginError = maxMarginError;
        Count = count;
        TotalWeight = totalWeight;
        SumOfSquaredWeights = sumOfSquaredWeights;
        Trimmed = trimmed;
    }

    /// <summary>Whether every weighted category share is within the tolerance of its target share.</summary>
    public bool Converged { get; }

    /// <summary>Why raking did not converge; <see langword="null"/> when it did, and in <c>default</c> (nothing raked).</summary>
    public string? Reason { get; }

    /// <summary>Sweeps over all variables (each sweep adjusts every variable once, then trims).</summary>
    public int Iterations { get; }

    /// <summary>
    /// The largest |weighted category total − target total| ÷ population over all categories of all variables at the
    /// stop: a fraction, the share error when the weights sum to the population.
    /// </summary>
    public double MaxMarginError { get; }

    /// <summary>Number of responses weighted.</summary>
    public long Count { get; }

    /// <summary>Σw: n when the targets are shares (mean weight 1), the population total when they are totals.</summary>
    public double TotalWeight { get; }

    /// <summary>Σw².</summary>
    public double SumOfSquaredWeights { get; }

    /// <summary>Responses whose weight trimming moved to a bound at least once (0 without trimming).</summary>
    public long Trimmed { get; }

    /// <summary>Kish's design effect from weighting, n·Σw² ÷ (Σw)² = 1 + CV² (≥ 1); NaN with no weight.</summary>
    public double DesignEffect => TotalWeight == 0 ? double.NaN : Count * (SumOfSquaredWeights / TotalWeight) / TotalWeight;

    /// <summary>Kish's effective sample size (Σw)² ÷ Σw² = n ÷ design effect; NaN with no weight.</summary>
    public double EffectiveSampleSize => SumOfSquaredWeights == 0 ? double.NaN : TotalWeight * (TotalWeight / SumOfSquaredWeights);

    /// <summary>Formats as <c>raking converged in 7 sweeps (max margin error 3.1E-07; design effect 1.42, effective n 704.2 of 1,000)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"raking {(Converged ? "converged" : "did not converge")} in {Iterations} sweeps (max margin error {MaxMarginError:G2}; design effect {DesignEffect:0.00}, effective n {EffectiveSampleSize:0.0} of {Count:N0}{(Trimmed > 0 ? $"; {Trimmed:N0} trimmed" : "")}){(Converged ? "" : ": " + Reason)}");
}
