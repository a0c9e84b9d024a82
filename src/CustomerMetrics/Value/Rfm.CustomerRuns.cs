using System.Runtime.CompilerServices;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

// Rfm.Summarize for logs sorted by customer (ascending ids, each customer's rows in date order), as databases and the CDNOW
// file export them: each customer's rows feed one running state, and the customer is written when its id ends.
public static partial class Rfm
{
    /// <summary>
    /// Logs whose rows in the window run customer by customer in ascending id order, each customer's rows in date order (rows
    /// after the end ignored wherever they are): returns the summary, or <c>null</c> at the first row out of that order (at
    /// once for date-ordered or shuffled logs; the caller then takes the counting-sort paths). From
    /// <paramref name="forkRows"/> rows in the window the log is cut between two customers near its middle and each part
    /// is counted, then summarized, on its own core. Each customer's rows reach one running state in row order, as on every
    /// other path, so the results are the same bits. No scratch.
    /// </summary>
    private static unsafe RfmSummary? TrySummarizeCustomerRuns(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates,
        ReadOnlySpan<double> amounts, DateOnly observationEnd, RfmOptions options, int used, long excluded, int forkRows)
    {
        int endDay = observationEnd.DayNumber;
        bool whole = options.Counting == PeriodCounting.WholePeriods;
        PeriodUnit unit = options.Unit;
        fixed (int* ids = customerIds)
        fixed (DateOnly* days = dates)
        fixed (double* money = amounts)
        {
            int length = customerIds.Length;
            bool fork = used >= forkRows && ForkJoin.MaxDepth > 0;
            int split = fork ? CustomerSplit(ids, (int*)days, length, endDay) : length;
            var left = new CustomerRunsWork(ids, (int*)days, money, 0, split, endDay, unit, whole);
            var right = new CustomerRunsWork(ids, (int*)days, money, split, length, endDay, unit, whole);
            RunHalves(&CountCustomerRuns, &left, &right, fork);
            if (left.Customers < 0 || right.Customers < 0 || left.Customers + right.Customers == 0
                || (left.Customers > 0 && right.Customers > 0 && left.LastId >= right.FirstId))
            {
                return null;
            }

            var columns = CompactColumns.Uninitialized(left.Customers + right.Customers);
            right.OutputStart = left.Customers;
            columns.Write(whole ? 1 : 1 / unit.LengthInDays, whole ? unit.WholePeriodIndex(endDay) : endDay, &ApplyCustomerRuns,
                &left, &left.Output, &right, &right.Output, fork);
            return new RfmSummary(columns.Ids, columns.Frequency, columns.Recency, columns.Age, columns.Monetary, columns.Total,
                unit, options.Counting, observationEnd, used, excluded);
        }
    }

    /// <summary>A row near the middle where the rows in the window before it and from it start with different ids: the first
    /// row from the middle on that is in the window and not of the customer of the last row in the window before the middle.</summary>
    private static unsafe int CustomerSplit(int* ids, int* days, int length, int endDay)
    {
        int middle = length / 2;
        int last = middle - 1;
        while (last >= 0 && days[last] > endDay)
        {
            last--;
        }

        int split = middle;
        while (last >= 0 && split < length && (days[split] > endDay || ids[split] == ids[last]))
        {
            split++;
        }

        return split;
    }

    /// <summary>One part of the log (rows [From, To)): what the count found and where the part writes its customers.</summary>
    private unsafe struct CustomerRunsWork(int* ids, int* days, double* amounts, int from, int to, int endDay, PeriodUnit unit,
        bool whole)
    {
        public readonly int* Ids = ids;
        public readonly int* Days = days;
        public readonly double* Amounts = amounts;
        public readonly int From = from;
        public readonly int To = to;
        public readonly int EndDay = endDay;
        public readonly PeriodUnit Unit = unit;
        public readonly bool Whole = whole;

        /// <summary>Customers in the part, or −1 when its rows in the window are not in customer-then-date order.</summary>
        public int Customers;
        public int FirstId;
        public int LastId;
        public CompactOutput* Output;
        public int OutputStart;
    }

    /// <summary>Counts the part's customers (runs of one id among the rows in the window), or −1 at the first row out of order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CountCustomerRuns(void* state)
    {
        ref CustomerRunsWork w = ref *(CustomerRunsWork*)state;
        int* ids = w.Ids;
        int* days = w.Days;
        int endDay = w.EndDay;
        int customers = 0, firstId = 0, lastId = 0, lastDay = 0;
        for (int i = w.From; i < w.To; i++)
        {
            int day = days[i];
            if (day > endDay)
            {
                continue;
            }

            int id = ids[i];
            if (customers > 0 && id <= lastId)
            {
                if (id < lastId || day < lastDay)
                {
                    w.Customers = -1;
                    return;
                }
            }
            else
            {
                firstId = customers == 0 ? id : firstId;
                customers++;
            }

            lastId = id;
            lastDay = day;
        }

        w.Customers = customers;
        w.FirstId = firstId;
        w.LastId = lastId;
    }

    /// <summary>Feeds each customer's rows in the part to one running state and writes the customer when its id ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ApplyCustomerRuns(void* state)
    {
        ref CustomerRunsWork w = ref *(CustomerRunsWork*)state;
        ref readonly CompactOutput o = ref *w.Output;
        int* ids = w.Ids;
        int* days = w.Days;
        double* amounts = w.Amounts;
        int endDay = w.EndDay;
        int end = w.OutputStart + w.Customers;
        RfmState s = default;
        int current = 0, k = w.OutputStart;
        for (int i = w.From; i < w.To; i++)
        {
            int day = days[i];
            if (day > endDay)
            {
                continue;
            }

            int id = ids[i];
            if (s.Periods > 0 && id != current)
            {
                WriteRun(o, ref k, end, current, ref s);
            }

            current = id;
            s.Add(w.Whole ? w.Unit.WholePeriodIndex(day) : day, amounts[i]);
        }

        if (s.Periods > 0)
        {
            WriteRun(o, ref k, end, current, ref s);
        }
    }

    /// <summary>Writes a finished customer as row <paramref name="k"/> (checked against the part's end, since the columns
    /// are written through pointers) and resets the state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRun(in CompactOutput o, ref int k, int end, int id, ref RfmState s)
    {
        if (k >= end)
        {
            ThrowHelper.InvalidOperation("The rows changed while Rfm.Summarize read them (more customers than counted).");
        }

        o.Write(k++, id, s);
        s = default;
    }
}
