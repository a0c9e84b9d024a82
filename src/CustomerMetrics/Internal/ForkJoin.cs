using System.Runtime.ExceptionServices;

namespace CustomerMetrics.Internal;

/// <summary>
/// Fork-join for the pairwise trees of the span kernels: runs the two halves of a node at once, the left one on the
/// calling thread and the right one on a thread-pool thread, and returns when both are done. The halves describe their
/// work in a struct on the caller's stack (pointers into pinned spans), so the tree, and therefore every rounding, is
/// the same whether a node forks or not: results do not depend on the number of cores or on scheduling.
/// </summary>
/// <remarks>
/// <para>Allocation-free after the first fork of each thread: the queued work item is taken from a per-thread free list
/// and returned to it. The caller never waits for a thread that has not started: if no pool thread has taken the right
/// half by the time the left one is done, the caller runs it itself, so a starved thread pool costs parallelism, never
/// a deadlock.</para>
/// <para>Exceptions: if both halves throw, the left one's is rethrown (the one a sequential walk meets first), with
/// its original stack trace.</para>
/// </remarks>
internal static unsafe class ForkJoin
{
    /// <summary>
    /// How many levels of a pairwise tree fork: ⌈log₂ of the processor count⌉, at most 4 (16 ways); 0 on one core.
    /// </summary>
    public static int MaxDepth { get; } = Environment.ProcessorCount <= 1
        ? 0
        : Math.Min(4, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(Environment.ProcessorCount - 1)));

    /// <summary>Runs <paramref name="body"/> on <paramref name="left"/> here and on <paramref name="right"/> in parallel.</summary>
    /// <param name="body">The work of one half; it reads its inputs from and writes its result to the state it is given.</param>
    /// <param name="left">The left half's state (on the caller's stack).</param>
    /// <param name="right">The right half's state (on the caller's stack).</param>
    public static void Invoke(delegate*<void*, void> body, void* left, void* right)
    {
        WorkItem item = WorkItem.Rent(body, right);
        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
        Exception? leftError = WorkItem.Run(body, left);
        Exception? rightError = item.Join();
        WorkItem.Return(item);
        if (leftError is not null)
        {
            ExceptionDispatchInfo.Throw(leftError);
        }

        if (rightError is not null)
        {
            ExceptionDispatchInfo.Throw(rightError);
        }
    }

    /// <summary>
    /// One queued half. It runs once, on whichever thread claims it first (a pool thread in <see cref="Execute"/> or the
    /// owner in <see cref="Join"/>); a stale queue entry left behind when the owner ran it finds it claimed and does
    /// nothing, or, if the item has been reused since, runs the new half, which is equally correct.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Items live in per-thread free lists for the life of the thread; the event never creates a kernel handle (its WaitHandle is not used), so there is nothing to dispose.")]
    private sealed class WorkItem : IThreadPoolWorkItem
    {
        [ThreadStatic]
        private static WorkItem? _free;

        private readonly ManualResetEventSlim _done = new(initialState: false);
        private WorkItem? _next;
        private delegate*<void*, void> _body;
        private void* _state;
        private Exception? _error;
        private int _claimed = 1;

        public static WorkItem Rent(delegate*<void*, void> body, void* state)
        {
            WorkItem? item = _free;
            if (item is null)
            {
                item = new WorkItem();
            }
            else
            {
                _free = item._next;
                item._next = null;
            }

            item._body = body;
            item._state = state;
            item._error = null;
            item._done.Reset();
            Volatile.Write(ref item._claimed, 0);
            return item;
        }

        public static void Return(WorkItem item)
        {
            item._next = _free;
            _free = item;
        }

        public static Exception? Run(delegate*<void*, void> body, void* state)
        {
            try
            {
                body(state);
                return null;
            }
#pragma warning disable CA1031 // Every exception is carried to the owner and rethrown there with its stack trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return e;
            }
        }

        public void Execute()
        {
            if (Interlocked.Exchange(ref _claimed, 1) == 0)
            {
                _error = Run(_body, _state);
                _done.Set();
            }
        }

        public Exception? Join()
        {
            if (Interlocked.Exchange(ref _claimed, 1) == 0)
            {
                return Run(_body, _state);
            }

            _done.Wait();
            return _error;
        }
    }
}
