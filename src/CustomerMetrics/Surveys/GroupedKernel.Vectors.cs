using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// high nibble detractors; those are read out every 15 vectors (before a nibble can overflow). Four operations per
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
}
