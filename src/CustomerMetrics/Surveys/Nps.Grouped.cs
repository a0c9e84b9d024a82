using System.Numerics;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>NPS per group (segment) in one pass.</summary>
public static partial class Nps
{
    /// <summary>
    /// Counts promoters, passives and detractors per group in one pass: response <c>i</c> with score
    /// <c>scores[i]</c> belongs to group <c>groupIds[i]</c>, and <c>destination[g]</c> receives the result of group
    /// <c>g</c> (overwritten; a group with no responses gets <see cref="NpsResult.Empty"/>). Results of the same group
    /// from different partitions merge with <see cref="NpsResult.op_Addition"/>. Allocates nothing.
    /// </summary>
    /// <param name="scores">The responses, each 0 to 10.</param>
    /// <param name="groupIds">The group of each response, 0 to <c>destination.Length − 1</c>.</param>
    /// <param name="destination">One result per group; its length is the number of groups.</param>
    /// <exception cref="ArgumentException">The spans <paramref name="scores"/> and <paramref name="groupIds"/> differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is above 10, or a group id is not below <c>destination.Length</c>; the message names the first such index and value.</exception>
    public static void Calculate(ReadOnlySpan<byte> scores, ReadOnlySpan<byte> groupIds, Span<NpsResult> destination) =>
        Grouped(scores, groupIds, destination, lenient: false, VectorPath.Auto);

    /// <inheritdoc cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{NpsResult})"/>
    [CLSCompliant(false)]
    public static void Calculate(ReadOnlySpan<byte> scores, ReadOnlySpan<ushort> groupIds, Span<NpsResult> destination) =>
        Grouped(scores, groupIds, destination, lenient: false, VectorPath.Auto);

    /// <inheritdoc cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{NpsResult})"/>
    public static void Calculate(ReadOnlySpan<byte> scores, ReadOnlySpan<int> groupIds, Span<NpsResult> destination) =>
        Grouped(scores, groupIds, destination, lenient: false, VectorPath.Auto);

    /// <summary>
    /// NPS per group that skips, counting in each group's <see cref="NpsResult.Rejected"/>, every score above 10.
    /// Group ids are the caller's own dense indexes, not survey data: one out of range still throws.
    /// </summary>
    /// <param name="scores">The entries.</param>
    /// <param name="groupIds">The group of each entry, 0 to <c>destination.Length − 1</c>.</param>
    /// <param name="destination">One result per group (overwritten).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A group id is not below <c>destination.Length</c>.</exception>
    public static void CalculateLenient(ReadOnlySpan<byte> scores, ReadOnlySpan<byte> groupIds, Span<NpsResult> destination) =>
        Grouped(scores, groupIds, destination, lenient: true, VectorPath.Auto);

    /// <inheritdoc cref="CalculateLenient(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{NpsResult})"/>
    [CLSCompliant(false)]
    public static void CalculateLenient(ReadOnlySpan<byte> scores, ReadOnlySpan<ushort> groupIds, Span<NpsResult> destination) =>
        Grouped(scores, groupIds, destination, lenient: true, VectorPath.Auto);

    /// <inheritdoc cref="CalculateLenient(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{NpsResult})"/>
    public static void CalculateLenient(ReadOnlySpan<byte> scores, ReadOnlySpan<int> groupIds, Span<NpsResult> destination) =>
        Grouped(scores, groupIds, destination, lenient: true, VectorPath.Auto);

    internal static void Grouped<TGroup>(ReadOnlySpan<byte> scores, ReadOnlySpan<TGroup> groupIds, Span<NpsResult> destination, bool lenient, VectorPath path)
        where TGroup : unmanaged, IBinaryInteger<TGroup> =>
        Grouped(scores, groupIds, destination, lenient, path, forkLength: 0);

    /// <summary>The grouped count with a forced vector path and, when <paramref name="forkLength"/> is positive, a forced fork length (tests).</summary>
    internal static void Grouped<TGroup>(ReadOnlySpan<byte> scores, ReadOnlySpan<TGroup> groupIds, Span<NpsResult> destination, bool lenient, VectorPath path, int forkLength)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        Guard.SameLength(scores.Length, groupIds.Length);
        int groups = destination.Length;
        Span<long> totals = GroupedKernel.Totals(groups * 4, stackalloc long[256], out long[]? rented);
        try
        {
            GroupedKernel.Count<byte, TGroup, GroupedKernel.NpsSlots>(scores, groupIds, groups, 10, totals, path, forkLength);
            for (int g = 0; g < groups; g++)
            {
                long invalid = totals[(g * 4) + 3];
                if (invalid != 0 && !lenient)
                {
                    int index = scores.IndexOfAnyInRange((byte)11, byte.MaxValue);
                    ThrowHelper.ValueOutOfRange(nameof(scores), index, scores[index], 0, 10);
                }

                destination[g] = new NpsResult(totals[(g * 4) + 2], totals[(g * 4) + 1], totals[g * 4], invalid);
            }
        }
        finally
        {
            GroupedKernel.Return(rented);
        }
    }
}
