using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Counts scores per group in one pass. NPS scores go to one packed 64-bit counter per group (three 21-bit fields:
/// detractors, passives, promoters), incremented by a table lookup of the score, so each response costs one
/// load-add-store and no branch; the fields are flushed into the wide counts every
/// <see cref="PackedFlushLength"/> responses, before any can overflow (GroupedKernel.Packed.cs). Rating scales (CES,
/// CSAT) are checked a block at a time and clean blocks tallied unchecked (GroupedKernel.Points.cs); the forced scalar
/// path, bad blocks and tails go to a table of <c>groupCount × stride</c> 32-bit counters, at <c>group × stride + slot(score)</c> (slot 0 off
/// the scale, slot r rating r): four independent tables, written round-robin, break the store-to-load dependency when
/// neighbouring responses hit the same counter; one table keeps a large group count in cache. A span holds fewer than
/// 2³¹ entries, so a 32-bit counter cannot overflow. For byte NPS scores with byte group ids and at most
/// <see cref="MaxVectorGroups"/> groups, per-group byte counters in vector lanes count four groups per pass over blocks
/// of the input that stay in L1 (GroupedKernel.Vectors.cs).
/// </summary>
/// <remarks>
/// <para>Both cores: an input of at least <see cref="ForkLength"/> responses (and at least 16 per counter, so that the
/// partial table of the second half is worth its merge) is split in halves, down to <see cref="ForkJoin.MaxDepth"/>
/// levels, counted at once (<see cref="ForkJoin"/>) into separate partial counts and added (checked). Counts are
/// integers, so the result is the same on any number of cores. A bad group id throws from the half that holds it; when
/// both halves throw, the left one's exception wins, so the message always names the lowest bad index.</para>
/// <para>Working tables: the stack up to 16 KB, else an array kept per thread (<see cref="ThreadScratch{T}"/>), so that
/// calls allocate nothing after the first on each thread.</para>
/// </remarks>
internal static partial class GroupedKernel
{
    /// <summary>Group counts up to this use the vector-lane counters (byte scores and byte group ids only).</summary>
    public const int MaxVectorGroups = 16;

    /// <summary>Inputs at least this long (and at least 16 responses per counter) are counted on both cores.</summary>
    public const int ForkLength = 1 << 18;

    /// <summary>Counters (all tables) above this many bytes use one table, so that it stays in cache.</summary>
    private const int MultiTableBytes = 256 * 1024;

    /// <summary>Counter tables up to this many bytes live on the stack; larger ones are kept per thread.</summary>
    private const int StackBytes = 16 * 1024;

    /// <summary>NPS slots: 0 detractor (0–6), 1 passive (7–8), 2 promoter (9–10), 3 invalid (&gt; 10); indexed by min(score, 11).</summary>
    private static ReadOnlySpan<byte> NpsSlotOf => [0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3];

    /// <summary>
    /// Counts <paramref name="scores"/> per group into <paramref name="totals"/> (length groupCount × stride), which
    /// is overwritten, on both cores for long inputs. Throws naming the first group id ≥ <paramref name="groupCount"/>.
    /// </summary>
    public static void Count<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<long> totals, VectorPath path)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TSlots : ISlots =>
        Count<TScore, TGroup, TSlots>(scores, groups, groupCount, points, totals, path, forkLength: 0);

    /// <summary>
    /// As <see cref="Count{TScore, TGroup, TSlots}(ReadOnlySpan{TScore}, ReadOnlySpan{TGroup}, int, uint, Span{long}, VectorPath)"/>
    /// with a forced fork length (tests): ranges at least <paramref name="forkLength"/> long, in the top
    /// <see cref="ForkJoin.MaxDepth"/> levels of halving, count their halves in parallel. A
    /// <paramref name="forkLength"/> of 0 or less means the default: <see cref="ForkLength"/>, and at least 16 responses
    /// per counter.
    /// </summary>
    internal static unsafe void Count<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<long> totals, VectorPath path, int forkLength)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TSlots : ISlots
    {
        totals.Clear();
        if (forkLength <= 0)
        {
            forkLength = (int)Math.Min(int.MaxValue, Math.Max(ForkLength, 16L * totals.Length));
        }

        if (ForkJoin.MaxDepth == 0 || scores.Length < forkLength || scores.Length < 2)
        {
            CountRange<TScore, TGroup, TSlots>(scores, groups, groupCount, points, totals, path, 0);
            return;
        }

        fixed (TScore* s = scores)
        fixed (TGroup* g = groups)
        fixed (long* t = totals)
        {
            var node = new Node(s, g, 0, scores.Length, groupCount, points, t, totals.Length, VectorPaths.Resolve(path), forkLength, ForkJoin.MaxDepth);
            CountNode<TScore, TGroup, TSlots>(&node);
        }
    }

    /// <summary>One range of a fork: responses [<see cref="Offset"/>, <see cref="Offset"/> + <see cref="Length"/>) of the pinned spans, counted into <see cref="Totals"/> (cleared).</summary>
    private unsafe struct Node(void* scores, void* groups, int offset, int length, int groupCount, uint points, long* totals, int totalsLength, VectorPath path, int forkLength, int forkDepth)
    {
        public readonly void* Scores = scores, Groups = groups;
        public readonly long* Totals = totals;
        public readonly int Offset = offset, Length = length, GroupCount = groupCount, TotalsLength = totalsLength, ForkLength = forkLength, ForkDepth = forkDepth;
        public readonly uint Points = points;
        public readonly VectorPath Path = path;

        public readonly Node Part(int offset, int length, long* totals) =>
            new(Scores, Groups, offset, length, GroupCount, Points, totals, TotalsLength, Path, ForkLength, ForkDepth - 1);
    }

    private static unsafe void CountNode<TScore, TGroup, TSlots>(void* state)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TSlots : ISlots
    {
        var node = (Node*)state;
        var totals = new Span<long>(node->Totals, node->TotalsLength);
        if (node->ForkDepth <= 0 || node->Length < node->ForkLength || node->Length < 2)
        {
            var scores = new ReadOnlySpan<TScore>((TScore*)node->Scores + node->Offset, node->Length);
            var groups = new ReadOnlySpan<TGroup>((TGroup*)node->Groups + node->Offset, node->Length);
            CountRange<TScore, TGroup, TSlots>(scores, groups, node->GroupCount, node->Points, totals, node->Path, node->Offset);
            return;
        }

        // The split point is a multiple of 64 where possible, so that both halves keep whole vectors.
        int half = node->Length / 2;
        half = half >= 64 ? half & ~63 : half;
        long[] partial = ThreadScratch<long>.Rent(node->TotalsLength);
        try
        {
            var right = new Span<long>(partial, 0, node->TotalsLength);
            right.Clear();
            fixed (long* r = partial)
            {
                Node leftNode = node->Part(node->Offset, half, node->Totals);
                Node rightNode = node->Part(node->Offset + half, node->Length - half, r);
                ForkJoin.Invoke(&CountNode<TScore, TGroup, TSlots>, &leftNode, &rightNode);
            }

            for (int k = 0; k < totals.Length; k++)
            {
                totals[k] = checked(totals[k] + right[k]);
            }
        }
        finally
        {
            ThreadScratch<long>.Return(partial);
        }
    }

    /// <summary>Counts one range (whose first response has index <paramref name="offset"/> in the caller's spans) into <paramref name="totals"/>, adding.</summary>
    private static void CountRange<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<long> totals, VectorPath path, int offset)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TSlots : ISlots
    {
        if (typeof(TSlots) != typeof(NpsSlots))
        {
            // Rating scales: checked a block at a time (GroupedKernel.Points.cs) unless the scalar path is forced.
            if (typeof(TScore) == typeof(byte) && typeof(TSlots) == typeof(PointSlots) && groupCount > 0 && VectorPaths.Resolve(path) != VectorPath.Scalar)
            {
                CountPoints(MemoryMarshal.Cast<TScore, byte>(scores), groups, groupCount, points, totals, offset);
                return;
            }

            CountScalar<TScore, TGroup, TSlots>(scores, groups, groupCount, points, TSlots.Stride(points), totals, offset);
            return;
        }

        if (typeof(TScore) == typeof(byte) && typeof(TGroup) == typeof(byte)
            && groupCount <= MaxVectorGroups && VectorPaths.Resolve(path) != VectorPath.Scalar)
        {
            ReadOnlySpan<byte> s = MemoryMarshal.Cast<TScore, byte>(scores);
            ReadOnlySpan<byte> g = MemoryMarshal.Cast<TGroup, byte>(groups);
            switch (VectorPaths.Resolve(path))
            {
                case VectorPath.Vector512:
                    NpsVectors<Vector512<byte>, Vector512Ops<byte>>(s, g, groupCount, totals, offset);
                    return;
                case VectorPath.Vector256:
                    NpsVectors<Vector256<byte>, Vector256Ops<byte>>(s, g, groupCount, totals, offset);
                    return;
                default:
                    NpsVectors<Vector128<byte>, Vector128Ops<byte>>(s, g, groupCount, totals, offset);
                    return;
            }
        }

        CountPacked<TScore, TGroup>(scores, groups, groupCount, totals, offset);
    }

    /// <summary>The scalar table kernel over a whole range; adds into <paramref name="totals"/>.</summary>
    private static void CountScalar<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, int stride, Span<long> totals, int offset)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TSlots : ISlots
    {
        int tableLength = groupCount * stride;
        int tables = (long)tableLength * sizeof(uint) * 4 <= MultiTableBytes ? 4 : 1;
        int length = tables * tableLength;
        uint[]? rented = null;
        Span<uint> counters = length * sizeof(uint) <= StackBytes
            ? stackalloc uint[StackBytes / sizeof(uint)]
            : (rented = ThreadScratch<uint>.Rent(length));
        counters = counters[..length];
        counters.Clear();
        try
        {
            if (tables == 4)
            {
                Tally4<TScore, TGroup, TSlots>(scores, groups, groupCount, points, stride, counters, offset);
            }
            else
            {
                Tally1<TScore, TGroup, TSlots>(scores, groups, groupCount, points, stride, counters, offset);
            }

            AddTables(counters, tableLength, totals);
        }
        finally
        {
            if (rented is not null)
            {
                ThreadScratch<uint>.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tally4<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, int stride, Span<uint> counters, int offset)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TSlots : ISlots
    {
        ref TScore s = ref MemoryMarshal.GetReference(scores);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref uint t0 = ref MemoryMarshal.GetReference(counters);
        int tableLength = groupCount * stride;
        ref uint t1 = ref Unsafe.Add(ref t0, tableLength);
        ref uint t2 = ref Unsafe.Add(ref t1, tableLength);
        ref uint t3 = ref Unsafe.Add(ref t2, tableLength);
        uint limit = (uint)groupCount;
        int n = scores.Length;
        int i = 0;
        for (; i <= n - 4; i += 4)
        {
            // One response at a time (load, check, increment): checking four ids at once before the increments ran
            // 2.5–3× slower in a scratch measurement of the packed NPS loops, which had the same shape.
            uint g0 = uint.CreateTruncating(Unsafe.Add(ref g, i));
            if (g0 >= limit)
            {
                ThrowGroup(groups, groupCount, offset);
            }

            Unsafe.Add(ref t0, (nint)((g0 * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i)), points)))++;
            uint g1 = uint.CreateTruncating(Unsafe.Add(ref g, i + 1));
            if (g1 >= limit)
            {
                ThrowGroup(groups, groupCount, offset);
            }

            Unsafe.Add(ref t1, (nint)((g1 * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i + 1)), points)))++;
            uint g2 = uint.CreateTruncating(Unsafe.Add(ref g, i + 2));
            if (g2 >= limit)
            {
                ThrowGroup(groups, groupCount, offset);
            }

            Unsafe.Add(ref t2, (nint)((g2 * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i + 2)), points)))++;
            uint g3 = uint.CreateTruncating(Unsafe.Add(ref g, i + 3));
            if (g3 >= limit)
            {
                ThrowGroup(groups, groupCount, offset);
            }

            Unsafe.Add(ref t3, (nint)((g3 * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i + 3)), points)))++;
        }

        Tally1<TScore, TGroup, TSlots>(scores[i..], groups[i..], groupCount, points, stride, counters, offset + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tally1<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, int stride, Span<uint> counters, int offset)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TSlots : ISlots
    {
        ref TScore s = ref MemoryMarshal.GetReference(scores);
        ref TGroup g = ref MemoryMarshal.GetReference(groups);
        ref uint t = ref MemoryMarshal.GetReference(counters);
        uint limit = (uint)groupCount;
        for (int i = 0; i < scores.Length; i++)
        {
            uint group = uint.CreateTruncating(Unsafe.Add(ref g, i));
            if (group >= limit)
            {
                ThrowGroup(groups, groupCount, offset);
            }

            Unsafe.Add(ref t, (nint)((group * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i)), points)))++;
        }
    }

    /// <summary>
    /// The counts of one group's rating slots (slot 0 off the scale, slot r rating r); throws at the first off-scale
    /// rating of the whole input unless lenient.
    /// </summary>
    public static PointCounts PointsFromSlots(ReadOnlySpan<long> slots, ReadOnlySpan<byte> ratings, int points, bool lenient, string paramName, out long rejected)
    {
        rejected = slots[0];
        if (rejected != 0 && !lenient)
        {
            int index = ratings.IndexOfAnyExceptInRange((byte)1, (byte)points);
            ThrowHelper.ValueOutOfRange(paramName, index, ratings[index], 1, points);
        }

        PointCounts counts = default;
        for (int rating = 1; rating <= points; rating++)
        {
            counts[rating - 1] = slots[rating];
        }

        return counts;
    }

    /// <summary>Totals of <paramref name="length"/> longs: <paramref name="stack"/> when it is long enough, else a rented array (return it with <see cref="Return"/>).</summary>
    public static Span<long> Totals(int length, Span<long> stack, out long[]? rented)
    {
        rented = null;
        return length <= stack.Length ? stack[..length] : (rented = ArrayPool<long>.Shared.Rent(length)).AsSpan(0, length);
    }

    public static void Return(long[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<long>.Shared.Return(rented);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowGroup<TGroup>(ReadOnlySpan<TGroup> groups, int groupCount, int offset)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        // The caller has checked the ids before those of this range; the first bad one here is the first of all.
        for (int i = 0; i < groups.Length; i++)
        {
            uint group = uint.CreateTruncating(groups[i]);
            if (group >= (uint)groupCount)
            {
                ThrowHelper.ValueOutOfRange("groupIds", (long)offset + i, long.CreateTruncating(groups[i]), 0, groupCount - 1);
            }
        }
    }

    /// <summary>Maps a score to its slot within a group's counters.</summary>
    internal interface ISlots
    {
        static abstract int Stride(uint points);

        static abstract uint Slot(uint score, uint points);
    }

    /// <summary>NPS: 0 detractor, 1 passive, 2 promoter, 3 invalid (score &gt; 10, or negative read as unsigned).</summary>
    internal readonly struct NpsSlots : ISlots
    {
        public static int Stride(uint points) => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Slot(uint score, uint points) => Unsafe.Add(ref MemoryMarshal.GetReference(NpsSlotOf), (nint)Math.Min(score, 11u));
    }

    /// <summary>A 1..points rating scale: slot r for rating r, slot 0 for anything off the scale (0 or above points).</summary>
    internal readonly struct PointSlots : ISlots
    {
        public static int Stride(uint points) => (int)points + 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Slot(uint score, uint points) => score <= points ? score : 0;
    }
}
