using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>The vector-lane counters for byte NPS scores with at most <see cref="MaxVectorGroups"/> byte groups.</summary>
internal static partial class GroupedKernel
{
    /// <summary>
    /// Byte NPS scores per byte group, up to <see cref="MaxVectorGroups"/> groups, in blocks of up to 255 vectors (so
    /// byte lane counters cannot overflow) that stay in L1. A first pass over a block checks for scores above 10 and
    /// group ids out of range (such a block goes to the packed scalar kernel, which counts the invalid scores and
    /// throws on a bad group id) and stores one weight per response on the stack: 1 for a promoter, 16 for a detractor, 0 for a
    /// passive. Then, for each four groups, one pass over the block: per group a compare of the group ids, a subtract
    /// into a response counter and an add of the masked weights into a counter whose low nibble counts promoters and
    /// high nibble detractors; every 15 vectors (before a nibble can overflow) the nibbles are added lane-wise into byte
    /// counters of promoters and detractors (at most 17 × 15 = 255 a block), which are summed across lanes once a block. Four operations per
    /// group and vector, against six for separate promoter and detractor counters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NpsVectors<TVector, TOps>(ReadOnlySpan<byte> scores, ReadOnlySpan<byte> groups, int groupCount, Span<long> totals, int offset)
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
        TVector one = TOps.Create(1), sixteen = TOps.Create(16), low = TOps.Create(0x0F);
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
                CountPacked<byte, byte>(scores[i..end], groups[i..end], groupCount, totals, offset + i);
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

                // Promoters and detractors of the block per lane: at most 17 read-outs of 15 each, so at most 255.
                TVector p0 = n0, p1 = n0, p2 = n0, p3 = n0, d0 = n0, d1 = n0, d2 = n0, d3 = n0;
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

                    // Lane-wise read-out of the nibbles into byte counters (a horizontal sum only once a block).
                    p0 = TOps.Add(p0, TOps.BitwiseAnd(a0, low));
                    p1 = TOps.Add(p1, TOps.BitwiseAnd(a1, low));
                    p2 = TOps.Add(p2, TOps.BitwiseAnd(a2, low));
                    p3 = TOps.Add(p3, TOps.BitwiseAnd(a3, low));
                    d0 = TOps.Add(d0, HighNibbles<TVector, TOps>(a0, low));
                    d1 = TOps.Add(d1, HighNibbles<TVector, TOps>(a1, low));
                    d2 = TOps.Add(d2, HighNibbles<TVector, TOps>(a2, low));
                    d3 = TOps.Add(d3, HighNibbles<TVector, TOps>(a3, low));
                }

                Flush(totals, first, groupCount, TOps.SumCounts(n0), TOps.SumCounts(p0), TOps.SumCounts(d0));
                Flush(totals, first + 1, groupCount, TOps.SumCounts(n1), TOps.SumCounts(p1), TOps.SumCounts(d1));
                Flush(totals, first + 2, groupCount, TOps.SumCounts(n2), TOps.SumCounts(p2), TOps.SumCounts(d2));
                Flush(totals, first + 3, groupCount, TOps.SumCounts(n3), TOps.SumCounts(p3), TOps.SumCounts(d3));
            }

            i = end;
        }

        CountPacked<byte, byte>(scores[i..], groups[i..], groupCount, totals, offset + i);

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

    /// <summary>The high nibble of each byte lane, as a value 0–15 (a 16-bit shift by 4, then the low nibble).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector HighNibbles<TVector, TOps>(TVector value, TVector low)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, byte>
    {
        if (typeof(TVector) == typeof(Vector512<byte>))
        {
            return TOps.BitwiseAnd((TVector)(object)Vector512.ShiftRightLogical(((Vector512<byte>)(object)value).AsUInt16(), 4).AsByte(), low);
        }

        if (typeof(TVector) == typeof(Vector256<byte>))
        {
            return TOps.BitwiseAnd((TVector)(object)Vector256.ShiftRightLogical(((Vector256<byte>)(object)value).AsUInt16(), 4).AsByte(), low);
        }

        return TOps.BitwiseAnd((TVector)(object)Vector128.ShiftRightLogical(((Vector128<byte>)(object)value).AsUInt16(), 4).AsByte(), low);
    }
}
