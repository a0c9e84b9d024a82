using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The weighted sums behind a survey-weighted Customer Effort Score: Σ weights per scale point, Σw², and the counts.
/// The scores are those of <see cref="CesResult"/> with each response counted with its weight; the interval uses
/// Kish's effective sample size n_eff = (Σw)² ÷ Σw² in place of n (Kish 1965, <i>Survey Sampling</i>).
/// </summary>
/// <remarks>
/// <para>Weights per point are doubles summed with Neumaier compensation; <see cref="op_Addition"/> adds them
/// (commutative, associative up to double rounding) when the scales agree; <c>default</c> (scale
/// <see cref="CesScale.None"/>) is the empty identity and round-trips through JSON.</para>
/// <para>With no weight the mean and shares are NaN and <see cref="MeanInterval"/> throws.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct WeightedCesResult
{
    private readonly double[]? _weights;

    /// <summary>Creates a result from weighted sums; the JSON constructor (every field is required).</summary>
    /// <param name="scale">The questionnaire; <see cref="CesScale.None"/> only with no weights (the empty <c>default</c>).</param>
    /// <param name="weights">Σ weights of ratings 1, 2, …, one per scale point (none for <see cref="CesScale.None"/>), each finite and ≥ 0.</param>
    /// <param name="sumOfSquaredWeights">Σ w² over the valid responses; finite, ≥ 0, within [(Σw)²/n, (Σw)²].</param>
    /// <param name="count">Valid responses, ≥ 0.</param>
    /// <param name="rejected">Entries a lenient calculation skipped, ≥ 0.</param>
    /// <exception cref="ArgumentException">The scale is not defined, the weights are not one per point, or the sums disagree with each other or the count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight or sum is negative, NaN or infinite, or a count is negative.</exception>
    /// <exception cref="OverflowException">count + rejected exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public WeightedCesResult(CesScale scale, IReadOnlyList<double> weights, double sumOfSquaredWeights, long count, long rejected)
    {
        if (scale != CesScale.None)
        {
            CesResult.CheckScale(scale);
        }

        Guard.Consistent(scale != CesScale.None || count == 0, nameof(count), $"is {count} but the scale is None; responses need a scale.");

        _weights = WeightedPoints.Check(weights, (int)scale, sumOfSquaredWeights, count, rejected, nameof(weights));
        Scale = scale;
        SumOfSquaredWeights = sumOfSquaredWeights;
        Count = count;
        Rejected = rejected;
    }

    /// <summary>The questionnaire; <see cref="CesScale.None"/> only for the empty <c>default</c>.</summary>
    public CesScale Scale { get; }

    /// <summary>Number of points on the scale: 5, 7, or 0 for <c>default</c>.</summary>
    public int Points => (int)Scale;

    /// <summary>A copy of Σ weights per rating (element i holds rating i + 1).</summary>
    public IReadOnlyList<double> Weights => PointWeights.ToArray();

    /// <summary>Σ w² over the valid responses.</summary>
    public double SumOfSquaredWeights { get; }

    /// <summary>Valid responses, whatever their weights.</summary>
    public long Count { get; }

    /// <summary>Entries a lenient calculation skipped (off-scale rating, or a weight that is negative, NaN or infinite).</summary>
    public long Rejected { get; }

    /// <summary>Σ weights of all valid responses.</summary>
    public double TotalWeight => WeightedPoints.Total(PointWeights);

    /// <summary>Kish's effective sample size (Σw)² ÷ Σw²; equals <see cref="Count"/> for equal weights; NaN with no weight.</summary>
    public double EffectiveSampleSize => SumOfSquaredWeights == 0 ? double.NaN : TotalWeight * (TotalWeight / SumOfSquaredWeights);

    /// <summary>Weighted mean rating Σw·x ÷ Σw on the scale's units; NaN with no weight.</summary>
    public double Mean => WeightedPoints.Mean(PointWeights);

    /// <summary>
    /// Weighted standard deviation of the ratings, √(Σw(x − x̄)² ÷ Σw · n_eff ÷ (n_eff − 1)) (the n − 1 correction on the
    /// effective n); NaN with an effective sample size of 1 or less.
    /// </summary>
    public double StandardDeviation
    {
        get
        {
            double n = EffectiveSampleSize;
            return n > 1 ? Math.Sqrt(WeightedPoints.Variance(PointWeights) * n / (n - 1)) : double.NaN;
        }
    }

    /// <summary>Weighted CES 2.0 agree share (ratings 5–7), 0 to 1; <see langword="null"/> on the five-point scale; NaN with no weight.</summary>
    public double? AgreeShare => Scale == CesScale.SevenPointAgreement ? Share(WeightedPoints.Between(PointWeights, 5, 7)) : null;

    /// <summary>Weighted CES 2.0 net index in points, 100 × (share of 6–7 − share of 1–3); <see langword="null"/> on the five-point scale; NaN with no weight.</summary>
    public double? NetIndex => Scale == CesScale.SevenPointAgreement
        ? 100 * Share(WeightedPoints.Between(PointWeights, 6, 7) - WeightedPoints.Between(PointWeights, 1, 3))
        : null;

    private ReadOnlySpan<double> PointWeights => _weights ?? [];

    /// <summary>
    /// A confidence interval for <see cref="Mean"/> on the rating scale: mean ± t(n_eff − 1) · s ÷ √n_eff with s the
    /// <see cref="StandardDeviation"/> and n_eff Kish's effective sample size.
    /// </summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1.</param>
    /// <returns>The interval; zero width when every weighted response is the same rating.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException">The effective sample size is 1 or less (or there is no weight).</exception>
    public ConfidenceInterval MeanInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        double n = EffectiveSampleSize;
        if (!(n > 1))
        {
            ThrowHelper.InvalidOperation("An interval for the weighted mean needs an effective sample size above 1.");
        }

        double halfWidth = StudentT.InvCDF(0, 1, n - 1, 0.5 + (confidenceLevel / 2)) * StandardDeviation / Math.Sqrt(n);
        return new ConfidenceInterval(Mean - halfWidth, Mean + halfWidth, confidenceLevel);
    }

    /// <summary>Merges two disjoint sets of weighted responses on the same scale by adding their sums; <c>default</c> merges with anything.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="ArgumentException">The results are on different scales.</exception>
    /// <exception cref="OverflowException">A merged sum or count overflows.</exception>
    public static WeightedCesResult operator +(WeightedCesResult left, WeightedCesResult right)
    {
        if (left.Scale != right.Scale && left.Scale != CesScale.None && right.Scale != CesScale.None)
        {
            ThrowHelper.Argument(nameof(right), $"Cannot merge a {left.Scale} result with a {right.Scale} result.");
        }

        CesScale scale = left.Scale == CesScale.None ? right.Scale : left.Scale;
        return new WeightedCesResult(scale, WeightedPoints.Add(left._weights, right._weights, (int)scale),
            Guard.FiniteSum(left.SumOfSquaredWeights + right.SumOfSquaredWeights, nameof(SumOfSquaredWeights)),
            checked(left.Count + right.Count), checked(left.Rejected + right.Rejected));
    }

    /// <summary>Merges two results; the named form of <see cref="op_Addition"/>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="ArgumentException">The results are on different scales.</exception>
    public static WeightedCesResult Add(WeightedCesResult left, WeightedCesResult right) => left + right;

    /// <inheritdoc/>
    public bool Equals(WeightedCesResult other) =>
        Scale == other.Scale && SumOfSquaredWeights.Equals(other.SumOfSquaredWeights) && Count == other.Count &&
        Rejected == other.Rejected && PointWeights.SequenceEqual(other.PointWeights);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Scale, SumOfSquaredWeights, Count, Rejected, TotalWeight);

    /// <summary>Formats as <c>weighted CES (SevenPointAgreement) mean 5.42, agree 78.0 %, net 41.2 (n = 1,000, effective n = 812.4)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        string counts = string.Create(CultureInfo.InvariantCulture,
            $"n = {Count:N0}, effective n = {EffectiveSampleSize:0.0}{NpsResult.RejectedText(Rejected)}");
        return Scale == CesScale.SevenPointAgreement
            ? string.Create(CultureInfo.InvariantCulture, $"weighted CES ({Scale}) mean {Mean:0.00}, agree {AgreeShare * 100:0.0} %, net {NetIndex:0.0} ({counts})")
            : string.Create(CultureInfo.InvariantCulture, $"weighted CES ({Scale}) mean {Mean:0.00} ({counts})");
    }

    private double Share(double part)
    {
        double total = TotalWeight;
        return total == 0 ? double.NaN : part / total;
    }
}
