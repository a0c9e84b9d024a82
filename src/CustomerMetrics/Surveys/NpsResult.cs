using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// The counts behind a Net Promoter Score (Reichheld 2003, <i>The One Number You Need to Grow</i>, HBR): promoters
/// answered 9–10, passives 7–8, detractors 0–6 to "how likely are you to recommend us" on 0–10.
/// NPS = %promoters − %detractors, in points from −100 to 100.
/// </summary>
/// <remarks>
/// <para>A result is a sufficient statistic: the score, shares and intervals derive from the counts, and two results
/// merge exactly with <see cref="op_Addition"/> (associative and commutative; <c>default</c> is the empty identity),
/// so partitions computed on different cores or machines combine to the result of the whole.</para>
/// <para>With no responses, <see cref="Score"/> and the shares are <see cref="double.NaN"/> (never 0, which would
/// read as a real score) and <see cref="Interval"/> throws.</para>
/// <para>Every way to make one (constructor, <see cref="FromCounts"/>, JSON) checks the counts: none is negative and
/// their total fits a <see cref="long"/>. JSON documents need every constructor field exactly once.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct NpsResult
{
    /// <summary>Creates a result from counts of a strict calculation (no rejected entries).</summary>
    /// <param name="promoters">Responses of 9 or 10; ≥ 0.</param>
    /// <param name="passives">Responses of 7 or 8; ≥ 0.</param>
    /// <param name="detractors">Responses of 0 to 6; ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="OverflowException">The total count exceeds <see cref="long.MaxValue"/>.</exception>
    public NpsResult(long promoters, long passives, long detractors)
        : this(promoters, passives, detractors, 0)
    {
    }

    /// <summary>Creates a result from counts; the JSON constructor (every field is required).</summary>
    /// <param name="promoters">Responses of 9 or 10; ≥ 0.</param>
    /// <param name="passives">Responses of 7 or 8; ≥ 0.</param>
    /// <param name="detractors">Responses of 0 to 6; ≥ 0.</param>
    /// <param name="rejected">Entries a lenient calculation skipped as outside 0–10; ≥ 0. Not part of <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="OverflowException">The total count, or the count with the rejected entries, exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public NpsResult(long promoters, long passives, long detractors, long rejected)
    {
        Guard.NonNegative(promoters);
        Guard.NonNegative(passives);
        Guard.NonNegative(detractors);
        Guard.NonNegative(rejected);
        _ = Guard.Total("promoters + passives + detractors + rejected", promoters, passives, detractors, rejected);
        Promoters = promoters;
        Passives = passives;
        Detractors = detractors;
        Rejected = rejected;
    }

    /// <summary>The result of no responses: every count 0, score NaN. Equal to <c>default</c>.</summary>
    public static NpsResult Empty => default;

    /// <summary>Responses of 9 or 10.</summary>
    public long Promoters { get; }

    /// <summary>Responses of 7 or 8.</summary>
    public long Passives { get; }

    /// <summary>Responses of 0 to 6.</summary>
    public long Detractors { get; }

    /// <summary>Entries skipped by a lenient calculation because they were outside 0–10; 0 for a strict one.</summary>
    public long Rejected { get; }

    /// <summary>Valid responses: promoters + passives + detractors (rejected entries excluded).</summary>
    public long Count => Promoters + Passives + Detractors;

    /// <summary>Net Promoter Score in points, −100 to 100: 100 × (promoters − detractors) / count. NaN when <see cref="Count"/> is 0.</summary>
    public double Score => Count == 0 ? double.NaN : 100.0 * (Promoters - Detractors) / Count;

    /// <summary>Promoters as a fraction of <see cref="Count"/>, 0 to 1; NaN when there are no responses.</summary>
    public double PromoterShare => Share(Promoters);

    /// <summary>Passives as a fraction of <see cref="Count"/>, 0 to 1; NaN when there are no responses.</summary>
    public double PassiveShare => Share(Passives);

    /// <summary>Detractors as a fraction of <see cref="Count"/>, 0 to 1; NaN when there are no responses.</summary>
    public double DetractorShare => Share(Detractors);

    /// <summary>
    /// The standard error of <see cref="Score"/> in points: 100 × √(((p + d) − (p − d)²) / n) for shares p, d.
    /// NaN when there are no responses; 0 when every response falls in one category.
    /// </summary>
    public double StandardError => Count == 0
        ? double.NaN
        : 100 * Math.Sqrt(NpsInterval.Variance(PromoterShare, DetractorShare) / Count);

    /// <summary>Builds a result from counts; the same as the constructor with no rejected entries.</summary>
    /// <param name="promoters">Responses of 9 or 10; ≥ 0.</param>
    /// <param name="passives">Responses of 7 or 8; ≥ 0.</param>
    /// <param name="detractors">Responses of 0 to 6; ≥ 0.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="OverflowException">The total count exceeds <see cref="long.MaxValue"/>.</exception>
    public static NpsResult FromCounts(long promoters, long passives, long detractors) => new(promoters, passives, detractors);

    /// <summary>
    /// A confidence interval for <see cref="Score"/>, in NPS points, clamped to [−100, 100]
    /// (Rocks 2016; see <see cref="NpsIntervalMethod"/>).
    /// </summary>
    /// <param name="confidenceLevel">Nominal coverage, strictly between 0 and 1 (0.95 for 95 %).</param>
    /// <param name="method">The interval method; adjusted Wald by default.</param>
    /// <returns>The interval in points.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1), or <paramref name="method"/> is unknown.</exception>
    /// <exception cref="InvalidOperationException">There are no responses.</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95, NpsIntervalMethod method = NpsIntervalMethod.AdjustedWald) =>
        NpsInterval.Compute(PromoterShare, DetractorShare, Count, confidenceLevel, method);

    /// <summary>Merges the counts of two disjoint sets of responses exactly.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="OverflowException">A merged count, or the merged total, exceeds <see cref="long.MaxValue"/>.</exception>
    public static NpsResult operator +(NpsResult left, NpsResult right) => checked(new(
        left.Promoters + right.Promoters,
        left.Passives + right.Passives,
        left.Detractors + right.Detractors,
        left.Rejected + right.Rejected));

    /// <summary>Merges two results; the named form of <see cref="op_Addition"/>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>The result of all responses of both.</returns>
    /// <exception cref="OverflowException">A merged count, or the merged total, exceeds <see cref="long.MaxValue"/>.</exception>
    public static NpsResult Add(NpsResult left, NpsResult right) => left + right;

    /// <summary>Formats as <c>NPS 23.5 (n = 1,000: 412 promoters, 411 passives, 177 detractors)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"NPS {Score:0.0} (n = {Count:N0}: {Promoters:N0} promoters, {Passives:N0} passives, {Detractors:N0} detractors{RejectedText(Rejected)})");

    internal static string RejectedText(long rejected) =>
        rejected == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {rejected:N0} rejected");

    private double Share(long part) => Count == 0 ? double.NaN : (double)part / Count;
}
