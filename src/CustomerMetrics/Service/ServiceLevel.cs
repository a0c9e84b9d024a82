using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Service;

/// <summary>
/// The service level: the share of answered tickets whose first response (or resolution) came within a threshold
/// (for example 10 minutes), with a Wilson interval. Vectorised, allocation-free.
/// </summary>
/// <remarks>
/// <para>Timestamps and durations as in <see cref="ServiceTimes"/> (wall-clock, the caller's unit,
/// <see cref="ServiceTimes.Missing"/> for no response yet). A duration equal to the threshold is within it.</para>
/// <threadsafety>All members are pure and thread-safe.</threadsafety>
/// </remarks>
public static class ServiceLevel
{
    /// <summary>Counts the tickets answered within <paramref name="threshold"/>.</summary>
    /// <param name="created">Creation timestamps, never <see cref="ServiceTimes.Missing"/>. May be empty.</param>
    /// <param name="responded">First-response (or resolution) timestamps, same length and unit; <see cref="ServiceTimes.Missing"/> for open tickets.</param>
    /// <param name="threshold">The service-level threshold in the timestamps' unit, 0 ≤ threshold &lt; <see cref="long.MaxValue"/> (600 for 10 minutes in seconds).</param>
    /// <returns>The counts; with no answered ticket the share is NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or a row has no creation time or an answer before its creation (the message names the first such index).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is out of range.</exception>
    public static ServiceLevelResult Calculate(ReadOnlySpan<long> created, ReadOnlySpan<long> responded, long threshold) =>
        Calculate(created, responded, threshold, lenient: false, VectorPath.Auto);

    /// <summary>As <see cref="Calculate(ReadOnlySpan{long}, ReadOnlySpan{long}, long)"/>, but skips and counts in <see cref="ServiceLevelResult.Rejected"/> the rows with no creation time or an answer before the creation.</summary>
    /// <param name="created">Creation timestamps.</param>
    /// <param name="responded">First-response timestamps, same length; <see cref="ServiceTimes.Missing"/> for open tickets.</param>
    /// <param name="threshold">The threshold in the timestamps' unit, 0 ≤ threshold &lt; <see cref="long.MaxValue"/>.</param>
    /// <returns>The counts of the valid rows and the number rejected.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or the threshold is out of range.</exception>
    public static ServiceLevelResult CalculateLenient(ReadOnlySpan<long> created, ReadOnlySpan<long> responded, long threshold) =>
        Calculate(created, responded, threshold, lenient: true, VectorPath.Auto);

    /// <summary>Service levels per group (agent, team, channel): row i counts towards <c>destination[groupIds[i]]</c>.</summary>
    /// <param name="created">Creation timestamps.</param>
    /// <param name="responded">First-response timestamps, same length; <see cref="ServiceTimes.Missing"/> for open tickets.</param>
    /// <param name="threshold">The threshold in the timestamps' unit.</param>
    /// <param name="groupIds">The group of each row, same length, each in [0, destination.Length).</param>
    /// <param name="destination">One result per group; overwritten (groups with no rows get <c>default</c>).</param>
    /// <exception cref="ArgumentException">Lengths differ, a group id is out of range, or a row is invalid (as the ungrouped form).</exception>
    public static void Calculate(ReadOnlySpan<long> created, ReadOnlySpan<long> responded, long threshold,
        ReadOnlySpan<int> groupIds, Span<ServiceLevelResult> destination)
    {
        Guard.SameLength(created.Length, responded.Length);
        Guard.SameLength(created.Length, groupIds.Length);
        CheckThreshold(threshold);
        ServiceGroups.CheckIds(groupIds, destination.Length);
        destination.Clear();
        for (int i = 0; i < created.Length; i++)
        {
            long within = 0, answered = 0, open = 0;
            if (!ServiceLevelKernel.Classify(created[i], responded[i], threshold, ref within, ref answered, ref open))
            {
                ThrowBadRow(created, responded, i);
            }

            ref ServiceLevelResult slot = ref destination[groupIds[i]];
            slot = new ServiceLevelResult(slot.Within + within, slot.Responded + answered, slot.Open + open, 0);
        }
    }

    internal static ServiceLevelResult Calculate(ReadOnlySpan<long> created, ReadOnlySpan<long> responded, long threshold, bool lenient, VectorPath path)
    {
        Guard.SameLength(created.Length, responded.Length);
        CheckThreshold(threshold);
        ServiceLevelTally tally = ServiceLevelKernel.Count(created, responded, threshold, path);
        long rejected = created.Length - tally.Responded - tally.Open;
        if (rejected > 0 && !lenient)
        {
            for (int i = 0; i < created.Length; i++)
            {
                long w = 0, a = 0, o = 0;
                if (!ServiceLevelKernel.Classify(created[i], responded[i], threshold, ref w, ref a, ref o))
                {
                    ThrowBadRow(created, responded, i);
                }
            }
        }

        return new ServiceLevelResult(tally.Within, tally.Responded, tally.Open, rejected);
    }

    private static void ThrowBadRow(ReadOnlySpan<long> created, ReadOnlySpan<long> responded, int i)
    {
        ServiceTimes.Duration(created, responded, i, nameof(responded));
    }

    private static void CheckThreshold(long threshold)
    {
        if (threshold is < 0 or long.MaxValue)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(threshold), threshold, "0 ≤ threshold < long.MaxValue, in the timestamps' unit");
        }
    }
}
