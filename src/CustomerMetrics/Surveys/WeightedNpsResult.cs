using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The weighted sums behind a survey-weighted NPS: each response counts with its weight, the score is
/// 100 × (W_promoters − W_detractors) / W, and intervals use Kish's effective sample size
/// n_eff = (Σw)² / Σw² in place of n (Kish 1965, <i>Survey Sampling</i>).
/// </summary>
/// <remarks>
/// Sums are doubles accumulated with Neumaier compensation; merging with <see cref="op_Addition"/> adds them, which is
/// commutative and, up to double rounding, associative. With no weight (no responses, or all weights 0) the score and
/// shares are NaN and <see cref="Interval"/> throws.
/// <para>Every way to make one (constructor, merge, JSON) checks that the sums agree with each other and with the
/// count; a merge whose sums overflow throws <see cref="OverflowException"/>.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct WeightedNpsResult
{
    /// <summary>Creates a result from the weighted sums of a strict calculation (no rejected entries).</summary>
    /// <param name="promoterWeight">Σ weights of responses 9–10; finite, ≥ 0.</param>
    /// <param name="passiveWeight">Σ weights of responses 7–8; finite, ≥ 0.</param>
    /// <param name="detractorWeight">Σ weights of responses 0–6; finite, ≥ 0.</param>
    /// <param name="sumOfSquaredWeights">Σ w² over all valid responses; finite, ≥ 0.</param>
    /// <param name="count">Number of valid responses; ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A sum is negative, NaN or infinite, or a count is negative.</exception>
    /// <exception cref="ArgumentException">The sums disagree with each other or with the count (see the other constructor).</exception>
    public WeightedNpsResult(double promoterWeight, double passiveWeight, double detractorWeight, double sumOfSquaredWeights, long count)
        : this(promoterWeight, passiveWeight, detractorWeight, sumOfSquaredWeights, count, 0)
    {
    }

    /// <summary>Creates a result from weighted sums; the JSON constructor (every field is required).</summary>
    /// <param name="promoterWeight">Σ weights of responses 9–10; finite, ≥ 0.</param>
    /// <param name="passiveWeight">Σ weights of responses 7–8; finite, ≥ 0.</param>
    /// <param name="detractorWeight">Σ weights of responses 0–6; finite, ≥ 0.</param>
    /// <param name="sumOfSquaredWeights">Σ w² over all valid responses; finite, ≥ 0.</param>
    /// <param name="count">Number of valid responses; ≥ 0.</param>
    /// <param name="rejected">Entries a lenient calculation skipped; ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A sum is negative, NaN or infinite, or a count is negative.</exception>
    /// <exception cref="ArgumentException">
    /// The sums disagree: weight without responses (<paramref name="count"/> 0), Σw² without weight, or Σw² outside
    /// [(Σw)² ÷ n, (Σw)²] (Cauchy–Schwarz; checked to a relative 1e-9 for rounding).
    /// </exception>
    /// <exception cref="OverflowException">The total weight overflows, or count + rejected exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public WeightedNpsResult(double promoterWeight, double passiveWeight, double detractorWeight, double sumOfSquaredWeights, long count, long rejected)
    {
        Guard.NonNegativeFinite(promoterWeight);
        Guard.NonNegativeFinite(passiveWeight);
        Guard.NonNegativeFinite(detractorWeight);
        Guard.NonNegativeFinite(sumOfSquaredWeights);
        Guard.NonNegative(count);
        Guard.NonNegative(rejected);
        _ = Guard.Total("count + rejected", count, rejected);
        double total = Guard.FiniteSum(promoterWeight + passiveWeight + detractorWeight, "promoterWeight + passiveWeight + detractorWeight");
        Guard.Consistent(count > 0 || total == 0, nameof(promoterWeight),
            $"the weights sum to {total:R} but count is 0; weight needs responses.");
        Guard.SumOfSquaredWeights(total, sumOfSquaredWeights, count);

        PromoterWeight = promoterWeight;
        PassiveWeight = passiveWeight;
        DetractorWeight = detractorWeight;
        SumOfSquaredWeights = sumOfSquaredWeights;
        Count = count;
        Rejected = rejected;
    }

    /// <summary>Σ weights of responses 9–10.</summary>
    public double PromoterWeight { get; }

    /// <summary>Σ weights of responses 7–8.</summary>
    public double PassiveWeight { get; }

    /// <summary>Σ weights of responses 0–6.</summary>
    public double DetractorWeight { get; }

    /// <summary>Σ w² over the valid responses (for the effective sample size).</summary>
    public double SumOfSquaredWeights { get; }

    /// <summary>Number of valid responses, whatever their weights.</summary>
    public long Count { get; }

    /// <summary>Entries a lenient calculation skipped (score outside 0–10, or a weight that is negative, NaN or infinite).</summary>
    public long Rejected { get; }

    /// <summary>Σ weights of all valid responses.</summary>
    public double TotalWeight => PromoterWeight + PassiveWeight + DetractorWeight;

    /// <summary>Kish's effective sample size (Σw)² / Σw²; equals <see cref="Count"/> for equal weights; NaN with no weight.</summary>
    public double EffectiveSampleSize => SumOfSquaredWeights == 0 ? double.NaN : TotalWeight * (TotalWeight / SumOfSquaredWeights);

    /// <summary>Weighted NPS in points, −100 to 100; NaN with no weight.</summary>
    public double Score => TotalWeight == 0 ? double.NaN : 100 * (PromoterWeight - DetractorWeight) / TotalWeight;

    /// <summary>Weighted promoter fraction, 0 to 1; NaN with no weight.</summary>
    public double PromoterShare => TotalWeight == 0 ? double.NaN : PromoterWeight / TotalWeight;

    /// <summary>Weighted passive fraction, 0 to 1; NaN with no weight.</summary>
    public double PassiveShare => TotalWeight == 0 ? double.NaN : PassiveWeight / TotalWeight;

    /// <summary>Weighted detractor fraction, 0 to 1; NaN with no weight.</summary>
    public double DetractorShare => TotalWeight == 0 ? double.NaN : DetractorWeight / TotalWeight;

    /// <summary>
    /// A confidence interval for <see cref="Score"/> in points, clamped to [−100, 100]: the chosen Rocks (2016) method
    /// applied to the weighted shares with n replaced by <see cref="EffectiveSampleSize"/>.
    /// </summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1.</param>
    /// <param name="method">The interval method; adjusted Wald by default.</param>
    /// <returns>The interval in points.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException">There is no weight.</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95, NpsIntervalMethod method = NpsIntervalMethod.AdjustedWald) =>
        NpsInterval.Compute(PromoterShare, DetractorShare, TotalWeight == 0 ? 0 : EffectiveSampleSize, confidenceLevel, method);

    /// <summary>Merges two disjoint sets of weighted responses by adding their sums and counts.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="OverflowException">A merged sum or count overflows.</exception>
    public static WeightedNpsResult operator +(WeightedNpsResult left, WeightedNpsResult right) => new(
        Guard.FiniteSum(left.PromoterWeight + right.PromoterWeight, nameof(PromoterWeight)),
        Guard.FiniteSum(left.PassiveWeight + right.PassiveWeight, nameof(PassiveWeight)),
        Guard.FiniteSum(left.DetractorWeight + right.DetractorWeight, nameof(DetractorWeight)),
        Guard.FiniteSum(left.SumOfSquaredWeights + right.SumOfSquaredWeights, nameof(SumOfSquaredWeights)),
        checked(left.Count + right.Count),
        checked(left.Rejected + right.Rejected));

    /// <summary>Merges two results; the named form of <see cref="op_Addition"/>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="OverflowException">A merged sum or count overflows.</exception>
    public static WeightedNpsResult Add(WeightedNpsResult left, WeightedNpsResult right) => left + right;

    /// <summary>Formats as <c>weighted NPS 21.3 (n = 1,000, effective n = 812.4)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"weighted NPS {Score:0.0} (n = {Count:N0}, effective n = {EffectiveSampleSize:0.0}{NpsResult.RejectedText(Rejected)})");
}
