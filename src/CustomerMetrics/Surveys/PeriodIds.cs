using System.Buffers;
using CustomerMetrics.Internal;
using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Maps response days to period indexes (as group ids) in a pooled buffer: the general path of the per-period CES and
/// CSAT, for a scale they cannot count in the day tables (it then throws) or periods longer than the tables take.
/// </summary>
internal static class PeriodIds
{
    /// <summary>
    /// Rents an int buffer and fills its first <c>times.Length</c> elements with the period of each timestamp's day counted
    /// from the period that holds <paramref name="origin"/>; throws naming (as <paramref name="paramName"/>) the first day
    /// outside the <paramref name="periods"/> periods. The caller returns the buffer to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static int[] Rent<TTime, TDays>(ReadOnlySpan<TTime> times, TDays toDays, string paramName, DateOnly origin, PeriodUnit unit, int periods)
        where TDays : IDayConverter<TTime>
    {
        const int Chunk = 256;
        unit.Validate(nameof(unit));
        var indexer = new PeriodIndexer(unit, origin);
        int[] ids = ArrayPool<int>.Shared.Rent(Math.Max(1, times.Length));
        Span<int> days = stackalloc int[Chunk];
        for (int start = 0; start < times.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, times.Length - start);
            toDays.Convert(times.Slice(start, length), days);
            for (int j = 0; j < length; j++)
            {
                int period = indexer.Index(days[j]);
                if ((uint)period >= (uint)periods)
                {
                    ArrayPool<int>.Shared.Return(ids);
                    ThrowHelper.DateOutOfRange(paramName, start + j, DateOnly.FromDayNumber(days[j]), indexer.Start(0), indexer.Start(periods).AddDays(-1));
                }

                ids[start + j] = period;
            }
        }

        return ids;
    }

    /// <summary>
    /// Rents an int buffer and fills its first <c>dates.Length</c> elements with each response's cell, period × groups +
    /// group, for a destination of <paramref name="destinationLength"/> results in period-major order. Checks, in this
    /// order: <paramref name="groups"/> ≥ 1 and a destination of whole periods, the dates (the first outside the periods
    /// is named), then the group ids (the first outside 0 to groups − 1 is named). The caller returns the buffer to
    /// <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static int[] RentCells(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<int> groupIds, int groups, DateOnly origin, PeriodUnit unit,
        int destinationLength)
    {
        Guard.SameLength(groupIds.Length, dates.Length);
        if (groups < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(groups), groups, "≥ 1");
        }

        if (destinationLength % groups != 0)
        {
            ThrowHelper.Argument("destination", $"destination has {destinationLength} results, not a whole number of periods of {groups} groups.");
        }

        int periods = destinationLength / groups;
        if (periods > 0 && PeriodKernel.TryDayRange(unit, origin, periods, out int firstDay, out int span))
        {
            return RentCellsByDay(dates, groupIds, groups, origin, unit, periods, firstDay, span);
        }

        int[] cells = Rent(dates, default(DateOnlyDays), nameof(dates), origin, unit, periods);
        for (int i = 0; i < groupIds.Length; i++)
        {
            int group = groupIds[i];
            if ((uint)group >= (uint)groups)
            {
                ArrayPool<int>.Shared.Return(cells);
                ThrowHelper.ValueOutOfRange(nameof(groupIds), i, group, 0, groups - 1);
            }

            cells[i] = (cells[i] * groups) + group;
        }

        return cells;
    }

    /// <summary>
    /// <see cref="RentCells"/> for periods that span at most <see cref="PeriodKernel.MaxSpanDays"/> days: each day's period
    /// from a table, so a response costs a subtraction, two range checks and a multiply-add. The first bad date is named
    /// before the first bad group id, as on the general path.
    /// </summary>
    private static int[] RentCellsByDay(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<int> groupIds, int groups, DateOnly origin, PeriodUnit unit,
        int periods, int firstDay, int span)
    {
        var indexer = new PeriodIndexer(unit, origin);
        int[] table = ArrayPool<int>.Shared.Rent(span);
        int[] cells = ArrayPool<int>.Shared.Rent(Math.Max(1, dates.Length));
        int badDate = -1, badGroup = -1;
        try
        {
            for (int d = 0; d < span; d++)
            {
                table[d] = indexer.Index(firstDay + d) * groups;
            }

            for (int i = 0; i < dates.Length; i++)
            {
                int day = dates[i].DayNumber - firstDay;
                int group = groupIds[i];
                if ((uint)day >= (uint)span)
                {
                    badDate = i;
                    break;
                }

                badGroup = badGroup < 0 && (uint)group >= (uint)groups ? i : badGroup;
                cells[i] = table[day] + group;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
        }

        if (badDate >= 0 || badGroup >= 0)
        {
            ArrayPool<int>.Shared.Return(cells);
            if (badDate >= 0)
            {
                ThrowHelper.DateOutOfRange(nameof(dates), badDate, dates[badDate], indexer.Start(0), indexer.Start(periods).AddDays(-1));
            }

            ThrowHelper.ValueOutOfRange(nameof(groupIds), badGroup, groupIds[badGroup], 0, groups - 1);
        }

        return cells;
    }
}
