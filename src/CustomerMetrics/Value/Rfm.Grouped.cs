using System.Buffers;
using System.Runtime.CompilerServices;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

// Rfm.Summarize for customer ids spread over a wide range: dense indices through CustomerIndex, rows counting-sorted.
public static partial class Rfm
{
    /// <summary>
    /// Ids spread over a wide range: customers get dense indices through a dictionary, the rows are counting-sorted by customer (stable, 12 bytes of pooled
    /// scratch per row), and each customer's rows are sorted by period only when they are out of order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RfmSummary SummarizeGrouped(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates,
        ReadOnlySpan<double> amounts, DateOnly observationEnd, RfmOptions options, int used, long excluded)
    {
        int endDay = observationEnd.DayNumber;
        using CustomerIndex index = CustomerIndex.Build(customerIds, dates, endDay);
        int customers = index.Count;
        var frequency = new double[customers];
        var recency = new double[customers];
        var age = new double[customers];
        var monetary = new double[customers];
        var total = new double[customers];

        bool whole = options.Counting == PeriodCounting.WholePeriods;
        PeriodUnit unit = options.Unit;
        double scale = whole ? 1 : 1 / unit.LengthInDays;
        int endPeriod = whole ? unit.WholePeriodIndex(endDay) : endDay;

        // Counting sort of the rows by customer (stable, so date-ordered input stays date-ordered per customer).
        int[] offsets = ArrayPool<int>.Shared.Rent(customers + 1);
        int[] periods = ArrayPool<int>.Shared.Rent(Math.Max(used, 1));
        double[] spend = ArrayPool<double>.Shared.Rent(Math.Max(used, 1));
        try
        {
            Span<int> start = offsets.AsSpan(0, customers + 1);
            start.Clear();
            for (int i = 0; i < customerIds.Length; i++)
            {
                if (dates[i].DayNumber <= endDay)
                {
                    start[index.IndexOf(customerIds[i]) + 1]++;
                }
            }

            for (int k = 1; k < start.Length; k++)
            {
                start[k] += start[k - 1];
            }

            // start[k] now holds the first slot of customer k; use start[k] as a cursor and shift back afterwards.
            for (int i = 0; i < customerIds.Length; i++)
            {
                int day = dates[i].DayNumber;
                if (day <= endDay)
                {
                    int slot = start[index.IndexOf(customerIds[i])]++;
                    periods[slot] = whole ? unit.WholePeriodIndex(day) : day;
                    spend[slot] = amounts[i];
                }
            }

            // After the scatter, start[k] is the end of customer k (= the start of k + 1).
            int from = 0;
            for (int k = 0; k < customers; k++)
            {
                int to = start[k];
                Span<int> p = periods.AsSpan(from, to - from);
                Span<double> s = spend.AsSpan(from, to - from);
                from = to;
                if (!IsSorted(p))
                {
                    p.Sort(s);
                }

                int first = p[0];
                double firstSpend = 0, firstC = 0;
                int j = 0;
                for (; j < p.Length && p[j] == first; j++)
                {
                    CompensatedSum.Add(ref firstSpend, ref firstC, s[j]);
                }

                int distinct = 1;
                int last = first;
                double repeat = 0, repeatC = 0;
                for (; j < p.Length; j++)
                {
                    if (p[j] != last)
                    {
                        distinct++;
                        last = p[j];
                    }

                    CompensatedSum.Add(ref repeat, ref repeatC, s[j]);
                }

                int x = distinct - 1;
                frequency[k] = x;
                recency[k] = (last - first) * scale;
                age[k] = (endPeriod - first) * scale;
                double repeatSum = repeat + repeatC;
                monetary[k] = x > 0 ? repeatSum / x : 0;
                total[k] = firstSpend + firstC + repeatSum;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(spend);
            ArrayPool<int>.Shared.Return(periods);
            ArrayPool<int>.Shared.Return(offsets);
        }

        return new RfmSummary(index.Ids, frequency, recency, age, monetary, total, unit, options.Counting, observationEnd,
            used, excluded);
    }

    private static bool IsSorted(ReadOnlySpan<int> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
