using System.Buffers;
using CustomerMetrics.Internal;
using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>Maps response days to period indexes (as group ids) in a pooled buffer, for the per-period CES and CSAT.</summary>
internal static class PeriodIds
{
    /// <summary>
    /// Rents an int buffer and fills its first <c>dates.Length</c> elements with the period of each day counted from the
    /// period that holds <paramref name="origin"/>; throws naming the first day outside the <paramref name="periods"/> periods.
    /// The caller returns the buffer to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static int[] Rent(ReadOnlySpan<DateOnly> dates, DateOnly origin, PeriodUnit unit, int periods)
    {
        unit.Validate(nameof(unit));
        var indexer = new PeriodIndexer(unit, origin);
        int[] ids = ArrayPool<int>.Shared.Rent(Math.Max(1, dates.Length));
        for (int i = 0; i < dates.Length; i++)
        {
            int period = indexer.Index(dates[i].DayNumber);
            if ((uint)period >= (uint)periods)
            {
                ArrayPool<int>.Shared.Return(ids);
                ThrowHelper.DateOutOfRange(nameof(dates), i, dates[i], indexer.Start(0), indexer.Start(periods).AddDays(-1));
            }

            ids[i] = period;
        }

        return ids;
    }
}
