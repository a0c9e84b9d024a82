using System.Buffers;
using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// RFM (recency, frequency, monetary value) from a transaction log: the per-customer summary used by the
/// "buy till you die" models and the quintile scores and named segments used to prioritise customers.
/// </summary>
/// <remarks>
/// Definitions of the summary follow Fader, Hardie &amp; Lee (2005), <i>"Counting Your Customers" the Easy Way</i>,
/// Marketing Science 24(2), and the <c>lifetimes</c> package's <c>summary_data_from_transaction_data</c>:
/// purchases in the same period merge; frequency = distinct purchase periods − 1; recency = last − first purchase
/// period; T = observation end − first purchase; monetary value = mean spend of the repeat periods (0 when none).
/// </remarks>
public static class Rfm
{
    /// <summary>
    /// Summarises a transaction log per customer. The rows need not be sorted.
    /// </summary>
    /// <param name="customerIds">Customer id of each transaction.</param>
    /// <param name="dates">Date of each transaction.</param>
    /// <param name="amounts">Amount of each transaction (money, any currency). Negative amounts (refunds) are allowed
    /// and net into the spend of their period; a row still marks a purchase period whatever its sign.</param>
    /// <param name="observationEnd">The last day of the observation (calibration) window, inclusive.</param>
    /// <param name="options">Period unit, counting convention and strictness (<c>default</c>: days, rows after the end excluded and counted).</param>
    /// <returns>One row per customer with a transaction on or before <paramref name="observationEnd"/>, in ascending id order;
    /// an empty summary for an empty log.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or the unit is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite, or (with <see cref="RowsAfterEnd.Throw"/>) a date is
    /// after <paramref name="observationEnd"/>; the message names the argument, index and value.</exception>
    /// <remarks>
    /// Sums are double precision with Neumaier compensation. Cost: O(n) plus a sort of any customer whose rows are not in
    /// date order; scratch memory of 12 bytes per row (pooled) plus the id table (see the README), output linear in customers.
    /// </remarks>
    public static RfmSummary Summarize(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts,
        DateOnly observationEnd, RfmOptions options = default)
    {
        Guard.SameLength(customerIds.Length, dates.Length);
        Guard.SameLength(customerIds.Length, amounts.Length);
        options.Unit.Validate("options.Unit");
        if (options.Counting is not (PeriodCounting.FractionalDays or PeriodCounting.WholePeriods))
        {
            ThrowHelper.ArgumentOutOfRange("options.Counting", (long)options.Counting, "FractionalDays or WholePeriods");
        }

        int endDay = observationEnd.DayNumber;
        bool strict = options.AfterEnd == RowsAfterEnd.Throw;
        long excluded = 0;
        for (int i = 0; i < amounts.Length; i++)
        {
            if (!double.IsFinite(amounts[i]))
            {
                ThrowHelper.ValueOutOfRange(nameof(amounts), i, amounts[i], "finite numbers");
            }

            if (dates[i].DayNumber > endDay)
            {
                if (strict)
                {
                    ThrowHelper.Argument(nameof(dates), string.Create(CultureInfo.InvariantCulture,
                        $"dates[{i}] is {dates[i]:yyyy-MM-dd}, after the observation end {observationEnd:yyyy-MM-dd} (strict mode)."));
                }

                excluded++;
            }
        }

        int used = amounts.Length - (int)excluded;
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
                    Neumaier(ref firstSpend, ref firstC, s[j]);
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

                    Neumaier(ref repeat, ref repeatC, s[j]);
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

    /// <summary>Neumaier's compensated addition (Neumaier 1974): <paramref name="sum"/> + <paramref name="compensation"/> is the running total.</summary>
    internal static void Neumaier(ref double sum, ref double compensation, double value)
    {
        double t = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - t) + value : (value - t) + sum;
        sum = t;
    }
}
