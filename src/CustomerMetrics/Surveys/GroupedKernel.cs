using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Counts scores per group in one pass. Each response increments one counter of a table of
/// <c>groupCount × stride</c> 32-bit counters, at <c>group × stride + slot(score)</c>, where slot 0..stride−1 is the
/// score's category (NPS: detractor, passive, promoter, invalid; rating scales: invalid, 1, …, k). Four independent
/// tables, written round-robin, break the store-to-load dependency when neighbouring responses hit the same counter
/// (small and moderate group counts); one table keeps a large group count in cache. A span holds fewer than 2³¹
/// entries, so a 32-bit counter cannot overflow. For byte NPS scores with byte group ids and at most
/// <see cref="MaxVectorGroups"/> groups, per-group byte counters in vector lanes count four groups per pass over
/// blocks of the input that stay in L1 (promoters and detractors packed as two nibbles of one counter).
/// </summary>
internal static class GroupedKernel
{
    /// <summary>Group counts up to this use the vector-lane counters (byte scores and byte group ids only).</summary>
    public const int MaxVectorGroups = 16;

    /// <summary>Counters (all tables) above this many bytes use one table, so that it stays in cache.</summary>
    private const int MultiTableBytes = 256 * 1024;

    /// <summary>Counter tables up to this many bytes live on the stack; larger ones are rented from the shared pool.</summary>
    private const int StackBytes = 16 * 1024;

    /// <summary>NPS slots: 0 detractor (0–6), 1 passive (7–8), 2 promoter (9–10), 3 invalid (&gt; 10); indexed by min(score, 11).</summary>
    private static ReadOnlySpan<byte> NpsSlotOf => [0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3];

    /// <summary>
    /// Counts <paramref name="scores"/> per group into <paramref name="totals"/> (length groupCount × stride), which
    /// is overwritten. Throws naming the first group id ≥ <paramref name="groupCount"/>.
    /// </summary>
    public static void Count<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, Span<long> totals, VectorPath path)
        where TScore : unmanaged, IBinaryInteger<TScore>
        where TGroup : unmanaged, IBinaryInteger<TGroup>
        where TSlots : ISlots
    {
        int stride = TSlots.Stride(points);
        totals.Clear();
        if (typeof(TSlots) == typeof(NpsSlots) && typeof(TScore) == typeof(byte) && typeof(TGroup) == typeof(byte)
            && groupCount <= MaxVectorGroups && VectorPaths.Resolve(path) != VectorPath.Scalar)
        {
            ReadOnlySpan<byte> s = MemoryMarshal.Cast<TScore, byte>(scores);
            ReadOnlySpan<byte> g = MemoryMarshal.Cast<TGroup, byte>(groups);
            switch (VectorPaths.Resolve(path))
            {
                case VectorPath.Vector512:
                    NpsVectors<Vector512<byte>, Vector512Ops<byte>>(s, g, groupCount, totals);
                    return;
                case VectorPath.Vector256:
                    NpsVectors<Vector256<byte>, Vector256Ops<byte>>(s, g, groupCount, totals);
                    return;
                default:
                    NpsVectors<Vector128<byte>, Vector128Ops<byte>>(s, g, groupCount, totals);
                    return;
            }
        }

        CountScalar<TScore, TGroup, TSlots>(scores, groups, groupCount, points, stride, totals);
    }

    /// <summary>The scalar table kernel over a whole range; adds into <paramref name="totals"/>.</summary>
    private static void CountScalar<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, int stride, Span<long> totals)
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
            : (rented = ArrayPool<uint>.Shared.Rent(length));
        counters = counters[..length];
        counters.Clear();
        try
        {
            if (tables == 4)
            {
                Tally4<TScore, TGroup, TSlots>(scores, groups, groupCount, points, stride, counters);
            }
            else
            {
                Tally1<TScore, TGroup, TSlots>(scores, groups, groupCount, points, stride, counters);
            }

            for (int t = 0; t < tables; t++)
            {
                ReadOnlySpan<uint> table = counters.Slice(t * tableLength, tableLength);
                for (int k = 0; k < tableLength; k++)
                {
                    totals[k] += table[k];
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<uint>.Shared.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tally4<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, int stride, Span<uint> counters)
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
            uint g0 = uint.CreateTruncating(Unsafe.Add(ref g, i));
            uint g1 = uint.CreateTruncating(Unsafe.Add(ref g, i + 1));
            uint g2 = uint.CreateTruncating(Unsafe.Add(ref g, i + 2));
            uint g3 = uint.CreateTruncating(Unsafe.Add(ref g, i + 3));
            if (Math.Max(Math.Max(g0, g1), Math.Max(g2, g3)) >= limit)
            {
                ThrowGroup(groups, groupCount);
            }

            Unsafe.Add(ref t0, (nint)((g0 * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i)), points)))++;
            Unsafe.Add(ref t1, (nint)((g1 * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i + 1)), points)))++;
            Unsafe.Add(ref t2, (nint)((g2 * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i + 2)), points)))++;
            Unsafe.Add(ref t3, (nint)((g3 * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i + 3)), points)))++;
        }

        Tally1<TScore, TGroup, TSlots>(scores[i..], groups[i..], groupCount, points, stride, counters);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tally1<TScore, TGroup, TSlots>(
        ReadOnlySpan<TScore> scores, ReadOnlySpan<TGroup> groups, int groupCount, uint points, int stride, Span<uint> counters)
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
                ThrowGroup(groups, groupCount);
            }

            Unsafe.Add(ref t, (nint)((group * (uint)stride) + TSlots.Slot(uint.CreateTruncating(Unsafe.Add(ref s, i)), points)))++;
        }
    }

    /// <summary>
    /// Byte NPS scores per byte group, up to <see cref="MaxVectorGroups"/> groups, in blocks of up to 255 vectors (so
    /// byte lane counters cannot overflow) that stay in L1. A first pass over a block checks for scores above 10 and
    /// group ids out of range (such a block goes to the scalar kernel, which counts the invalid scores and throws on a
    /// bad group id) and stores one weight per response on the stack: 1 for a promoter, 16 for a detractor, 0 for a
    /// passive. Then, for each four groups, one pass over the block: per group a compare of the group ids, a subtract
    /// into a response counter and an add of the masked weights into a counter whose low nibble counts promoters and
    /// high nibble detractors; those are read out every 15 vectors (before a nibble can overflow). Four operations per
    /// group and vector, against six for separate promoter and detractor counters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NpsVectors<TVector, TOps>(ReadOnlySpan<byte> scores, ReadOnlySpan<byte> groups, int groupCount, Span<long> totals)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, byte>
    {
        const int BlockVectors = 255, NibbleVectors = 15;
        int width = TOps.Count;
        ref byte s = ref MemoryMarshal.GetReference(scores);
        ref byte g = ref MemoryMarshal.GetReference(groups);
        Span<byte> weights = stackalloc byte[BlockVectors * 64];
        ref byte w = ref MemoryMarshal.GetReference(weights);
        TVector eight = TOps.Create(8), seven = TOps.Create(7), ten = TOps.Create(10);
        TVector one = TOps.Create(1), sixteen = TOps.Create(16), low = TOps.Create(0x0F), high = TOps.Create(0xF0);
        TVector lastGroup = TOps.Create((byte)(groupCount - 1));
        int n = scores.Length;
        int i = 0;
        while (n - i >= width)
        {
            int vectors = Math.Min(BlockVectors, (n - i) / width);
            int end = i + (vectors * width);
            TVector maxScore = TOps.Zero, maxGroup = TOps.Zero;
            for (int k = i, o = 0; k < end; k += width, o += width)
            {
                TVector v = TOps.Load(ref s, (nuint)k);
                maxScore = TOps.Max(maxScore, v);
                maxGroup = TOps.Max(maxGroup, TOps.Load(ref g, (nuint)k));
                TVector weight = TOps.BitwiseOr(TOps.BitwiseAnd(TOps.GreaterThan(v, eight), one), TOps.BitwiseAnd(TOps.LessThan(v, seven), sixteen));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref w, o), weight);
            }

            if (TOps.GreaterThanAny(maxScore, ten) || TOps.GreaterThanAny(maxGroup, lastGroup))
            {
                CountScalar<byte, byte, NpsSlots>(scores[i..end], groups[i..end], groupCount, 0, 4, totals);
                i = end;
                continue;
            }

            for (int first = 0; first < groupCount; first += 4)
            {
                // Groups beyond groupCount get the id 255, which no checked group id reaches.
                TVector id0 = TOps.Create((byte)first);
                TVector id1 = TOps.Create(first + 1 < groupCount ? (byte)(first + 1) : byte.MaxValue);
                TVector id2 = TOps.Create(first + 2 < groupCount ? (byte)(first + 2) : byte.MaxValue);
                TVector id3 = TOps.Create(first + 3 < groupCount ? (byte)(first + 3) : byte.MaxValue);
                TVector n0 = TOps.Zero, n1 = n0, n2 = n0, n3 = n0;
                long pr0 = 0, pr1 = 0, pr2 = 0, pr3 = 0, de0 = 0, de1 = 0, de2 = 0, de3 = 0;
                for (int sub = i; sub < end; sub += NibbleVectors * width)
                {
                    int subEnd = Math.Min(end, sub + (NibbleVectors * width));
                    TVector a0 = TOps.Zero, a1 = a0, a2 = a0, a3 = a0;
                    for (int k = sub; k < subEnd; k += width)
                    {
                        TVector gv = TOps.Load(ref g, (nuint)k);
                        TVector weight = TOps.Load(ref w, (nuint)(k - i));
                        TVector e0 = TOps.Equal(gv, id0), e1 = TOps.Equal(gv, id1), e2 = TOps.Equal(gv, id2), e3 = TOps.Equal(gv, id3);
                        n0 = TOps.Subtract(n0, e0);
                        n1 = TOps.Subtract(n1, e1);
                        n2 = TOps.Subtract(n2, e2);
                        n3 = TOps.Subtract(n3, e3);
                        a0 = TOps.Add(a0, TOps.BitwiseAnd(e0, weight));
                        a1 = TOps.Add(a1, TOps.BitwiseAnd(e1, weight));
                        a2 = TOps.Add(a2, TOps.BitwiseAnd(e2, weight));
                        a3 = TOps.Add(a3, TOps.BitwiseAnd(e3, weight));
                    }

                    pr0 += TOps.SumCounts(TOps.BitwiseAnd(a0, low));
                    pr1 += TOps.SumCounts(TOps.BitwiseAnd(a1, low));
                    pr2 += TOps.SumCounts(TOps.BitwiseAnd(a2, low));
                    pr3 += TOps.SumCounts(TOps.BitwiseAnd(a3, low));
                    de0 += TOps.SumCounts(TOps.BitwiseAnd(a0, high));
                    de1 += TOps.SumCounts(TOps.BitwiseAnd(a1, high));
                    de2 += TOps.SumCounts(TOps.BitwiseAnd(a2, high));
                    de3 += TOps.SumCounts(TOps.BitwiseAnd(a3, high));
                }

                // The high nibbles were summed as multiples of 16.
                Flush(totals, first, groupCount, TOps.SumCounts(n0), pr0, de0 / 16);
                Flush(totals, first + 1, groupCount, TOps.SumCounts(n1), pr1, de1 / 16);
                Flush(totals, first + 2, groupCount, TOps.SumCounts(n2), pr2, de2 / 16);
                Flush(totals, first + 3, groupCount, TOps.SumCounts(n3), pr3, de3 / 16);
            }

            i = end;
        }

        CountScalar<byte, byte, NpsSlots>(scores[i..], groups[i..], groupCount, 0, 4, totals);

        static void Flush(Span<long> totals, int group, int groupCount, long count, long promoters, long detractors)
        {
            if (group < groupCount)
            {
                totals[(group * 4) + 0] += detractors;
                totals[(group * 4) + 1] += count - promoters - detractors;
                totals[(group * 4) + 2] += promoters;
            }
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
    private static void ThrowGroup<TGroup>(ReadOnlySpan<TGroup> groups, int groupCount)
        where TGroup : unmanaged, IBinaryInteger<TGroup>
    {
        for (int i = 0; i < groups.Length; i++)
        {
            uint group = uint.CreateTruncating(groups[i]);
            if (group >= (uint)groupCount)
            {
                ThrowHelper.ValueOutOfRange("groupIds", i, long.CreateTruncating(groups[i]), 0, groupCount - 1);
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
