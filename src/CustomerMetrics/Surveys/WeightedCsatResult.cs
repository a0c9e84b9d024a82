using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The weighted sums behind a survey-weighted CSAT: Σ weights per scale point, Σw², and the counts. CSAT is the
/// weighted share in the top box; the interval is Wilson's (1927) with Kish's effective sample size
/// n_eff = (Σw)² ÷ Σw² in place of n (Kish 1965, <i>Survey Sampling</i>).
/// </summary>
/// <remarks>
/// <para>Weights per point are doubles summed with Neumaier compensation; <see cref="op_Addition"/> adds them when the
/// scale and top box agree; <c>default</c> (<see cref="ScalePoints"/> 0) is the empty identity and round-trips
/// through JSON.</para>
/// <para>With no weight <see cref="SatisfiedShare"/> and <see cref="Mean"/> are NaN and <see cref="Interval"/> throws.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct WeightedCsatResult
{
    private readonly double[]? _weights;

    /// <summary>Creates a result from weighted sums; the JSON constructor (every field is required).</summary>
    /// <param name="scalePoints">Points on the scale, 2 to 11 (ratings 1..scalePoints); 0 only for the empty <c>default</c>.</param>
    /// <param name="topBoxPoints">How many of the highest points count as satisfied, 1 to scalePoints − 1; 0 for <c>default</c>.</param>
    /// <param name="weights">Σ weights of ratings 1, 2, …, one per scale point, each finite and ≥ 0.</param>
    /// <param name="sumOfSquaredWeights">Σ w² over the valid responses; finite, ≥ 0, within [(Σw)²/n, (Σw)²].</param>
    /// <param name="count">Valid responses, ≥ 0.</param>
    /// <param name="rejected">Entries a lenient calculation skipped, ≥ 0.</param>
    /// <exception cref="ArgumentException">The weights are not one per point, or the sums disagree with each other or the count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale or top box is out of range, a weight or sum is negative, NaN or infinite, or a count is negative.</exception>
    /// <exception cref="OverflowException">count + rejected exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public WeightedCsatResult(int scalePoints, int topBoxPoints, IReadOnlyList<double> weights, double sumOfSquaredWeights, long count, long rejected)
    {
        bool isDefault = scalePoints == 0 && topBoxPoints == 0;
        if (!isDefault)
        {
            Csat.CheckScale(scalePoints, topBoxPoints);
        }

        Guard.Consistent(!isDefault || count == 0, nameof(count), $"is {count} but the scale has 0 points; responses need a scale.");
        _weights = WeightedPoints.Check(weights, scalePoints, sumOfSquaredWeights, count, rejected, nameof(weights));
        ScalePoints = scalePoints;
        TopBoxPoints = topBoxPoints;
        SumOfSquaredWeights = sumOfSquaredWeights;
        Count = count;
        Rejected = rejected;
    }

    /// <summary>Points on the scale (ratings 1..ScalePoints); 0 only for the empty <c>default</c>.</summary>
    public int ScalePoints { get; }

    /// <summary>How many of the highest points count as satisfied (2 on a 1–5 scale: ratings 4 and 5).</summary>
    public int TopBoxPoints { get; }

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

    /// <summary>Σ weights of the top-box responses.</summary>
    public double SatisfiedWeight => ScalePoints == 0 ? 0 : WeightedPoints.Between(PointWeights, ScalePoints - TopBoxPoints + 1, ScalePoints);

    /// <summary>Kish's effective sample size (Σw)² ÷ Σw²; equals <see cref="Count"/> for equal weights; NaN with no weight.</summary>
    public double EffectiveSampleSize => SumOfSquaredWeights == 0 ? double.NaN : TotalWeight * (TotalWeight / SumOfSquaredWeights);

    /// <summary>Weighted CSAT: the top-box weight as a fraction of the total weight, 0 to 1; NaN with no weight.</summary>
    public double SatisfiedShare
    {
        get
        {
            double total = TotalWeight;
            return total == 0 ? double.NaN : SatisfiedWeight / total;
        }
    }

    /// <summary>Weighted mean rating on the scale's units; NaN with no weight.</summary>
    public double Mean => WeightedPoints.Mean(PointWeights);

    private ReadOnlySpan<double> PointWeights => _weights ?? [];

    /// <summary>
    /// A Wilson score interval (Wilson 1927) for <see cref="SatisfiedShare"/> with n replaced by Kish's effective
    /// sample size, as fractions within [0, 1].
    /// </summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1.</param>
    /// <returns>The interval as fractions.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException">There is no weight.</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        double total = TotalWeight;
        if (total == 0)
        {
            ThrowHelper.InvalidOperation("A weighted CSAT interval needs weight; this result has none.");
        }

        double n = EffectiveSampleSize;
        (double lower, double upper) = Stats.Wilson(SatisfiedWeight / total * n, n, Stats.TwoSidedZ(confidenceLevel));
        return new ConfidenceInterval(lower, upper, confidenceLevel);
    }

    /// <summary>Merges two disjoint sets of weighted responses with the same scale and top box; <c>default</c> merges with anything.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="ArgumentException">The scales or top boxes differ.</exception>
    /// <exception cref="OverflowException">A merged sum or count overflows.</exception>
    public static WeightedCsatResult operator +(WeightedCsatResult left, WeightedCsatResult right)
    {
        if (left.ScalePoints != 0 && right.ScalePoints != 0 && (left.ScalePoints != right.ScalePoints || left.TopBoxPoints != right.TopBoxPoints))
        {
            ThrowHelper.Argument(nameof(right), string.Create(CultureInfo.InvariantCulture,
                $"Cannot merge a {left.ScalePoints}-point (top {left.TopBoxPoints}) result with a {right.ScalePoints}-point (top {right.TopBoxPoints}) result."));
        }

        (int points, int top) = left.ScalePoints == 0 ? (right.ScalePoints, right.TopBoxPoints) : (left.ScalePoints, left.TopBoxPoints);
        return new WeightedCsatResult(points, top, WeightedPoints.Add(left._weights, right._weights, points),
            Guard.FiniteSum(left.SumOfSquaredWeights + right.SumOfSquaredWeights, nameof(SumOfSquaredWeights)),
            checked(left.Count + right.Count), checked(left.Rejected + right.Rejected));
    }

    /// <summary>Merges two results; the named form of <see cref="op_Addition"/>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="ArgumentException">The scales or top boxes differ.</exception>
    public static WeightedCsatResult Add(WeightedCsatResult left, WeightedCsatResult right) => left + right;

    /// <inheritdoc/>
    public bool Equals(WeightedCsatResult other) =>
        ScalePoints == other.ScalePoints && TopBoxPoints == other.TopBoxPoints && SumOfSquaredWeights.Equals(other.SumOfSquaredWeights) &&
        Count == other.Count && Rejected == other.Rejected && PointWeights.SequenceEqual(other.PointWeights);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ScalePoints, TopBoxPoints, SumOfSquaredWeights, Count, Rejected, TotalWeight);

    /// <summary>Formats as <c>weighted CSAT 82.0 % (top 2 of 5; n = 1,000, effective n = 812.4)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"weighted CSAT {SatisfiedShare * 100:0.0} % (top {TopBoxPoints} of {ScalePoints}; n = {Count:N0}, effective n = {EffectiveSampleSize:0.0}{NpsResult.RejectedText(Rejected)})");
}
