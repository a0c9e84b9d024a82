using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

[assembly: SuppressMessage("ApiDesign", "RS0027", Justification = "The grouped overloads take two more spans, so a call without scalePoints never resolves to them.", Scope = "member", Target = "~M:CustomerMetrics.Surveys.Csat.Calculate(System.ReadOnlySpan{System.Byte},System.Int32)~CustomerMetrics.Surveys.CsatResult")]
[assembly: SuppressMessage("ApiDesign", "RS0027", Justification = "The grouped overloads take two more spans, so a call without scalePoints never resolves to them.", Scope = "member", Target = "~M:CustomerMetrics.Surveys.Csat.CalculateLenient(System.ReadOnlySpan{System.Byte},System.Int32)~CustomerMetrics.Surveys.CsatResult")]

namespace CustomerMetrics.Surveys;

/// <summary>CSAT per group (segment) in one pass.</summary>
public static partial class Csat
{
    /// <summary>
    /// Counts ratings per scale point and group in one pass, with the conventional top box
    /// (<see cref="DefaultTopBoxPoints"/>): rating <c>i</c> belongs to group <c>groupIds[i]</c>, and
    /// <c>destination[g]</c> receives the result of group <c>g</c> (overwritten; a group with no responses gets an
    /// empty result on the scale). Results of the same group merge with <see cref="CsatResult.op_Addition"/>.
    /// </summary>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>.</param>
    /// <param name="groupIds">The group of each response, 0 to <c>destination.Length − 1</c>.</param>
    /// <param name="destination">One result per group; its length is the number of groups.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 for the usual 1–5 CSAT).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box, a rating is off the scale, or a group id is not below <c>destination.Length</c>; the message names the first such index and value.</exception>
    public static void Calculate(ReadOnlySpan<byte> ratings, ReadOnlySpan<byte> groupIds, Span<CsatResult> destination, int scalePoints) =>
        Grouped(ratings, groupIds, destination, scalePoints, DefaultTopBoxPoints(scalePoints), lenient: false, VectorPath.Auto);

    /// <inheritdoc cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{CsatResult}, int)"/>
    [CLSCompliant(false)]
    public static void Calculate(ReadOnlySpan<byte> ratings, ReadOnlySpan<ushort> groupIds, Span<CsatResult> destination, int scalePoints) =>
        Grouped(ratings, groupIds, destination, scalePoints, DefaultTopBoxPoints(scalePoints), lenient: false, VectorPath.Auto);

    /// <inheritdoc cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{CsatResult}, int)"/>
    public static void Calculate(ReadOnlySpan<byte> ratings, ReadOnlySpan<int> groupIds, Span<CsatResult> destination, int scalePoints) =>
        Grouped(ratings, groupIds, destination, scalePoints, DefaultTopBoxPoints(scalePoints), lenient: false, VectorPath.Auto);

    /// <summary>CSAT per group with an explicit top box; otherwise as <see cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{int}, Span{CsatResult}, int)"/>.</summary>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>.</param>
    /// <param name="groupIds">The group of each response, 0 to <c>destination.Length − 1</c>.</param>
    /// <param name="destination">One result per group (overwritten).</param>
    /// <param name="scalePoints">Points on the scale, 2 to 11.</param>
    /// <param name="topBoxPoints">How many of the highest points count as satisfied, 1 to scalePoints − 1.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale or top box is out of range, a rating is off the scale, or a group id is out of range.</exception>
    public static void CalculateWithTopBox(ReadOnlySpan<byte> ratings, ReadOnlySpan<int> groupIds, Span<CsatResult> destination, int scalePoints, int topBoxPoints) =>
        Grouped(ratings, groupIds, destination, scalePoints, topBoxPoints, lenient: false, VectorPath.Auto);

    /// <summary>CSAT per group (conventional top box) that skips, counting in each group's <see cref="CsatResult.Rejected"/>, every off-scale rating. A group id out of range still throws.</summary>
    /// <param name="ratings">The entries.</param>
    /// <param name="groupIds">The group of each entry, 0 to <c>destination.Length − 1</c>.</param>
    /// <param name="destination">One result per group (overwritten).</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 for the usual 1–5 CSAT).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box, or a group id is out of range.</exception>
    public static void CalculateLenient(ReadOnlySpan<byte> ratings, ReadOnlySpan<int> groupIds, Span<CsatResult> destination, int scalePoints) =>
        Grouped(ratings, groupIds, destination, scalePoints, DefaultTopBoxPoints(scalePoints), lenient: true, VectorPath.Auto);

    internal static void Grouped<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groupIds, Span<CsatResult> destination, int scalePoints, int topBoxPoints, bool lenient, VectorPath path)
        where TGroup : unmanaged, IBinaryInteger<TGroup> =>
        Grouped(ratings, groupIds, destination, scalePoints, topBoxPoints, lenient, path, forkLength: 0);

    /// <summary>The grouped count with a forced vector path and, when <paramref name="forkLength"/> is positive, a forced fork length (tests).</summary>
    internal static void Grouped<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groupIds, Span<CsatResult> destination, int scalePoints, int topBoxPoints, bool lenient, VectorPath path, int forkLength)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        CheckScale(scalePoints, topBoxPoints);
        Guard.SameLength(ratings.Length, groupIds.Length);
        int groups = destination.Length;
        int stride = scalePoints + 1;
        Span<long> totals = GroupedKernel.Totals(groups * stride, stackalloc long[256], out long[]? rented);
        try
        {
            GroupedKernel.Count<byte, TGroup, GroupedKernel.PointSlots>(ratings, groupIds, groups, (uint)scalePoints, totals, path, forkLength);
            for (int g = 0; g < groups; g++)
            {
                PointCounts counts = GroupedKernel.PointsFromSlots(totals.Slice(g * stride, stride), ratings, scalePoints, lenient, nameof(ratings), out long rejected);
                destination[g] = new CsatResult(scalePoints, topBoxPoints, counts, rejected);
            }
        }
        finally
        {
            GroupedKernel.Return(rented);
        }
    }
}
