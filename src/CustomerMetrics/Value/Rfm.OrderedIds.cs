using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

// Rfm.Summarize for date-ordered rows with customer ids in a compact range: per-chunk radix partition by id block, with the
// row split (count, scatter) and the id split (apply) on both cores.
public static partial class Rfm
{
    /// <summary>How many rows ahead the apply pass prefetches a customer's state.</summary>
    private const int PrefetchDistance = 16;

    /// <summary>
    /// Date-ordered rows, ids in a compact range: fills <c>rows.States</c> (the per-id running state) and the customer count of
    /// each id half. The rows stream through in equal chunks of at most max(2²⁰, 4 × id range) rows; each chunk is counted
    /// and scattered by id block into pooled scratch (16 bytes per chunk row), the rows of one block in row order, then applied
    /// block by block with a software prefetch of the state a few rows ahead. With <paramref name="fork"/> the count and the
    /// scatter split the chunk's rows in two halves (the left half's rows of a block precede the right half's), and the apply
    /// and the customer count split the blocks in two id halves: every customer's rows reach its state in row order on one
    /// thread, as on one core, so the results are bit-identical whatever the split.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ApplyOrdered(CompactRows* rows, CompactWork* left, CompactWork* right, int blocks, bool fork)
    {
        int length = rows->Length;
        long chunkCap = Math.Max(1L << 20, 4L * rows->Range);
        int chunks = (int)((length + chunkCap - 1) / chunkCap);
        int chunkLength = (int)((length + (long)chunks - 1) / chunks);
        OrderedRow[] scratchPool = ArrayPool<OrderedRow>.Shared.Rent(Math.Max(chunkLength, 1));
        int[] cursorPool = ArrayPool<int>.Shared.Rent(3 * blocks);
        try
        {
            fixed (OrderedRow* scratch = scratchPool)
            fixed (int* cursors = cursorPool)
            {
                // Per block: the left row half's cursor, the right row half's cursor, the block's end slot.
                int* leftCursor = cursors;
                int* rightCursor = cursors + blocks;
                int* blockEnd = cursors + (2 * blocks);
                var l = new OrderedWork(rows, scratch, leftCursor, blockEnd, left->BlockFrom, left->BlockTo);
                var r = new OrderedWork(rows, scratch, rightCursor, blockEnd, right->BlockFrom, right->BlockTo);
                for (int chunk = 0; chunk < chunks; chunk++)
                {
                    int chunkStart = chunk * chunkLength;
                    int chunkEnd = (int)Math.Min(length, (long)chunkStart + chunkLength);
                    int middle = fork ? chunkStart + ((chunkEnd - chunkStart) / 2) : chunkEnd;
                    l.RowFrom = chunkStart;
                    l.RowTo = middle;
                    r.RowFrom = middle;
                    r.RowTo = chunkEnd;
                    l.ClearStates = r.ClearStates = chunk == 0;
                    new Span<int>(cursors, 2 * blocks).Clear();
                    Run(&CountOrdered, &l, &r, fork);

                    int slot = 0;
                    for (int b = 0; b < blocks; b++)
                    {
                        int leftRows = leftCursor[b];
                        leftCursor[b] = slot;
                        slot += leftRows;
                        int rightRows = rightCursor[b];
                        rightCursor[b] = slot;
                        slot += rightRows;
                        blockEnd[b] = slot;
                    }

                    Run(&ScatterOrdered, &l, &r, fork);
                    Run(&ApplyOrderedBlocks, &l, &r, fork);
                }

                left->Customers = l.Customers;
                right->Customers = r.Customers;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(cursorPool);
            ArrayPool<OrderedRow>.Shared.Return(scratchPool);
        }
    }

    private static unsafe void Run(delegate*<void*, void> body, OrderedWork* left, OrderedWork* right, bool fork)
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

    /// <summary>A row of the scratch: local id (high 32 bits) and period (low 32 bits), and the amount.</summary>
    private struct OrderedRow
    {
        public long Key;
        public double Amount;
    }

    /// <summary>One half's work in the ordered path: rows [RowFrom, RowTo) for count and scatter, blocks [BlockFrom, BlockTo) for apply.</summary>
    private unsafe struct OrderedWork(CompactRows* rows, OrderedRow* scratch, int* cursor, int* blockEnd, int blockFrom, int blockTo)
    {
        public readonly CompactRows* Rows = rows;
        public readonly OrderedRow* Scratch = scratch;
        public readonly int* Cursor = cursor;
        public readonly int* BlockEnd = blockEnd;
        public readonly int BlockFrom = blockFrom;
        public readonly int BlockTo = blockTo;
        public int RowFrom;
        public int RowTo;
        public bool ClearStates;
        public int Customers;
    }

    /// <summary>Counts this row half's rows per id block (and, on the first chunk, clears this id half's states).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CountOrdered(void* state)
    {
        ref OrderedWork work = ref *(OrderedWork*)state;
        ref readonly CompactRows r = ref *work.Rows;
        if (work.ClearStates && work.BlockTo > work.BlockFrom)
        {
            int idFrom = work.BlockFrom << r.Shift;
            int idTo = Math.Min(r.Range, work.BlockTo << r.Shift);
            new Span<RfmState>(r.States + idFrom, idTo - idFrom).Clear();
        }

        int* ids = r.Ids;
        int* days = r.Days;
        int* cursor = work.Cursor;
        int min = r.Min;
        int shift = r.Shift;
        int endDay = r.EndDay;
        int to = work.RowTo;
        for (int i = work.RowFrom; i < to; i++)
        {
            if (days[i] <= endDay)
            {
                cursor[(ids[i] - min) >> shift]++;
            }
        }
    }

    /// <summary>Scatters this row half's rows into their blocks' slots (row order within a block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ScatterOrdered(void* state)
    {
        ref OrderedWork work = ref *(OrderedWork*)state;
        ref readonly CompactRows r = ref *work.Rows;
        int* ids = r.Ids;
        int* days = r.Days;
        double* amounts = r.Amounts;
        int* cursor = work.Cursor;
        OrderedRow* scratch = work.Scratch;
        int min = r.Min;
        int shift = r.Shift;
        int endDay = r.EndDay;
        bool whole = r.Whole;
        PeriodUnit unit = r.Unit;
        int to = work.RowTo;
        for (int i = work.RowFrom; i < to; i++)
        {
            int day = days[i];
            if (day <= endDay)
            {
                int local = ids[i] - min;
                int period = whole ? unit.WholePeriodIndex(day) : day;
                OrderedRow* row = scratch + cursor[local >> shift]++;
                row->Key = ((long)local << 32) | (uint)period;
                row->Amount = amounts[i];
            }
        }
    }

    /// <summary>Applies the slots of this id half's blocks to the states, prefetching a few rows ahead, and counts the customers it meets first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ApplyOrderedBlocks(void* state)
    {
        ref OrderedWork work = ref *(OrderedWork*)state;
        ref readonly CompactRows r = ref *work.Rows;
        if (work.BlockTo <= work.BlockFrom)
        {
            return;
        }

        RfmState* states = r.States;
        OrderedRow* scratch = work.Scratch;
        int from = work.BlockFrom == 0 ? 0 : work.BlockEnd[work.BlockFrom - 1];
        int to = work.BlockEnd[work.BlockTo - 1];
        int customers = 0; // states seen for the first time (their line is loaded anyway)
        int slot = from;
        for (; slot < to - PrefetchDistance; slot++)
        {
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(states + (int)(scratch[slot + PrefetchDistance].Key >> 32));
            }

            long key = scratch[slot].Key;
            ref RfmState customer = ref states[(int)(key >> 32)];
            customers += customer.Periods == 0 ? 1 : 0;
            customer.Add((int)key, scratch[slot].Amount);
        }

        for (; slot < to; slot++)
        {
            long key = scratch[slot].Key;
            ref RfmState customer = ref states[(int)(key >> 32)];
            customers += customer.Periods == 0 ? 1 : 0;
            customer.Add((int)key, scratch[slot].Amount);
        }

        work.Customers += customers;
    }
}
