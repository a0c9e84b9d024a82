using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The counts per scale point behind a Customer Satisfaction score: CSAT is the share of responses in the top box
/// (4–5 on the usual 1–5 scale; see <see cref="Csat.DefaultTopBoxPoints"/> for other scales).
/// </summary>
/// <remarks>
/// <para>Results on the same scale and top box merge exactly with <see cref="op_Addition"/>; <c>default</c>
/// (<see cref="ScalePoints"/> 0) is the empty identity.</para>
/// <para>With no responses <see cref="SatisfiedShare"/> and <see cref="Mean"/> are NaN and <see cref="Interval"/> throws.</para>
/// <para><c>default</c> writes to JSON and reads back (0 points, no counts).</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct CsatResult
{
    private readonly PointCounts _counts;

    /// <summary>Creates a result of a strict calculation (no rejected entries) from counts per scale point.</summary>
    /// <param name="scalePoints">Points on the scale, 2 to 11 (ratings 1..scalePoints).</param>
    /// <param name="topBoxPoints">How many of the highest points count as satisfied, 1 to scalePoints − 1.</param>
    /// <param name="counts">Counts of ratings 1, 2, …, one per scale point, each ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="counts"/> does not have one entry per scale point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale or top box is out of range, or a count is negative.</exception>
    /// <exception cref="OverflowException">The total count exceeds <see cref="long.MaxValue"/>.</exception>
    public CsatResult(int scalePoints, int topBoxPoints, IReadOnlyList<long> counts)
        : this(Csat.CheckScale(scalePoints, topBoxPoints), topBoxPoints, PointCounts.From(counts, scalePoints, nameof(counts)), 0)
    {
    }

    /// <summary>Creates a result from counts per scale point; the JSON constructor (every field is required).</summary>
    /// <param name="scalePoints">Points on the scale, 2 to 11 (ratings 1..scalePoints); 0 only for the empty <c>default</c>.</param>
    /// <param name="topBoxPoints">How many of the highest points count as satisfied, 1 to scalePoints − 1; 0 for <c>default</c>.</param>
    /// <param name="counts">Counts of ratings 1, 2, …, one per scale point (none for <c>default</c>), each ≥ 0.</param>
    /// <param name="rejected">Entries a lenient calculation skipped as off the scale; ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="counts"/> does not have one entry per scale point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale or top box is out of range, or a count is negative.</exception>
    /// <exception cref="OverflowException">The total count exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public CsatResult(int scalePoints, int topBoxPoints, IReadOnlyList<long> counts, long rejected)
        : this(scalePoints == 0 && topBoxPoints == 0 ? 0 : Csat.CheckScale(scalePoints, topBoxPoints), topBoxPoints,
            PointCounts.From(counts, scalePoints, nameof(counts)), rejected)
    {
    }

    internal CsatResult(int scalePoints, int topBoxPoints, in PointCounts counts, long rejected)
    {
        Guard.NonNegative(rejected);
        _ = PointCounts.Total(counts, scalePoints, rejected);
        ScalePoints = scalePoints;
        TopBoxPoints = topBoxPoints;
        _counts = counts;
        Rejected = rejected;
    }

    /// <summary>Points on the scale (ratings 1..ScalePoints); 0 only for the empty <c>default</c>.</summary>
    public int ScalePoints { get; }

    /// <summary>How many of the highest points count as satisfied (2 on a 1–5 scale: ratings 4 and 5).</summary>
    public int TopBoxPoints { get; }

    /// <summary>A copy of the counts of ratings 1, 2, …, <see cref="ScalePoints"/> (element i counts rating i + 1).</summary>
    public IReadOnlyList<long> Counts => ((ReadOnlySpan<long>)_counts)[..ScalePoints].ToArray();

    /// <summary>Entries a lenient calculation skipped as off the scale; 0 for a strict one.</summary>
    public long Rejected { get; }

    /// <summary>Valid responses.</summary>
    public long Count => PointCounts.Sum(((ReadOnlySpan<long>)_counts)[..ScalePoints]);

    /// <summary>Responses in the top box.</summary>
    public long Satisfied => PointCounts.Between(_counts, ScalePoints - TopBoxPoints + 1, ScalePoints);

    /// <summary>CSAT: satisfied responses as a fraction of <see cref="Count"/>, 0 to 1 (multiply by 100 for the usual %); NaN with no responses.</summary>
    public double SatisfiedShare => Count == 0 ? double.NaN : (double)Satisfied / Count;

    /// <summary>Mean rating on the scale's own units; NaN with no responses.</summary>
    public double Mean => Count == 0 ? double.NaN : PointCounts.Moments(_counts, ScalePoints).Sum / Count;

    /// <summary>Count of one rating.</summary>
    /// <param name="rating">A rating from 1 to <see cref="ScalePoints"/>.</param>
    /// <returns>How many responses gave that rating.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rating"/> is off the scale.</exception>
    public long CountOf(int rating) => PointCounts.CountOf(_counts, ScalePoints, rating);

    /// <summary>A Wilson score interval (Wilson 1927) for <see cref="SatisfiedShare"/>, as fractions within [0, 1].</summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1.</param>
    /// <returns>The interval as fractions.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException">There are no responses.</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        if (Count == 0)
        {
            ThrowHelper.InvalidOperation("A CSAT interval needs at least one response; this result has none.");
        }

        (double lower, double upper) = Stats.Wilson(Satisfied, Count, Stats.TwoSidedZ(confidenceLevel));
        return new ConfidenceInterval(lower, upper, confidenceLevel);
    }

    /// <summary>Merges two results with the same scale and top box exactly; <c>default</c> merges with anything.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="ArgumentException">The scales or top boxes differ.</exception>
    public static CsatResult operator +(CsatResult left, CsatResult right)
    {
        if (left.ScalePoints == 0)
        {
            return new CsatResult(right.ScalePoints, right.TopBoxPoints, right._counts, checked(left.Rejected + right.Rejected));
        }

        if (right.ScalePoints != 0 && (left.ScalePoints != right.ScalePoints || left.TopBoxPoints != right.TopBoxPoints))
        {
            ThrowHelper.Argument(nameof(right), string.Create(CultureInfo.InvariantCulture,
                $"Cannot merge a {left.ScalePoints}-point (top {left.TopBoxPoints}) result with a {right.ScalePoints}-point (top {right.TopBoxPoints}) result."));
        }

        return new CsatResult(left.ScalePoints, left.TopBoxPoints, PointCounts.Add(left._counts, right._counts), checked(left.Rejected + right.Rejected));
    }

    /// <summary>Merges two results; the named form of <see cref="op_Addition"/>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    public static CsatResult Add(CsatResult left, CsatResult right) => left + right;

    /// <inheritdoc/>
    public bool Equals(CsatResult other) =>
        ScalePoints == other.ScalePoints && TopBoxPoints == other.TopBoxPoints && Rejected == other.Rejected &&
        PointCounts.Equal(_counts, other._counts);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ScalePoints, TopBoxPoints, Rejected, PointCounts.Hash(_counts));

    /// <summary>Formats as <c>CSAT 82.0 % (top 2 of 5; n = 1,000; 1:40 2:…)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CSAT {SatisfiedShare * 100:0.0} % (top {TopBoxPoints} of {ScalePoints}; n = {Count:N0}; {PointCounts.Format(_counts, ScalePoints)}{NpsResult.RejectedText(Rejected)})");
}
