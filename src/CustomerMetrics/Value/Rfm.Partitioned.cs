using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

// Rfm.Summarize for date-ordered rows with customer ids in a compact range: one global partition of the rows by id block,
// then each block applied to a small block-local state that stays in cache and emitted straight into the result columns.
public static partial class Rfm
{
    /// <summary>Rows (in the window) up to which the date-ordered compact path partitions the whole log at once (about 12 bytes
    /// of pooled scratch per row); longer logs stream through <see cref="ApplyOrdered"/> in chunks (memory bounded by the id range).</summary>
    internal const int DefaultPartitionRows = 1 << 25;

    /// <summary>The largest id block (as a power of two) whose state the partitioned path keeps per core (2¹⁴ ids, 768 KiB).</summary>
    private const int MaxPartitionShift = 14;

    /// <summary>
    /// Date-ordered rows, ids in a compact range, at most <see cref="DefaultPartitionRows"/> rows: returns the summary, or
    /// <c>null</c> when the block or period range does not fit the 4-byte row key, or whole periods span more than
    /// <see cref="MaxPeriodTableDays"/> days (the caller then takes the chunked path).
    /// <list type="number">
    /// <item>Count rows per id block and mark seen ids in a bitmap, per row half (each core reads half the rows).</item>
    /// <item>Lay the blocks out (a block's left-half rows, then its right-half rows) and size the result from the bitmaps.</item>
    /// <item>Scatter every row once into its block, per row half, as a 4-byte key (id within the block and period offset) and
    /// the 8-byte amount in two streams, write-combined per block and written with non-temporal stores where SSE2 is
    /// available: within a block the rows stay in row order.</item>
    /// <item>Per id half, per block: apply the block's rows to a block-local state (L2-sized), then write the block's
    /// customers into the result columns at the block's offset and reset the state.</item>
    /// </list>
    /// Every customer's rows reach its state in row order on one thread with the same periods and amounts as on the other
    /// paths, so the results are bit-identical to them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe RfmSummary? TrySummarizePartitioned(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates,
        ReadOnlySpan<double> amounts, DateOnly observationEnd, RfmOptions options, in RowScan scan, int forkRows, bool writeCombine)
    {
        int min = scan.Min;
        int range = scan.Max - min + 1;
        int used = scan.Used;
        int shift = BlockShift(range);
        bool whole = options.Counting == PeriodCounting.WholePeriods;
        PeriodUnit unit = options.Unit;
        int basePeriod = whole ? unit.WholePeriodIndex(scan.FirstDay) : scan.FirstDay;
        int lastPeriod = whole ? unit.WholePeriodIndex(scan.LastDay) : scan.LastDay;
        int periodBits = 32 - shift;
        int daySpan = scan.LastDay - scan.FirstDay + 1;
        if (shift > MaxPartitionShift || (long)lastPeriod - basePeriod >= 1L << periodBits || (whole && daySpan > MaxPeriodTableDays))
        {
            return null;
        }

        int blocks = ((range - 1) >> shift) + 1;
        int words = (range + 63) >> 6;
        bool fork = used >= forkRows && blocks >= 2 && ForkJoin.MaxDepth > 0;
        int endDay = observationEnd.DayNumber;
        int endPeriod = whole ? unit.WholePeriodIndex(endDay) : endDay;
        // Every (block, row half) region starts on a 16-slot boundary (a 64-byte line of keys, two of amounts), so the
        // scatter's write-combining flushes whole lines that no other region shares.
        long slots = used + (2L * blocks * WriteCombineRows) + WriteCombineRows;
        if (slots > Array.MaxLength)
        {
            return null;
        }

        int[] countPool = ArrayPool<int>.Shared.Rent(4 * blocks);
        ulong[] seenPool = ArrayPool<ulong>.Shared.Rent(2 * words);
        uint[] keyPool = ArrayPool<uint>.Shared.Rent((int)slots);
        double[] amountPool = ArrayPool<double>.Shared.Rent((int)slots);
        uint[] leftKeyBufferPool = ArrayPool<uint>.Shared.Rent((blocks + 1) * WriteCombineRows);
        uint[] rightKeyBufferPool = ArrayPool<uint>.Shared.Rent((blocks + 1) * WriteCombineRows);
        double[] leftAmountBufferPool = ArrayPool<double>.Shared.Rent((blocks + 1) * WriteCombineRows);
        double[] rightAmountBufferPool = ArrayPool<double>.Shared.Rent((blocks + 1) * WriteCombineRows);
        RfmState[] leftStatePool = ArrayPool<RfmState>.Shared.Rent(1 << shift);
        RfmState[] rightStatePool = ArrayPool<RfmState>.Shared.Rent(1 << shift);
        uint[] periodTablePool = whole ? ArrayPool<uint>.Shared.Rent(daySpan) : [];
        try
        {
            fixed (int* ids = customerIds)
            fixed (DateOnly* days = dates)
            fixed (double* money = amounts)
            fixed (int* counts = countPool)
            fixed (ulong* seen = seenPool)
            fixed (uint* keyArray = keyPool)
            fixed (double* amountArray = amountPool)
            fixed (uint* leftKeyBuffer = leftKeyBufferPool)
            fixed (uint* rightKeyBuffer = rightKeyBufferPool)
            fixed (double* leftAmountBuffer = leftAmountBufferPool)
            fixed (double* rightAmountBuffer = rightAmountBufferPool)
            fixed (RfmState* leftStates = leftStatePool)
            fixed (RfmState* rightStates = rightStatePool)
            fixed (uint* periodTable = periodTablePool)
            {
                // When the rows after the end form the log's tail, the rows in the window are exactly the first `used` rows:
                // count and scatter read only those, and the count reads no dates.
                bool inWindowPrefix = scan.ExcludedBeforeLastUsed == 0;
                int length = inWindowPrefix ? used : customerIds.Length;
                int* leftCursor = counts;
                int* rightCursor = counts + blocks;
                int* leftCount = counts + (2 * blocks);
                int* rightCount = counts + (3 * blocks);
                if (whole)
                {
                    for (int d = 0; d < daySpan; d++)
                    {
                        periodTable[d] = (uint)(unit.WholePeriodIndex(scan.FirstDay + d) - basePeriod);
                    }
                }

                var input = new PartitionInput(ids, (int*)days, money, AlignLine(keyArray), AlignLine(amountArray), counts, blocks, min,
                    range, shift, inWindowPrefix ? int.MaxValue : endDay, basePeriod, whole ? periodTable : null, scan.FirstDay,
                    writeCombine && Sse2.IsSupported);
                int middle = fork ? length / 2 : length;
                var left = new PartitionWork(&input, 0, middle, leftCursor, leftCount, seen, leftStates, AlignLine(leftKeyBuffer),
                    AlignLine(leftAmountBuffer));
                var right = new PartitionWork(&input, middle, length, rightCursor, rightCount, seen + words, rightStates,
                    AlignLine(rightKeyBuffer), AlignLine(rightAmountBuffer));
                new Span<int>(counts, 2 * blocks).Clear();
                RunHalves(&CountPartition, &left, &right, fork);

                // Block layout: a block's left-half rows, then its right-half rows, each region on a 16-slot boundary; the id
                // split balances rows.
                int slot = 0, seenRows = 0;
                int split = blocks;
                for (int b = 0; b < blocks; b++)
                {
                    int leftRows = leftCursor[b];
                    leftCount[b] = leftRows;
                    leftCursor[b] = slot;
                    slot += (leftRows + WriteCombineRows - 1) & -WriteCombineRows;
                    int rightRows = rightCursor[b];
                    rightCount[b] = rightRows;
                    rightCursor[b] = slot;
                    slot += (rightRows + WriteCombineRows - 1) & -WriteCombineRows;
                    seenRows += leftRows + rightRows;
                    if (split == blocks && seenRows >= used / 2 && b + 1 < blocks)
                    {
                        split = b + 1;
                    }
                }

                // Customers: ids seen by either row half; the id split falls on a word boundary (blocks are ≥ 2¹⁰ ids).
                int splitWord = fork ? (split << shift) >> 6 : words;
                int leftCustomers = 0, customers = 0;
                for (int w = 0; w < words; w++)
                {
                    ulong bits = seen[w] | (fork ? seen[words + w] : 0);
                    customers += BitOperations.PopCount(bits);
                    leftCustomers = w + 1 == splitWord ? customers : leftCustomers;
                }

                RunHalves(&ScatterPartition, &left, &right, fork);

                var columns = CompactColumns.Uninitialized(customers);
                left.BlockFrom = 0;
                left.BlockTo = fork ? split : blocks;
                left.OutputStart = 0;
                right.BlockFrom = fork ? split : blocks;
                right.BlockTo = blocks;
                right.OutputStart = fork ? leftCustomers : customers;

                // Periods in the states are offsets from basePeriod: differences (recency, age) are the same integers.
                columns.Write(whole ? 1 : 1 / unit.LengthInDays, endPeriod - basePeriod, &ApplyAndEmitPartition, &left, &left.Output,
                    &right, &right.Output, fork);

                return new RfmSummary(columns.Ids, columns.Frequency, columns.Recency, columns.Age, columns.Monetary, columns.Total,
                    unit, options.Counting, observationEnd, used, scan.Excluded);
            }
        }
        finally
        {
            if (whole)
            {
                ArrayPool<uint>.Shared.Return(periodTablePool);
            }

            ArrayPool<RfmState>.Shared.Return(rightStatePool);
            ArrayPool<RfmState>.Shared.Return(leftStatePool);
            ArrayPool<double>.Shared.Return(rightAmountBufferPool);
            ArrayPool<double>.Shared.Return(leftAmountBufferPool);
            ArrayPool<uint>.Shared.Return(rightKeyBufferPool);
            ArrayPool<uint>.Shared.Return(leftKeyBufferPool);
            ArrayPool<double>.Shared.Return(amountPool);
            ArrayPool<uint>.Shared.Return(keyPool);
            ArrayPool<ulong>.Shared.Return(seenPool);
            ArrayPool<int>.Shared.Return(countPool);
        }
    }

    /// <summary>Id block size (a power of two, at least 2¹⁰) so that the range has at most 256 blocks.</summary>
    private static int BlockShift(int range)
    {
        const int MaxBlocks = 256;
        int shift = 10;
        while (((range - 1) >> shift) + 1 > MaxBlocks)
        {
            shift++;
        }

        return shift;
    }

    /// <summary>Runs <paramref name="body"/> on both halves on both cores when <paramref name="fork"/>, else on the left half only.</summary>
    private static unsafe void RunHalves(delegate*<void*, void> body, void* left, void* right, bool fork)
    {
        if (fork)
        {
            ForkJoin.Invoke(body, left, right);
        }
        else
        {
            body(left);
        }
    }

    /// <summary>Slots per write-combining line group: 16 keys (one 64-byte line) and 16 amounts (two lines).</summary>
    private const int WriteCombineRows = 16;

    /// <summary>The first 64-byte boundary at or after <paramref name="p"/> (the pools rent one line group extra).</summary>
    private static unsafe T* AlignLine<T>(T* p)
        where T : unmanaged => (T*)(((nuint)p + 63) & ~(nuint)63);

    /// <summary>The widest day span (first to last day in the window) for which the partitioned path tabulates whole periods
    /// per day (256 KiB); wider whole-period logs take the chunked path.</summary>
    private const int MaxPeriodTableDays = 1 << 16;

    /// <summary>What both halves of the partitioned path share (pinned pointers). <see cref="PeriodTable"/> (whole periods
    /// only, else null) holds each day's period offset from <see cref="BasePeriod"/>, from <see cref="FirstDay"/> on;
    /// <see cref="EndDay"/> is <see cref="int.MaxValue"/> when every row read is in the window.</summary>
    private unsafe readonly struct PartitionInput(int* ids, int* days, double* amounts, uint* keys, double* spend, int* counts,
        int blocks, int min, int range, int shift, int endDay, int basePeriod, uint* periodTable, int firstDay, bool writeCombine)
    {
        public readonly int* Ids = ids;
        public readonly int* Days = days;
        public readonly double* Amounts = amounts;
        public readonly uint* Keys = keys;
        public readonly double* Spend = spend;
        public readonly int* LeftEnd = counts;
        public readonly int* RightEnd = counts + blocks;
        public readonly int* LeftCount = counts + (2 * blocks);
        public readonly int* RightCount = counts + (3 * blocks);
        public readonly int Blocks = blocks;
        public readonly int Min = min;
        public readonly int Range = range;
        public readonly int Shift = shift;
        public readonly int EndDay = endDay;
        public readonly int BasePeriod = basePeriod;
        public readonly uint* PeriodTable = periodTable;
        public readonly int FirstDay = firstDay;
        public readonly bool WriteCombine = writeCombine;
    }

    /// <summary>One half's work: rows [RowFrom, RowTo) for count and scatter, blocks [BlockFrom, BlockTo) for apply and emit.</summary>
    private unsafe struct PartitionWork(PartitionInput* input, int rowFrom, int rowTo, int* cursor, int* count, ulong* seen,
        RfmState* states, uint* keyBuffer, double* amountBuffer)
    {
        public readonly PartitionInput* Input = input;
        public readonly int RowFrom = rowFrom;
        public readonly int RowTo = rowTo;
        public readonly int* Cursor = cursor;
        public readonly int* Count = count;
        public readonly ulong* Seen = seen;
        public readonly RfmState* States = states;
        public readonly uint* KeyBuffer = keyBuffer;
        public readonly double* AmountBuffer = amountBuffer;
        public int BlockFrom;
        public int BlockTo;
        public CompactOutput* Output;
        public int OutputStart;
    }

    /// <summary>Counts this row half's rows per id block and marks the ids it sees.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CountPartition(void* state)
    {
        ref PartitionWork work = ref *(PartitionWork*)state;
        ref readonly PartitionInput p = ref *work.Input;
        ulong* seen = work.Seen;
        new Span<ulong>(seen, (p.Range + 63) >> 6).Clear();
        int* ids = p.Ids;
        int* days = p.Days;
        int* cursor = work.Cursor;
        int min = p.Min;
        int shift = p.Shift;
        int endDay = p.EndDay;
        int to = work.RowTo;
        if (endDay == int.MaxValue)
        {
            for (int i = work.RowFrom; i < to; i++)
            {
                int local = ids[i] - min;
                cursor[local >> shift]++;
                seen[local >> 6] |= 1UL << local;
            }

            return;
        }

        for (int i = work.RowFrom; i < to; i++)
        {
            if (days[i] <= endDay)
            {
                int local = ids[i] - min;
                cursor[local >> shift]++;
                seen[local >> 6] |= 1UL << local;
            }
        }
    }

    /// <summary>
    /// Scatters this row half's rows into their blocks (row order within a block). With write combining, each block's rows
    /// gather in a 16-slot buffer (in cache) and go out a whole line group at a time with non-temporal stores, which skip
    /// reading the destination lines; the partial groups left at the end go out with ordinary stores.
    /// </summary>
    private static unsafe void ScatterPartition(void* state)
    {
        ref PartitionWork work = ref *(PartitionWork*)state;
        ref readonly PartitionInput p = ref *work.Input;
        if (p.PeriodTable == null)
        {
            Scatter(ref work, new DayOffset(p.BasePeriod));
        }
        else
        {
            Scatter(ref work, new TabulatedPeriod(p.PeriodTable, p.FirstDay));
        }
    }

    private static unsafe void Scatter<TPeriod>(ref PartitionWork work, TPeriod period)
        where TPeriod : struct, IDayToPeriod
    {
        ref readonly PartitionInput p = ref *work.Input;
        if (p.WriteCombine)
        {
            ScatterRows(ref work, period, new CombinedRows(work.KeyBuffer, work.AmountBuffer, work.Input));
            DrainCombined(ref work);
        }
        else
        {
            ScatterRows(ref work, period, new PlainRows(p.Keys, p.Spend));
        }
    }

    /// <summary>A row's period as its offset from the first period, from its day number (inlined in the scatter loops, which
    /// hold no call so that the JIT keeps their locals in registers).</summary>
    private interface IDayToPeriod
    {
        /// <summary>The period offset of day number <paramref name="day"/> (a day in the window).</summary>
        uint Offset(int day);
    }

    /// <summary>Fractional counting: the period is the day itself.</summary>
    private readonly struct DayOffset(int firstDay) : IDayToPeriod
    {
        private readonly int _firstDay = firstDay;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Offset(int day) => (uint)(day - _firstDay);
    }

    /// <summary>Whole periods, tabulated per day of the window.</summary>
    private unsafe readonly struct TabulatedPeriod(uint* table, int firstDay) : IDayToPeriod
    {
        private readonly uint* _table = table;
        private readonly int _firstDay = firstDay;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Offset(int day) => _table[day - _firstDay];
    }

    /// <summary>Where the scatter puts a row: its block, its slot in the scratch, its key and its amount.</summary>
    private interface IRowSink
    {
        /// <summary>Puts one row (slots of a block are handed out in row order).</summary>
        void Put(int block, int slot, uint key, double amount);
    }

    /// <summary>Without write combining (no SSE2): every row stored where it belongs.</summary>
    private unsafe readonly struct PlainRows(uint* keys, double* spend) : IRowSink
    {
        private readonly uint* _keys = keys;
        private readonly double* _spend = spend;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Put(int block, int slot, uint key, double amount)
        {
            _keys[slot] = key;
            _spend[slot] = amount;
        }
    }

    /// <summary>Write-combined: rows gather per block in a line group, flushed whole with non-temporal stores (the
    /// destination pointers are read at a flush only, so that the loop's locals fit the registers).</summary>
    private unsafe readonly struct CombinedRows(uint* keyBuffer, double* amountBuffer, PartitionInput* input) : IRowSink
    {
        private readonly uint* _keyBuffer = keyBuffer;
        private readonly double* _amountBuffer = amountBuffer;
        private readonly PartitionInput* _input = input;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Put(int block, int slot, uint key, double amount)
        {
            int offset = (block * WriteCombineRows) + (slot & (WriteCombineRows - 1));
            _keyBuffer[offset] = key;
            _amountBuffer[offset] = amount;
            if ((slot & (WriteCombineRows - 1)) == WriteCombineRows - 1)
            {
                FlushLines(_keyBuffer + (block * WriteCombineRows), _amountBuffer + (block * WriteCombineRows),
                    _input->Keys + (slot - (WriteCombineRows - 1)), _input->Spend + (slot - (WriteCombineRows - 1)));
            }
        }
    }

    /// <summary>Puts this row half's rows in the window into their blocks, in row order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ScatterRows<TPeriod, TSink>(ref PartitionWork work, TPeriod period, TSink sink)
        where TPeriod : struct, IDayToPeriod
        where TSink : struct, IRowSink
    {
        ref readonly PartitionInput p = ref *work.Input;
        int* ids = p.Ids;
        int* days = p.Days;
        double* amounts = p.Amounts;
        int* cursor = work.Cursor;
        int min = p.Min;
        int shift = p.Shift;
        int periodBits = 32 - shift;
        int endDay = p.EndDay;
        int to = work.RowTo;
        for (int i = work.RowFrom; i < to; i++)
        {
            int day = days[i];
            if (day <= endDay)
            {
                int local = ids[i] - min;
                int block = local >> shift;
                sink.Put(block, cursor[block]++, ((uint)local << periodBits) | period.Offset(day), amounts[i]); // the shift drops the block bits
            }
        }
    }

    /// <summary>After a write-combined scatter: fences the non-temporal stores and writes the partial line groups left.</summary>
    private static unsafe void DrainCombined(ref PartitionWork work)
    {
        ref readonly PartitionInput p = ref *work.Input;
        Sse.StoreFence();
        for (int b = 0; b < p.Blocks; b++)
        {
            int pending = work.Cursor[b] & (WriteCombineRows - 1);
            int start = work.Cursor[b] - pending;
            for (int j = 0; j < pending; j++)
            {
                p.Keys[start + j] = work.KeyBuffer[(b * WriteCombineRows) + j];
                p.Spend[start + j] = work.AmountBuffer[(b * WriteCombineRows) + j];
            }
        }
    }

    /// <summary>Writes one full line group (16 keys, 16 amounts) from the buffer with non-temporal stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void FlushLines(uint* keyBuffer, double* amountBuffer, uint* keys, double* spend)
    {
        Sse2.StoreAlignedNonTemporal(keys, Sse2.LoadAlignedVector128(keyBuffer));
        Sse2.StoreAlignedNonTemporal(keys + 4, Sse2.LoadAlignedVector128(keyBuffer + 4));
        Sse2.StoreAlignedNonTemporal(keys + 8, Sse2.LoadAlignedVector128(keyBuffer + 8));
        Sse2.StoreAlignedNonTemporal(keys + 12, Sse2.LoadAlignedVector128(keyBuffer + 12));
        for (int j = 0; j < WriteCombineRows; j += 2)
        {
            Sse2.StoreAlignedNonTemporal(spend + j, Sse2.LoadAlignedVector128(amountBuffer + j));
        }
    }

    /// <summary>Per block of this id half: applies the block's rows (its left-half region, then its right-half region) to the
    /// block-local states, then writes its customers in id order from the block's output offset and resets their states.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ApplyAndEmitPartition(void* state)
    {
        ref PartitionWork work = ref *(PartitionWork*)state;
        ref readonly PartitionInput p = ref *work.Input;
        ref readonly CompactOutput o = ref *work.Output;
        if (work.BlockTo <= work.BlockFrom)
        {
            return;
        }

        int shift = p.Shift;
        int periodBits = 32 - shift;
        uint periodMask = (uint)((1L << periodBits) - 1);
        RfmState* states = work.States;
        new Span<RfmState>(states, 1 << shift).Clear();
        uint* keys = p.Keys;
        double* spend = p.Spend;
        int k = work.OutputStart;
        for (int b = work.BlockFrom; b < work.BlockTo; b++)
        {
            for (int half = 0; half < 2; half++)
            {
                int end = half == 0 ? p.LeftEnd[b] : p.RightEnd[b];
                int from = end - (half == 0 ? p.LeftCount[b] : p.RightCount[b]);
                for (int slot = from; slot < end; slot++)
                {
                    uint key = keys[slot];
                    states[key >> periodBits].Add((int)(key & periodMask), spend[slot]);
                }
            }

            int idBase = b << shift;
            int blockIds = Math.Min(1 << shift, p.Range - idBase);
            for (int j = 0; j < blockIds; j++)
            {
                ref RfmState s = ref states[j];
                if (s.Periods == 0)
                {
                    continue;
                }

                o.Write(k, p.Min + idBase + j, s);
                s = default;
                k++;
            }
        }
    }
}
