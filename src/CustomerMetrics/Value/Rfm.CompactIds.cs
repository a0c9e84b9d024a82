using System.Buffers;
using System.Runtime.CompilerServices;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

// Rfm.Summarize for customer ids in a compact range: per-id running state, radix-partitioned by id block.
public static partial class Rfm
{
    /// <summary>
    /// Ids in a compact range: per-id running state (memory linear in the id range). The rows are radix-partitioned by id
    /// block (at most 256 blocks) so that the state updates of one block stay in cache. Date-ordered rows go through
    /// <see cref="ApplyOrdered"/> (or, with <paramref name="previousOrderedPath"/>, stream through in chunks of 2²⁰ rows, scratch
    /// 16 bytes per chunk row); other rows are partitioned whole (16 bytes per row),
    /// each block is counting-sorted by id and each customer's rows sorted by period when out of order. A compaction
    /// then writes the columns in id order. With at least <paramref name="forkRows"/> rows and two or more blocks, the
    /// blocks are split in two halves of the id range, each run on its own core with its own scratch: a customer's rows all
    /// fall in one half and reach its state in the same order as on one core, so the results are bit-identical.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe RfmSummary SummarizeCompactIds(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates,
        ReadOnlySpan<double> amounts, DateOnly observationEnd, RfmOptions options, int min, int range, int used, long excluded,
        bool dateOrdered, int forkRows, bool previousOrderedPath)
    {
        int endDay = observationEnd.DayNumber;
        bool whole = options.Counting == PeriodCounting.WholePeriods;
        PeriodUnit unit = options.Unit;
        int shift = BlockShift(range);

        int blocks = ((range - 1) >> shift) + 1;
        bool fork = used >= forkRows && blocks >= 2 && ForkJoin.MaxDepth > 0;
        RfmState[] pooled = ArrayPool<RfmState>.Shared.Rent(range);
        try
        {
            fixed (int* ids = customerIds)
            fixed (DateOnly* days = dates)
            fixed (double* money = amounts)
            fixed (RfmState* states = pooled)
            {
                var rows = new CompactRows(ids, (int*)days, money, customerIds.Length, states, range, min, shift, endDay, unit, whole,
                    dateOrdered);
                var left = new CompactWork(&rows, 0, fork ? blocks / 2 : blocks);
                var right = new CompactWork(&rows, fork ? blocks / 2 : blocks, blocks);
                if (dateOrdered && !previousOrderedPath)
                {
                    ApplyOrdered(&rows, &left, &right, blocks, fork);
                }
                else if (fork)
                {
                    ForkJoin.Invoke(&ApplyCompact, &left, &right);
                }
                else
                {
                    ApplyCompact(&left);
                }

                int customers = left.Customers + right.Customers;

                var columns = CompactColumns.Uninitialized(customers);
                right.OutputStart = left.Customers;
                columns.Write(whole ? 1 : 1 / unit.LengthInDays, whole ? unit.WholePeriodIndex(endDay) : endDay, &WriteCompact,
                    &left, &left.Output, &right, &right.Output, fork);

                return new RfmSummary(columns.Ids, columns.Frequency, columns.Recency, columns.Age, columns.Monetary, columns.Total,
                    unit, options.Counting, observationEnd, used, excluded);
            }
        }
        finally
        {
            ArrayPool<RfmState>.Shared.Return(pooled);
        }
    }

    /// <summary>The output columns of the compact path (pinned by <c>fixed</c> while the halves write through pointers).</summary>
    private readonly record struct CompactColumns(int[] Ids, double[] Frequency, double[] Recency, double[] Age, double[] Monetary,
        double[] Total)
    {
        /// <summary>Columns for <paramref name="customers"/> rows, not zeroed: the caller writes every element.</summary>
        public static CompactColumns Uninitialized(int customers) => new(
            GC.AllocateUninitializedArray<int>(customers),
            GC.AllocateUninitializedArray<double>(customers),
            GC.AllocateUninitializedArray<double>(customers),
            GC.AllocateUninitializedArray<double>(customers),
            GC.AllocateUninitializedArray<double>(customers),
            GC.AllocateUninitializedArray<double>(customers));

        /// <summary>
        /// Pins the columns and runs <paramref name="body"/> on <paramref name="left"/> and <paramref name="right"/> (on both
        /// cores when <paramref name="fork"/>, else on <paramref name="left"/> only) with each half's output pointer
        /// (<paramref name="leftOutput"/>, <paramref name="rightOutput"/>) set to the pinned columns for the duration of the call.
        /// </summary>
        public unsafe void Write(double scale, int endPeriod, delegate*<void*, void> body, void* left, CompactOutput** leftOutput,
            void* right, CompactOutput** rightOutput, bool fork)
        {
            fixed (int* outIds = Ids)
            fixed (double* outFrequency = Frequency)
            fixed (double* outRecency = Recency)
            fixed (double* outAge = Age)
            fixed (double* outMonetary = Monetary)
            fixed (double* outTotal = Total)
            {
                var output = new CompactOutput(outIds, outFrequency, outRecency, outAge, outMonetary, outTotal, scale, endPeriod);
                *leftOutput = &output;
                *rightOutput = &output;

                RunHalves(body, left, right, fork);
            }
        }
    }

    /// <summary>The inputs shared by both halves (pinned pointers) and the per-id state array.</summary>
    private unsafe readonly struct CompactRows(int* ids, int* days, double* amounts, int length, RfmState* states, int range, int min,
        int shift, int endDay, PeriodUnit unit, bool whole, bool dateOrdered)
    {
        public readonly int* Ids = ids;
        public readonly int* Days = days;
        public readonly double* Amounts = amounts;
        public readonly int Length = length;
        public readonly RfmState* States = states;
        public readonly int Range = range;
        public readonly int Min = min;
        public readonly int Shift = shift;
        public readonly int EndDay = endDay;
        public readonly PeriodUnit Unit = unit;
        public readonly bool Whole = whole;
        public readonly bool DateOrdered = dateOrdered;
    }

    /// <summary>Where the compaction writes (pinned column pointers) and how periods become units.</summary>
    private unsafe readonly struct CompactOutput(int* ids, double* frequency, double* recency, double* age, double* monetary,
        double* total, double scale, int endPeriod)
    {
        public readonly int* Ids = ids;
        public readonly double* Frequency = frequency;
        public readonly double* Recency = recency;
        public readonly double* Age = age;
        public readonly double* Monetary = monetary;
        public readonly double* Total = total;
        public readonly double Scale = scale;
        public readonly int EndPeriod = endPeriod;

        /// <summary>Writes customer <paramref name="id"/>'s row <paramref name="k"/> from its final state (periods in the
        /// same origin as <see cref="EndPeriod"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(int k, int id, in RfmState s)
        {
            int x = s.Periods - 1;
            double repeat = s.RepeatSpend + s.RepeatCompensation;
            Ids[k] = id;
            Frequency[k] = x;
            Recency[k] = (s.Last - s.First) * Scale;
            Age[k] = (EndPeriod - s.First) * Scale;
            Monetary[k] = x > 0 ? repeat / x : 0;
            Total[k] = s.FirstSpend + s.FirstCompensation + repeat;
        }
    }

    /// <summary>One half's work: the id blocks [<see cref="BlockFrom"/>, <see cref="BlockTo"/>), its customer count and output offset.</summary>
    private unsafe struct CompactWork(CompactRows* rows, int blockFrom, int blockTo)
    {
        public readonly CompactRows* Rows = rows;
        public readonly int BlockFrom = blockFrom;
        public readonly int BlockTo = blockTo;
        public int Customers;
        public CompactOutput* Output;
        public int OutputStart;
    }

    /// <summary>Clears this half's states, feeds it its rows (in row order per customer) and counts its customers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ApplyCompact(void* state)
    {
        const int ChunkRows = 1 << 20;
        ref CompactWork work = ref *(CompactWork*)state;
        ref readonly CompactRows r = ref *work.Rows;
        int blockFrom = work.BlockFrom;
        int blockCount = work.BlockTo - blockFrom;
        if (blockCount <= 0)
        {
            return;
        }

        int shift = r.Shift;
        int idFrom = blockFrom << shift;
        int idTo = Math.Min(r.Range, work.BlockTo << shift);
        var states = new Span<RfmState>(r.States + idFrom, idTo - idFrom);
        states.Clear();

        int endDay = r.EndDay;
        int min = r.Min;
        bool whole = r.Whole;
        PeriodUnit unit = r.Unit;
        var customerIds = new ReadOnlySpan<int>(r.Ids, r.Length);
        var days = new ReadOnlySpan<int>(r.Days, r.Length);
        var amounts = new ReadOnlySpan<double>(r.Amounts, r.Length);
        int chunkLength = r.DateOrdered ? Math.Min(ChunkRows, r.Length) : r.Length;
        long[] keyPool = [];
        double[] amountPool = [];
        int[] cursorPool = ArrayPool<int>.Shared.Rent(blockCount + 1);
        try
        {
            Span<int> cursor = cursorPool.AsSpan(0, blockCount + 1);
            for (int chunkStart = 0; chunkStart < r.Length; chunkStart += chunkLength)
            {
                int chunkEnd = Math.Min(r.Length, chunkStart + chunkLength);
                cursor.Clear();
                for (int i = chunkStart; i < chunkEnd; i++)
                {
                    int block = ((customerIds[i] - min) >> shift) - blockFrom;
                    if (days[i] <= endDay && (uint)block < (uint)blockCount)
                    {
                        cursor[block + 1]++;
                    }
                }

                for (int j = 1; j < cursor.Length; j++)
                {
                    cursor[j] += cursor[j - 1];
                }

                int rows = cursor[^1];
                if (keyPool.Length < rows)
                {
                    ReturnScratch(keyPool, amountPool);
                    int size = r.DateOrdered ? chunkLength : rows;
                    keyPool = [];
                    amountPool = []; // not returned twice if a rent below throws
                    keyPool = ArrayPool<long>.Shared.Rent(size);
                    amountPool = ArrayPool<double>.Shared.Rent(size);
                }

                Span<long> keys = keyPool.AsSpan(0, rows);
                Span<double> spend = amountPool.AsSpan(0, rows);
                for (int i = chunkStart; i < chunkEnd; i++)
                {
                    int day = days[i];
                    int local = customerIds[i] - min;
                    int block = (local >> shift) - blockFrom;
                    if (day <= endDay && (uint)block < (uint)blockCount)
                    {
                        int slot = cursor[block]++;
                        int period = whole ? unit.WholePeriodIndex(day) : day;
                        keys[slot] = ((long)local << 32) | (uint)period;
                        spend[slot] = amounts[i];
                    }
                }

                if (r.DateOrdered)
                {
                    RfmState* all = r.States;
                    for (int slot = 0; slot < rows; slot++)
                    {
                        long key = keys[slot];
                        all[(int)(key >> 32)].Add((int)key, spend[slot]);
                    }
                }
                else
                {
                    ApplyUnorderedBlocks(keys, spend, cursor[..blockCount], shift, blockFrom, new Span<RfmState>(r.States, r.Range));
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(cursorPool);
            ReturnScratch(keyPool, amountPool);
        }

        int customers = 0;
        foreach (ref readonly RfmState s in states)
        {
            customers += s.Periods != 0 ? 1 : 0;
        }

        work.Customers = customers;
    }

    private static void ReturnScratch(long[] keys, double[] amounts)
    {
        if (keys.Length != 0)
        {
            ArrayPool<long>.Shared.Return(keys);
        }

        if (amounts.Length != 0)
        {
            ArrayPool<double>.Shared.Return(amounts);
        }
    }

    /// <summary>Writes this half's customers, in id order, from its output offset on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void WriteCompact(void* state)
    {
        ref CompactWork work = ref *(CompactWork*)state;
        ref readonly CompactRows r = ref *work.Rows;
        ref readonly CompactOutput o = ref *work.Output;
        int idFrom = work.BlockFrom << r.Shift;
        int idTo = Math.Min(r.Range, work.BlockTo << r.Shift);
        int k = work.OutputStart;
        for (int j = idFrom; j < idTo; j++)
        {
            ref readonly RfmState s = ref r.States[j];
            if (s.Periods == 0)
            {
                continue;
            }

            o.Write(k, r.Min + j, s);
            k++;
        }
    }

    /// <summary>
    /// Applies partitioned rows block by block: within a block (ids [b·2^shift, (b + 1)·2^shift)) a counting sort by id,
    /// then each customer's rows sorted by period if needed, then fed to the running state in period order.
    /// </summary>
    private static void ApplyUnorderedBlocks(Span<long> keys, Span<double> spend, ReadOnlySpan<int> blockEnds, int shift,
        int firstBlock, Span<RfmState> states)
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

                int baseId = (firstBlock + b) << shift;
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
