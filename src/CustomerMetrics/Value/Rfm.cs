using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
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
public static partial class Rfm
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
    /// <exception cref="ArgumentException">The spans differ in length, or an option is not a defined value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite, or (with <see cref="RowsAfterEnd.Throw"/>) a date is
    /// after <paramref name="observationEnd"/>; the message names the argument, index and value.</exception>
    /// <remarks>
    /// Sums are double precision with Neumaier compensation. Cost: O(n) plus a sort of any customer whose rows are not in
    /// date order. Memory: the output columns (44 bytes per customer); with ids in a compact range (max − min ≤ rows +
    /// 65,536) a pooled running state of 48 bytes per id in the range, plus pooled scratch of 16 bytes per row for at most
    /// 2²⁰ rows when the log is in date order (memory bounded by customers) or for every row otherwise; with ids spread
    /// wider, a dictionary of the distinct ids and 12 bytes of pooled scratch per row. Allocates the result (and that dictionary).
    /// <para>Thread safety: pure; concurrent calls are safe.</para>
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

        if (options.AfterEnd is not (RowsAfterEnd.ExcludeAndCount or RowsAfterEnd.Throw))
        {
            ThrowHelper.ArgumentOutOfRange("options.AfterEnd", (long)options.AfterEnd, "ExcludeAndCount or Throw");
        }

        int endDay = observationEnd.DayNumber;
        bool strict = options.AfterEnd == RowsAfterEnd.Throw;
        long excluded = 0;
        int min = int.MaxValue, max = int.MinValue, previousDay = int.MinValue;
        bool dateOrdered = true;
        for (int i = 0; i < amounts.Length; i++)
        {
            if (!double.IsFinite(amounts[i]))
            {
                ThrowHelper.ValueOutOfRange(nameof(amounts), i, amounts[i], "finite numbers");
            }

            int day = dates[i].DayNumber;
            if (day > endDay)
            {
                if (strict)
                {
                    ThrowHelper.Argument(nameof(dates), string.Create(CultureInfo.InvariantCulture,
                        $"dates[{i}] is {dates[i]:yyyy-MM-dd}, after the observation end {observationEnd:yyyy-MM-dd} (strict mode)."));
                }

                excluded++;
                continue;
            }

            dateOrdered &= day >= previousDay;
            previousDay = day;
            min = Math.Min(min, customerIds[i]);
            max = Math.Max(max, customerIds[i]);
        }

        int used = amounts.Length - (int)excluded;
        long idRange = (long)max - min + 1;
        return used > 0 && idRange <= (long)used + DirectSlack && idRange <= Array.MaxLength / 2
            ? SummarizeCompactIds(customerIds, dates, amounts, observationEnd, options, min, max - min + 1, used, excluded, dateOrdered)
            : SummarizeGrouped(customerIds, dates, amounts, observationEnd, options, used, excluded);
    }

    private const int DirectSlack = 1 << 16;

    /// <summary>
    /// Ids in a compact range: per-id running state (memory linear in the id range). The rows are radix-partitioned by id
    /// block (at most 256 blocks) so that the state updates of one block stay in cache. Date-ordered rows stream through
    /// in chunks of 2²⁰ rows (scratch 16 bytes per chunk row); other rows are partitioned whole (16 bytes per row),
    /// each block is counting-sorted by id and each customer's rows sorted by period when out of order. A sequential
    /// compaction then writes the columns in id order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RfmSummary SummarizeCompactIds(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates,
        ReadOnlySpan<double> amounts, DateOnly observationEnd, RfmOptions options, int min, int range, int used, long excluded,
        bool dateOrdered)
    {
        const int ChunkRows = 1 << 20;
        const int MaxBlocks = 256;
        int endDay = observationEnd.DayNumber;
        bool whole = options.Counting == PeriodCounting.WholePeriods;
        PeriodUnit unit = options.Unit;
        int shift = 10;
        while (((range - 1) >> shift) + 1 > MaxBlocks)
        {
            shift++;
        }

        int blocks = ((range - 1) >> shift) + 1;
        int chunkLength = dateOrdered ? Math.Min(ChunkRows, customerIds.Length) : customerIds.Length;
        RfmState[] pooled = ArrayPool<RfmState>.Shared.Rent(range);
        long[] keyPool = ArrayPool<long>.Shared.Rent(chunkLength);
        double[] amountPool = ArrayPool<double>.Shared.Rent(chunkLength);
        int[] cursorPool = ArrayPool<int>.Shared.Rent(blocks + 1);
        try
        {
            Span<RfmState> states = pooled.AsSpan(0, range);
            states.Clear();
            Span<long> keys = keyPool.AsSpan(0, chunkLength);
            Span<double> spend = amountPool.AsSpan(0, chunkLength);
            Span<int> cursor = cursorPool.AsSpan(0, blocks + 1);
            for (int chunkStart = 0; chunkStart < customerIds.Length; chunkStart += chunkLength)
            {
                int chunkEnd = Math.Min(customerIds.Length, chunkStart + chunkLength);
                cursor.Clear();
                for (int i = chunkStart; i < chunkEnd; i++)
                {
                    if (dates[i].DayNumber <= endDay)
                    {
                        cursor[((customerIds[i] - min) >> shift) + 1]++;
                    }
                }

                for (int j = 1; j < cursor.Length; j++)
                {
                    cursor[j] += cursor[j - 1];
                }

                int rows = cursor[^1];
                for (int i = chunkStart; i < chunkEnd; i++)
                {
                    int day = dates[i].DayNumber;
                    if (day <= endDay)
                    {
                        int local = customerIds[i] - min;
                        int slot = cursor[local >> shift]++;
                        int period = whole ? unit.WholePeriodIndex(day) : day;
                        keys[slot] = ((long)local << 32) | (uint)period;
                        spend[slot] = amounts[i];
                    }
                }

                if (dateOrdered)
                {
                    for (int slot = 0; slot < rows; slot++)
                    {
                        long key = keys[slot];
                        states[(int)(key >> 32)].Add((int)key, spend[slot]);
                    }
                }
                else
                {
                    ApplyUnorderedBlocks(keys, spend, cursor[..blocks], shift, states);
                }
            }

            int customers = 0;
            foreach (ref readonly RfmState state in states)
            {
                customers += state.Periods != 0 ? 1 : 0;
            }

            // Every element is written below, so the columns skip zeroing.
            int[] ids = GC.AllocateUninitializedArray<int>(customers);
            double[] frequency = GC.AllocateUninitializedArray<double>(customers);
            double[] recency = GC.AllocateUninitializedArray<double>(customers);
            double[] age = GC.AllocateUninitializedArray<double>(customers);
            double[] monetary = GC.AllocateUninitializedArray<double>(customers);
            double[] total = GC.AllocateUninitializedArray<double>(customers);
            double scale = whole ? 1 : 1 / unit.LengthInDays;
            int endPeriod = whole ? unit.WholePeriodIndex(endDay) : endDay;
            int k = 0;
            for (int j = 0; j < states.Length; j++)
            {
                ref readonly RfmState s = ref states[j];
                if (s.Periods == 0)
                {
                    continue;
                }

                int x = s.Periods - 1;
                double repeat = s.RepeatSpend + s.RepeatCompensation;
                ids[k] = min + j;
                frequency[k] = x;
                recency[k] = (s.Last - s.First) * scale;
                age[k] = (endPeriod - s.First) * scale;
                monetary[k] = x > 0 ? repeat / x : 0;
                total[k] = s.FirstSpend + s.FirstCompensation + repeat;
                k++;
            }

            return new RfmSummary(ids, frequency, recency, age, monetary, total, unit, options.Counting, observationEnd, used, excluded);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(cursorPool);
            ArrayPool<double>.Shared.Return(amountPool);
            ArrayPool<long>.Shared.Return(keyPool);
            ArrayPool<RfmState>.Shared.Return(pooled);
        }
    }

    /// <summary>
    /// Applies partitioned rows block by block: within a block (ids [b·2^shift, (b + 1)·2^shift)) a counting sort by id,
    /// then each customer's rows sorted by period if needed, then fed to the running state in period order.
    /// </summary>
    private static void ApplyUnorderedBlocks(Span<long> keys, Span<double> spend, ReadOnlySpan<int> blockEnds, int shift,
        Span<RfmState> states)
    {
        int blockIds = 1 << shift;
        int largest = 0;
        for (int b = 0, from = 0; b < blockEnds.Length; from = blockEnds[b], b++)
        {
            largest = Math.Max(largest, blockEnds[b] - from);
        }

        long[] sortedKeyPool = ArrayPool<long>.Shared.Rent(Math.Max(largest, 1));
        double[] sortedSpendPool = ArrayPool<double>.Shared.Rent(Math.Max(largest, 1));
        int[] countPool = ArrayPool<int>.Shared.Rent(blockIds + 1);
        try
        {
            Span<int> counts = countPool.AsSpan(0, blockIds + 1);
            int blockStart = 0;
            for (int b = 0; b < blockEnds.Length; b++)
            {
                int blockEnd = blockEnds[b];
                Span<long> blockKeys = keys[blockStart..blockEnd];
                Span<double> blockSpend = spend[blockStart..blockEnd];
                blockStart = blockEnd;
                if (blockKeys.IsEmpty)
                {
                    continue;
                }

                int baseId = b << shift;
                counts.Clear();
                foreach (long key in blockKeys)
                {
                    counts[(int)(key >> 32) - baseId + 1]++;
                }

                for (int j = 1; j < counts.Length; j++)
                {
                    counts[j] += counts[j - 1];
                }

                Span<long> sortedKeys = sortedKeyPool.AsSpan(0, blockKeys.Length);
                Span<double> sortedSpend = sortedSpendPool.AsSpan(0, blockKeys.Length);
                for (int r = 0; r < blockKeys.Length; r++)
                {
                    int slot = counts[(int)(blockKeys[r] >> 32) - baseId]++;
                    sortedKeys[slot] = blockKeys[r];
                    sortedSpend[slot] = blockSpend[r];
                }

                int segmentStart = 0;
                for (int local = 0; local < blockIds && segmentStart < sortedKeys.Length; local++)
                {
                    int segmentEnd = counts[local];
                    if (segmentEnd == segmentStart)
                    {
                        continue;
                    }

                    Span<long> k = sortedKeys[segmentStart..segmentEnd];
                    Span<double> a = sortedSpend[segmentStart..segmentEnd];
                    segmentStart = segmentEnd;
                    if (!IsSorted(k))
                    {
                        k.Sort(a); // one customer: the keys differ only in the period
                    }

                    ref RfmState state = ref states[baseId + local];
                    for (int r = 0; r < k.Length; r++)
                    {
                        state.Add((int)k[r], a[r]);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(countPool);
            ArrayPool<double>.Shared.Return(sortedSpendPool);
            ArrayPool<long>.Shared.Return(sortedKeyPool);
        }
    }

    private static bool IsSorted(ReadOnlySpan<long> values)
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

    /// <summary>
    /// RFM quintile scores of every customer of a summary: R from the periods since the last purchase
    /// (T − recency, fewer is better), F from the repeat purchases, M from the total spend; each 1–5 with 5 best,
    /// by <see cref="QuintileScores(ReadOnlySpan{double}, Span{byte})"/>. The classic direct-marketing scoring
    /// (Hughes 1994, <i>Strategic Database Marketing</i>); segments per <see cref="RfmSegment"/>.
    /// </summary>
    /// <param name="summary">The RFM summary.</param>
    /// <returns>Scores parallel to the summary; empty for an empty summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static RfmScores Score(RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        int n = summary.Count;
        var sinceLast = new double[n];
        for (int i = 0; i < n; i++)
        {
            sinceLast[i] = summary.Recency[i] - summary.T[i]; // −(T − recency): higher is more recent.
        }

        var r = new byte[n];
        var f = new byte[n];
        var m = new byte[n];
        QuintileScores(sinceLast, r);
        QuintileScores(summary.Frequency, f);
        QuintileScores(summary.TotalSpend, m);
        return new RfmScores(summary.CustomerIds.ToArray(), r, f, m);
    }

    /// <summary>
    /// Quintile scores 1–5 (higher values score higher): score = 1 + ⌊5 × (number of values strictly below) ÷ n⌋, so
    /// ties share a score and the scores are monotone in the value (ties fall to the lower quintile, which can leave
    /// a quintile empty when one value is very common, as frequency 0 is).
    /// </summary>
    /// <param name="values">The values; each must not be NaN.</param>
    /// <param name="destination">Receives the scores; at least as long as <paramref name="values"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN (the message names its index).</exception>
    public static void QuintileScores(ReadOnlySpan<double> values, Span<byte> destination)
    {
        if (destination.Length < values.Length)
        {
            ThrowHelper.Argument(nameof(destination), string.Create(CultureInfo.InvariantCulture,
                $"destination has {destination.Length} elements but values has {values.Length}; it must be at least as long."));
        }

        int n = values.Length;
        var sorted = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i]))
            {
                ThrowHelper.ValueOutOfRange(nameof(values), i, values[i], "numbers (not NaN)");
            }

            sorted[i] = values[i];
            order[i] = i;
        }

        Array.Sort(sorted, order);
        int below = 0;
        for (int j = 0; j < n; j++)
        {
            if (j > 0 && sorted[j] != sorted[j - 1])
            {
                below = j;
            }

            destination[order[j]] = (byte)(1 + (int)(5L * below / n));
        }
    }

    /// <summary>
    /// The named segment of an R, F, M score triple (each 1–5), from R and FM = ⌊(F + M + 1) / 2⌋ by the grid documented
    /// on <see cref="RfmSegment"/>.
    /// </summary>
    /// <param name="recency">R score, 1–5.</param>
    /// <param name="frequency">F score, 1–5.</param>
    /// <param name="monetary">M score, 1–5.</param>
    /// <returns>The segment.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5.</exception>
    public static RfmSegment Segment(int recency, int frequency, int monetary)
    {
        CheckScore(recency, nameof(recency));
        CheckScore(frequency, nameof(frequency));
        CheckScore(monetary, nameof(monetary));
        int fm = (frequency + monetary + 1) / 2;
        return SegmentGrid[((5 - recency) * 5) + fm - 1];
    }

    private static readonly RfmSegment[] SegmentGrid =
    [
        RfmSegment.NewCustomers, RfmSegment.PotentialLoyalists, RfmSegment.PotentialLoyalists, RfmSegment.Champions, RfmSegment.Champions,
        RfmSegment.Promising, RfmSegment.PotentialLoyalists, RfmSegment.LoyalCustomers, RfmSegment.Champions, RfmSegment.Champions,
        RfmSegment.AboutToSleep, RfmSegment.NeedAttention, RfmSegment.LoyalCustomers, RfmSegment.LoyalCustomers, RfmSegment.LoyalCustomers,
        RfmSegment.Hibernating, RfmSegment.AboutToSleep, RfmSegment.NeedAttention, RfmSegment.AtRisk, RfmSegment.AtRisk,
        RfmSegment.Lost, RfmSegment.Hibernating, RfmSegment.AtRisk, RfmSegment.CannotLoseThem, RfmSegment.CannotLoseThem,
    ];

    private static void CheckScore(int score, string paramName)
    {
        if (score is < 1 or > 5)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, score, "scores 1 to 5");
        }
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
