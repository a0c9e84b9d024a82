using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal.Vectors;

/// <summary>
/// Counts ratings on a 1..<c>points</c> scale (CES, CSAT): one equality compare per scale point and vector,
/// subtracted into per-lane byte counters flushed every 255 vectors. Entries outside the scale are not counted
/// by any point; the caller derives their number as <c>length − Σ counts</c>.
/// </summary>
internal static class PointKernel
{
    public const int MaxPoints = 11;

    private const int VectorsPerFlush = 255;

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
        int points = counts.Length;
        Span<TVector> targets = stackalloc TVector[MaxPoints];
        Span<TVector> tallies = stackalloc TVector[MaxPoints];
        for (int point = 0; point < points; point++)
        {
            targets[point] = TOps.Create((byte)(point + 1));
        }

        int width = TOps.Count;
        int i = index;
        while (length - i >= width)
        {
            tallies.Clear();
            int vectors = Math.Min(VectorsPerFlush, (length - i) / width);
            for (int s = 0; s < vectors; s++, i += width)
            {
                TVector v = TOps.Load(ref start, (nuint)i);
                for (int point = 0; point < points; point++)
                {
                    tallies[point] = TOps.Subtract(tallies[point], TOps.Equal(v, targets[point]));
                }
            }

            for (int point = 0; point < points; point++)
            {
                counts[point] += TOps.SumCounts(tallies[point]);
            }
        }

        // The last partial vector: an overlapping load with the lanes already counted masked off.
        if (i < length && length >= width)
        {
            TVector lanes = TOps.LanesFrom(width - (length - i));
            TVector v = TOps.Load(ref start, (nuint)(length - width));
            for (int point = 0; point < points; point++)
            {
                counts[point] += TOps.SumCounts(TOps.Subtract(TOps.Zero, TOps.BitwiseAnd(TOps.Equal(v, targets[point]), lanes)));
            }

            i = length;
        }

        index = i;
    }
}
