using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal.Vectors;

/// <summary>
/// Counts ratings on a 1..<c>points</c> scale (CES, CSAT): blocks of 4 KiB are read from memory once, then each scale
/// point scans the block in L1 with an equality compare and a popcount per vector. Entries outside the scale are not counted
/// by any point; the caller derives their number as <c>length − Σ counts</c>.
/// </summary>
internal static class PointKernel
{
    public const int MaxPoints = 11;

    /// <summary>Bytes per block: small enough to stay in L1 while every scale point scans it.</summary>
    private const int BlockBytes = 4096;

    /// <summary>Adds the count of each rating 1..<paramref name="counts"/>.Length to <paramref name="counts"/>[rating − 1].</summary>
    public static void Count(ReadOnlySpan<byte> ratings, Span<long> counts, VectorPath path = VectorPath.Auto)
    {
        Debug.Assert(counts.Length is >= 1 and <= MaxPoints);
        ref byte start = ref MemoryMarshal.GetReference(ratings);
        int index = 0;
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512:
                CountVectors<Vector512<byte>, Vector512Ops<byte>>(ref start, ratings.Length, ref index, counts);
                break;
            case VectorPath.Vector256:
                CountVectors<Vector256<byte>, Vector256Ops<byte>>(ref start, ratings.Length, ref index, counts);
                break;
            case VectorPath.Vector128:
                CountVectors<Vector128<byte>, Vector128Ops<byte>>(ref start, ratings.Length, ref index, counts);
                break;
            default:
                break;
        }

        for (; index < ratings.Length; index++)
        {
            uint slot = Unsafe.Add(ref start, index) - 1u;
            if (slot < (uint)counts.Length)
            {
                counts[(int)slot]++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountVectors<TVector, TOps>(ref byte start, int length, ref int index, Span<long> counts)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, byte>
    {
        int width = TOps.Count;
        int i = index;
        while (length - i >= width)
        {
            // One block at a time from memory; each scale point then scans the block from L1 with an equality compare
            // and a popcount, keeping its count in a register rather than in a memory counter.
            int blockEnd = i + (Math.Min(BlockBytes, length - i) / width * width);
            for (int point = 0; point < counts.Length; point++)
            {
                TVector target = TOps.Create((byte)(point + 1));
                long count = 0;
                for (int k = i; k < blockEnd; k += width)
                {
                    count += TOps.CountMatches(TOps.Equal(TOps.Load(ref start, (nuint)k), target));
                }

                counts[point] += count;
            }

            i = blockEnd;
        }

        // The last partial vector: an overlapping load with the lanes already counted masked off.
        if (i < length && length >= width)
        {
            TVector lanes = TOps.LanesFrom(width - (length - i));
            TVector v = TOps.Load(ref start, (nuint)(length - width));
            for (int point = 0; point < counts.Length; point++)
            {
                counts[point] += TOps.CountMatches(TOps.BitwiseAnd(TOps.Equal(v, TOps.Create((byte)(point + 1))), lanes));
            }

            i = length;
        }

        index = i;
    }
}
