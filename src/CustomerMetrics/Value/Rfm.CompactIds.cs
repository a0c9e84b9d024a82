using System.Buffers;
using System.Runtime.CompilerServices;

namespace CustomerMetrics.Value;

// Rfm.Summarize for customer ids in a compact range: per-id running state, radix-partitioned by id block.
public static partial class Rfm
{
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
}
