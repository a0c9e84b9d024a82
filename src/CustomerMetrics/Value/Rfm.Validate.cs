using System.Globalization;
using System.Runtime.CompilerServices;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

// Rfm.Summarize's first pass: finite amounts, rows after the end, id range and date order, on both cores for large logs.
public static partial class Rfm
{
    /// <summary>
    /// Reads every row once: throws on the first non-finite amount (or, with <paramref name="strict"/>, the first date after the
    /// end) in row order, counts the rows after the end, and finds the id range and whether the rows in the window are in date
    /// order. From <paramref name="forkRows"/> rows the two row halves are read on both cores and combined (the left half's
    /// error wins, so the first bad row is still the one named).
    /// </summary>
    private static unsafe RowScan ScanRows(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts,
        DateOnly observationEnd, bool strict, int forkRows)
    {
        fixed (int* ids = customerIds)
        fixed (DateOnly* days = dates)
        fixed (double* money = amounts)
        {
            int length = amounts.Length;
            bool fork = length >= forkRows && length >= 2 && ForkJoin.MaxDepth > 0;
            int middle = fork ? length / 2 : length;
            var left = new RowScan(ids, (int*)days, money, 0, middle, observationEnd, strict);
            var right = new RowScan(ids, (int*)days, money, middle, length, observationEnd, strict);
            if (fork)
            {
                ForkJoin.Invoke(&ScanRowRange, &left, &right);
            }
            else
            {
                ScanRowRange(&left);
            }

            if (right.Used > 0)
            {
                left.DateOrdered &= right.DateOrdered && (left.Used == 0 || left.LastDay <= right.FirstDay);
                left.FirstDay = left.Used == 0 ? right.FirstDay : left.FirstDay;
                left.LastDay = right.LastDay;
                left.Min = Math.Min(left.Min, right.Min);
                left.Max = Math.Max(left.Max, right.Max);
                left.Used += right.Used;
                left.ExcludedBeforeLastUsed = left.Excluded + right.ExcludedBeforeLastUsed;
            }

            left.Excluded += right.Excluded;
            return left;
        }
    }

    /// <summary>One row range's scan: its inputs (pinned pointers) and what it found.</summary>
    private unsafe struct RowScan(int* ids, int* days, double* amounts, int from, int to, DateOnly observationEnd, bool strict)
    {
        public readonly int* Ids = ids;
        public readonly int* Days = days;
        public readonly double* Amounts = amounts;
        public readonly int From = from;
        public readonly int To = to;
        public readonly DateOnly ObservationEnd = observationEnd;
        public readonly bool Strict = strict;
        public long Excluded;

        /// <summary>Rows after the end that come before the last row in the window: 0 when the rows in the window are exactly
        /// the first <see cref="Used"/> rows (a log whose rows after the end form its tail).</summary>
        public long ExcludedBeforeLastUsed;
        public int Used;
        public int Min = int.MaxValue;
        public int Max = int.MinValue;
        public int FirstDay = int.MinValue;
        public int LastDay = int.MinValue;
        public bool DateOrdered = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ScanRowRange(void* state)
    {
        ref RowScan s = ref *(RowScan*)state;
        int* ids = s.Ids;
        int* days = s.Days;
        double* amounts = s.Amounts;
        int endDay = s.ObservationEnd.DayNumber;
        long excluded = 0;
        int min = int.MaxValue, max = int.MinValue, previousDay = int.MinValue, firstDay = int.MinValue;
        long excludedBeforeLast = 0;
        bool dateOrdered = true;
        for (int i = s.From; i < s.To; i++)
        {
            if (!double.IsFinite(amounts[i]))
            {
                ThrowHelper.ValueOutOfRange("amounts", i, amounts[i], "finite numbers");
            }

            int day = days[i];
            if (day > endDay)
            {
                if (s.Strict)
                {
                    ThrowHelper.DateOutOfRange("dates", i, DateOnly.FromDayNumber(day), string.Create(CultureInfo.InvariantCulture,
                        $"up to the observation end {s.ObservationEnd:yyyy-MM-dd} (RowsAfterEnd.Throw)"));
                }

                excluded++;
                continue;
            }

            excludedBeforeLast = excluded;
            firstDay = previousDay == int.MinValue ? day : firstDay;
            dateOrdered &= day >= previousDay;
            previousDay = day;
            min = Math.Min(min, ids[i]);
            max = Math.Max(max, ids[i]);
        }

        s.Excluded = excluded;
        s.ExcludedBeforeLastUsed = excludedBeforeLast;
        s.Used = (int)(s.To - s.From - excluded);
        s.Min = min;
        s.Max = max;
        s.FirstDay = firstDay;
        s.LastDay = previousDay;
        s.DateOrdered = dateOrdered;
    }
}
