using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The counts per scale point behind a Customer Effort Score, with the scores in use: the mean rating, and on the
/// seven-point CES 2.0 scale the agree share (ratings 5–7) and the net index %(6–7) − %(1–3).
/// </summary>
/// <remarks>
/// <para>Results merge exactly with <see cref="op_Addition"/> when they share a scale; <c>default</c> (scale
/// <see cref="CesScale.None"/>) is the empty identity.</para>
/// <para>With no responses the mean and shares are NaN and <see cref="MeanInterval"/> throws.</para>
/// <para><c>default</c> writes to JSON and reads back (scale <c>None</c>, no counts).</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct CesResult
{
    private readonly PointCounts _counts;

    /// <summary>Creates a result of a strict calculation (no rejected entries) from counts per scale point.</summary>
    /// <param name="scale">The questionnaire; not <see cref="CesScale.None"/>.</param>
    /// <param name="counts">Counts of ratings 1, 2, …, one per scale point (5 or 7), each ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="counts"/> does not have one entry per scale point, or <paramref name="scale"/> is not a CES scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="OverflowException">The total count exceeds <see cref="long.MaxValue"/>.</exception>
    public CesResult(CesScale scale, IReadOnlyList<long> counts)
        : this(CheckScale(scale), PointCounts.From(counts, (int)scale, nameof(counts)), 0)
    {
    }

    /// <summary>Creates a result from counts per scale point; the JSON constructor (every field is required).</summary>
    /// <param name="scale">The questionnaire; <see cref="CesScale.None"/> only with no counts (the empty <c>default</c>).</param>
    /// <param name="counts">Counts of ratings 1, 2, …, one per scale point (5 or 7; none for <see cref="CesScale.None"/>), each ≥ 0.</param>
    /// <param name="rejected">Entries a lenient calculation skipped as off the scale; ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="counts"/> does not have one entry per scale point, or <paramref name="scale"/> is not a defined value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="OverflowException">The total count exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public CesResult(CesScale scale, IReadOnlyList<long> counts, long rejected)
        : this(scale == CesScale.None ? scale : CheckScale(scale), PointCounts.From(counts, (int)scale, nameof(counts)), rejected)
    {
    }

    internal CesResult(CesScale scale, in PointCounts counts, long rejected)
    {
        Guard.NonNegative(rejected);
        _ = PointCounts.Total(counts, (int)scale, rejected);
        Scale = scale;
        _counts = counts;
        Rejected = rejected;
    }

    /// <summary>The questionnaire; <see cref="CesScale.None"/> only for the empty <c>default</c>.</summary>
    public CesScale Scale { get; }

    /// <summary>Number of points on the scale: 5, 7, or 0 for <c>default</c>.</summary>
    public int Points => (int)Scale;

    /// <summary>A copy of the counts of ratings 1, 2, …, <see cref="Points"/> (element i counts rating i + 1).</summary>
    public IReadOnlyList<long> Counts => ((ReadOnlySpan<long>)_counts)[..Points].ToArray();

    /// <summary>Entries a lenient calculation skipped as off the scale; 0 for a strict one.</summary>
    public long Rejected { get; }

    /// <summary>Valid responses.</summary>
    public long Count => PointCounts.Sum(((ReadOnlySpan<long>)_counts)[..Points]);

    /// <summary>Mean rating, on the scale's own units (1 to 5 or 1 to 7); NaN with no responses.</summary>
    public double Mean => Count == 0 ? double.NaN : PointCounts.Moments(_counts, Points).Sum / Count;

    /// <summary>Sample standard deviation of the ratings (n − 1 denominator); NaN with fewer than two responses.</summary>
    public double StandardDeviation
    {
        get
        {
            long n = Count;
            if (n < 2)
            {
                return double.NaN;
            }

            (double sum, double squares) = PointCounts.Moments(_counts, Points);
            double mean = sum / n;
            return Math.Sqrt(Math.Max(0, (squares - (n * mean * mean)) / (n - 1)));
        }
    }

    /// <summary>
    /// CES 2.0 agree share: ratings 5–7 as a fraction of responses, 0 to 1. <see langword="null"/> on the five-point
    /// effort scale, which has no agreement; NaN with no responses.
    /// </summary>
    public double? AgreeShare => Scale == CesScale.SevenPointAgreement ? Share(PointCounts.Between(_counts, 5, 7)) : null;

    /// <summary>
    /// CES 2.0 net index in points, −100 to 100: 100 × (share of 6–7 − share of 1–3). <see langword="null"/> on the
    /// five-point effort scale; NaN with no responses.
    /// </summary>
    public double? NetIndex => Scale == CesScale.SevenPointAgreement
        ? 100 * Share(PointCounts.Between(_counts, 6, 7) - PointCounts.Between(_counts, 1, 3))
        : null;

    /// <summary>Count of one rating.</summary>
    /// <param name="rating">A rating from 1 to <see cref="Points"/>.</param>
    /// <returns>How many responses gave that rating.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rating"/> is off the scale.</exception>
    public long CountOf(int rating) => PointCounts.CountOf(_counts, Points, rating);

    /// <summary>A Student-t confidence interval for <see cref="Mean"/>, in rating units: mean ± t(n−1) · s/√n.</summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1.</param>
    /// <returns>The interval; zero width when every response is the same rating.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException">Fewer than two responses.</exception>
    public ConfidenceInterval MeanInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        long n = Count;
        if (n < 2)
        {
            ThrowHelper.InvalidOperation("An interval for the mean needs at least two responses.");
        }

        double halfWidth = StudentT.InvCDF(0, 1, n - 1, 0.5 + (confidenceLevel / 2)) * StandardDeviation / Math.Sqrt(n);
        return new ConfidenceInterval(Mean - halfWidth, Mean + halfWidth, confidenceLevel);
    }

    /// <summary>Merges two results on the same scale exactly; <c>default</c> merges with anything.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="ArgumentException">The results are on different scales.</exception>
    public static CesResult operator +(CesResult left, CesResult right)
    {
        if (left.Scale != right.Scale && left.Scale != CesScale.None && right.Scale != CesScale.None)
        {
            ThrowHelper.Argument(nameof(right), $"Cannot merge a {left.Scale} result with a {right.Scale} result.");
        }

        return new CesResult(
            left.Scale == CesScale.None ? right.Scale : left.Scale,
            PointCounts.Add(left._counts, right._counts),
            checked(left.Rejected + right.Rejected));
    }

    /// <summary>Merges two results; the named form of <see cref="op_Addition"/>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    public static CesResult Add(CesResult left, CesResult right) => left + right;

    /// <inheritdoc/>
    public bool Equals(CesResult other) =>
        Scale == other.Scale && Rejected == other.Rejected && PointCounts.Equal(_counts, other._counts);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Scale, Rejected, PointCounts.Hash(_counts));

    /// <summary>Formats as <c>CES (SevenPointAgreement) mean 5.42, agree 78.0 %, net 41.2 (n = 1,000; 1:12 2:…)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        string counts = string.Create(CultureInfo.InvariantCulture,
            $"n = {Count:N0}; {PointCounts.Format(_counts, Points)}{NpsResult.RejectedText(Rejected)}");
        return Scale == CesScale.SevenPointAgreement
            ? string.Create(CultureInfo.InvariantCulture, $"CES ({Scale}) mean {Mean:0.00}, agree {AgreeShare * 100:0.0} %, net {NetIndex:0.0} ({counts})")
            : string.Create(CultureInfo.InvariantCulture, $"CES ({Scale}) mean {Mean:0.00} ({counts})");
    }

    internal static CesScale CheckScale(CesScale scale)
    {
        if (scale is not (CesScale.FivePointEffort or CesScale.SevenPointAgreement))
        {
            ThrowHelper.Argument(nameof(scale), $"{scale} is not a CES scale; use FivePointEffort or SevenPointAgreement.");
        }

        return scale;
    }

    private double Share(long part) => Count == 0 ? double.NaN : (double)part / Count;
}
