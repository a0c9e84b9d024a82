using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>
/// NPS per period by day: each response increments one of four 32-bit counters (detractor, passive, promoter, invalid)
/// of its day, counted from the first day of the first period, in one of four tables written round-robin (so that
/// neighbouring responses on the same day do not wait on each other's store); the days are folded into periods at the
/// end, which costs one step per day of the range, not per response. No calendar arithmetic per response: a response
/// costs a subtraction, a range check and an increment, whatever the unit (days, weeks, months, quarters, n days), and
/// in any order of the dates. Used when the periods span at most <see cref="MaxSpanDays"/> days.
/// </summary>
internal static class PeriodKernel
{
    /// <summary>Ranges up to this many days use the day tables (a range of 179 years; 1 MB of counters at most).</summary>
    public const int MaxSpanDays = 65_536;

    /// <summary>Ranges up to this many days use four interleaved tables (256 KB); longer ones one table, to stay in cache.</summary>
    private const int MultiTableSpanDays = 4096;

    private const int Slots = 4;

    /// <summary>
    /// The day range [firstDay, firstDay + span) of <paramref name="periods"/> periods from the period that holds
    /// <paramref name="origin"/>, when it is at most <see cref="MaxSpanDays"/> days and inside the calendar.
    /// </summary>
    public static bool TryDayRange(PeriodUnit unit, DateOnly origin, int periods, out int firstDay, out int span)
    {
        int originIndex = unit.WholePeriodIndex(origin.DayNumber);
        firstDay = unit.FirstDayOfWholePeriod(originIndex);
        int longest = unit.Kind switch
        {
            PeriodKind.Day => 1,
            PeriodKind.Week => 7,
            PeriodKind.Month => 31,
            PeriodKind.Quarter => 92,
            _ => unit.CustomLengthInDays,
        };
        long bound = (long)periods * longest;
        if (periods < 1 || bound > MaxSpanDays || firstDay + bound > DateOnly.MaxValue.DayNumber + 1L)
        {
            span = 0;
            return false;
        }

        span = unit.FirstDayOfWholePeriod(originIndex + periods) - firstDay;
        return true;
    }

    /// <summary>Rents zeroed counter tables for a range of <paramref name="span"/> days; return them with <see cref="Return"/>.</summary>
    public static uint[] Rent(int span, out int tables)
    {
        tables = span <= MultiTableSpanDays ? 4 : 1;
        int length = tables * span * Slots;
        uint[] counters = ArrayPool<uint>.Shared.Rent(length);
        counters.AsSpan(0, length).Clear();
        return counters;
    }

    public static void Return(uint[] counters) => ArrayPool<uint>.Shared.Return(counters);

    /// <summary>
    /// Adds each response to its day's counters; returns −1, or the index of the first day outside the range (nothing
    /// after the block of four that holds it is counted).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Count(ReadOnlySpan<int> days, ReadOnlySpan<byte> scores, int firstDay, int span, uint[] counters, int tables)
    {
        ref int d = ref MemoryMarshal.GetReference(days);
        ref byte s = ref MemoryMarshal.GetReference(scores);
        ref uint t0 = ref MemoryMarshal.GetArrayDataReference(counters);
        int tableLength = span * Slots;
        ref uint t1 = ref tables == 4 ? ref Unsafe.Add(ref t0, tableLength) : ref t0;
        ref uint t2 = ref tables == 4 ? ref Unsafe.Add(ref t1, tableLength) : ref t0;
        ref uint t3 = ref tables == 4 ? ref Unsafe.Add(ref t2, tableLength) : ref t0;
        uint limit = (uint)span;
        int n = scores.Length;
        int i = 0;
        for (; i <= n - 4; i += 4)
        {
            uint o0 = (uint)(Unsafe.Add(ref d, i) - firstDay);
            uint o1 = (uint)(Unsafe.Add(ref d, i + 1) - firstDay);
            uint o2 = (uint)(Unsafe.Add(ref d, i + 2) - firstDay);
            uint o3 = (uint)(Unsafe.Add(ref d, i + 3) - firstDay);
            if (Math.Max(Math.Max(o0, o1), Math.Max(o2, o3)) >= limit)
            {
                return FirstOutside(days[i..], firstDay, span) + i;
            }

            Unsafe.Add(ref t0, (nint)((o0 * Slots) + GroupedKernel.NpsSlots.Slot(Unsafe.Add(ref s, i), 10)))++;
            Unsafe.Add(ref t1, (nint)((o1 * Slots) + GroupedKernel.NpsSlots.Slot(Unsafe.Add(ref s, i + 1), 10)))++;
            Unsafe.Add(ref t2, (nint)((o2 * Slots) + GroupedKernel.NpsSlots.Slot(Unsafe.Add(ref s, i + 2), 10)))++;
            Unsafe.Add(ref t3, (nint)((o3 * Slots) + GroupedKernel.NpsSlots.Slot(Unsafe.Add(ref s, i + 3), 10)))++;
        }

        for (; i < n; i++)
        {
            uint o = (uint)(Unsafe.Add(ref d, i) - firstDay);
            if (o >= limit)
            {
                return i;
            }

            Unsafe.Add(ref t0, (nint)((o * Slots) + GroupedKernel.NpsSlots.Slot(Unsafe.Add(ref s, i), 10)))++;
        }

        return -1;
    }

    /// <summary>Adds the day counters into <paramref name="totals"/> (four slots per period), day by day through the periods.</summary>
    public static void Fold(uint[] counters, int tables, int firstDay, int span, PeriodIndexer indexer, Span<long> totals)
    {
        int tableLength = span * Slots;
        for (int day = 0; day < span; day++)
        {
            int period = indexer.Index(firstDay + day);
            for (int slot = 0; slot < Slots; slot++)
            {
                long sum = 0;
                for (int t = 0; t < tables; t++)
                {
                    sum += counters[(t * tableLength) + (day * Slots) + slot];
                }

                totals[(period * Slots) + slot] += sum;
            }
        }
    }

    private static int FirstOutside(ReadOnlySpan<int> days, int firstDay, int span)
    {
        for (int i = 0; i < days.Length; i++)
        {
            if ((uint)(days[i] - firstDay) >= (uint)span)
            {
                return i;
            }
        }

        return -1;
    }
}
