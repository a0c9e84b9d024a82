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
}
