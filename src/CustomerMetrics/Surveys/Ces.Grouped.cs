using System.Numerics;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>CES per group (segment) in one pass.</summary>
public static partial class Ces
{
    /// <summary>
    /// Counts ratings per scale point and group in one pass: rating <c>i</c> belongs to group <c>groupIds[i]</c>, and
    /// <c>destination[g]</c> receives the result of group <c>g</c> (overwritten; a group with no responses gets an
    /// empty result on <paramref name="scale"/>). Results of the same group merge with
    /// <see cref="CesResult.op_Addition"/>. Allocates nothing for up to 4,096 groups (larger count tables are rented from the shared pool).
    /// </summary>
    /// <param name="ratings">The responses, each from 1 to the scale's points.</param>
    /// <param name="groupIds">The group of each response, 0 to <c>destination.Length − 1</c>.</param>
    /// <param name="scale">The questionnaire.</param>
    /// <param name="destination">One result per group; its length is the number of groups.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="scale"/> is not a CES scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is off the scale, or a group id is not below <c>destination.Length</c>; the message names the first such index and value.</exception>
    public static void Calculate(ReadOnlySpan<byte> ratings, ReadOnlySpan<byte> groupIds, CesScale scale, Span<CesResult> destination) =>
        Grouped(ratings, groupIds, scale, destination, lenient: false, VectorPath.Auto);

    /// <inheritdoc cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{byte}, CesScale, Span{CesResult})"/>
    [CLSCompliant(false)]
    public static void Calculate(ReadOnlySpan<byte> ratings, ReadOnlySpan<ushort> groupIds, CesScale scale, Span<CesResult> destination) =>
        Grouped(ratings, groupIds, scale, destination, lenient: false, VectorPath.Auto);

    /// <inheritdoc cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{byte}, CesScale, Span{CesResult})"/>
    public static void Calculate(ReadOnlySpan<byte> ratings, ReadOnlySpan<int> groupIds, CesScale scale, Span<CesResult> destination) =>
        Grouped(ratings, groupIds, scale, destination, lenient: false, VectorPath.Auto);

    /// <summary>CES per group that skips, counting in each group's <see cref="CesResult.Rejected"/>, every off-scale rating. A group id out of range still throws.</summary>
    /// <param name="ratings">The entries.</param>
    /// <param name="groupIds">The group of each entry, 0 to <c>destination.Length − 1</c>.</param>
    /// <param name="scale">The questionnaire.</param>
    /// <param name="destination">One result per group (overwritten).</param>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="scale"/> is not a CES scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A group id is not below <c>destination.Length</c>.</exception>
    public static void CalculateLenient(ReadOnlySpan<byte> ratings, ReadOnlySpan<int> groupIds, CesScale scale, Span<CesResult> destination) =>
        Grouped(ratings, groupIds, scale, destination, lenient: true, VectorPath.Auto);

    internal static void Grouped<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groupIds, CesScale scale, Span<CesResult> destination, bool lenient, VectorPath path)
        where TGroup : unmanaged, IBinaryInteger<TGroup> =>
        Grouped(ratings, groupIds, scale, destination, lenient, path, forkLength: 0);

    /// <summary>The grouped count with a forced vector path and, when <paramref name="forkLength"/> is positive, a forced fork length (tests).</summary>
    internal static void Grouped<TGroup>(ReadOnlySpan<byte> ratings, ReadOnlySpan<TGroup> groupIds, CesScale scale, Span<CesResult> destination, bool lenient, VectorPath path, int forkLength)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        CesResult.CheckScale(scale);
        Guard.SameLength(ratings.Length, groupIds.Length);
        int points = (int)scale;
        int groups = destination.Length;
        Span<long> totals = GroupedKernel.Totals(groups * (points + 1), stackalloc long[256], out long[]? rented);
        try
        {
            GroupedKernel.Count<byte, TGroup, GroupedKernel.PointSlots>(ratings, groupIds, groups, (uint)points, totals, path, forkLength);
            for (int g = 0; g < groups; g++)
            {
                PointCounts counts = GroupedKernel.PointsFromSlots(totals.Slice(g * (points + 1), points + 1), ratings, points, lenient, nameof(ratings), out long rejected);
                destination[g] = new CesResult(scale, counts, rejected);
            }
        }
        finally
        {
            GroupedKernel.Return(rented);
        }
    }
}
