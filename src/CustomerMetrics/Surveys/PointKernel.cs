using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Counts ratings on a 1..<c>points</c> scale (CES, CSAT): one equality compare per scale point and vector, subtracted
/// into per-lane byte counters kept in registers (7 or 11 of them) and flushed every 255 vectors. Entries outside the scale are not counted
/// by any point; the caller derives their number as <c>length − Σ counts</c>.
/// </summary>
internal static class PointKernel
{
    public const int MaxPoints = 11;

    /// <summary>Byte lanes count to at most 255 before they are flushed.</summary>
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

    private static void CountVectors<TVector, TOps>(ref byte start, int length, ref int index, Span<long> counts)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, byte>
    {
        if (counts.Length <= 7)
        {
            CountInRegisters<TVector, TOps, UpToSeven>(ref start, length, ref index, counts);
        }
        else
        {
            CountInRegisters<TVector, TOps, UpToEleven>(ref start, length, ref index, counts);
        }

        // The last partial vector: an overlapping load with the lanes already counted masked off.
        int width = TOps.Count;
        if (index < length && length >= width)
        {
            TVector lanes = TOps.LanesFrom(width - (length - index));
            TVector v = TOps.Load(ref start, (nuint)(length - width));
            for (int point = 0; point < counts.Length; point++)
            {
                counts[point] += TOps.CountMatches(TOps.BitwiseAnd(TOps.Equal(v, TOps.Create((byte)(point + 1))), lanes));
            }

            index = length;
        }
    }

    /// <summary>
    /// One equality compare per scale point and vector, subtracted into per-lane byte counters that stay in registers
    /// (explicit locals: counters in memory run at a quarter of the speed), flushed every 255 vectors.
    /// <typeparamref name="TPoints"/> fixes at JIT time whether 7 or 11 counters are kept; counters beyond the caller's
    /// scale are never read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountInRegisters<TVector, TOps, TPoints>(ref byte start, int length, ref int index, Span<long> counts)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, byte>
        where TPoints : IPointCount
    {
        int width = TOps.Count;
        TVector t1 = TOps.Create(1), t2 = TOps.Create(2), t3 = TOps.Create(3), t4 = TOps.Create(4), t5 = TOps.Create(5),
            t6 = TOps.Create(6), t7 = TOps.Create(7), t8 = TOps.Create(8), t9 = TOps.Create(9), t10 = TOps.Create(10),
            t11 = TOps.Create(11);
        int i = index;
        while (length - i >= width)
        {
            TVector a1 = TOps.Zero, a2 = a1, a3 = a1, a4 = a1, a5 = a1, a6 = a1, a7 = a1, a8 = a1, a9 = a1, a10 = a1, a11 = a1;
            int vectors = Math.Min(VectorsPerFlush, (length - i) / width);
            for (int s = 0; s < vectors; s++, i += width)
            {
                TVector v = TOps.Load(ref start, (nuint)i);
                a1 = TOps.Subtract(a1, TOps.Equal(v, t1));
                a2 = TOps.Subtract(a2, TOps.Equal(v, t2));
                a3 = TOps.Subtract(a3, TOps.Equal(v, t3));
                a4 = TOps.Subtract(a4, TOps.Equal(v, t4));
                a5 = TOps.Subtract(a5, TOps.Equal(v, t5));
                a6 = TOps.Subtract(a6, TOps.Equal(v, t6));
                a7 = TOps.Subtract(a7, TOps.Equal(v, t7));
                if (TPoints.Count > 7)
                {
                    a8 = TOps.Subtract(a8, TOps.Equal(v, t8));
                    a9 = TOps.Subtract(a9, TOps.Equal(v, t9));
                    a10 = TOps.Subtract(a10, TOps.Equal(v, t10));
                    a11 = TOps.Subtract(a11, TOps.Equal(v, t11));
                }
            }

            Flush(counts, 0, TOps.SumCounts(a1));
            Flush(counts, 1, TOps.SumCounts(a2));
            Flush(counts, 2, TOps.SumCounts(a3));
            Flush(counts, 3, TOps.SumCounts(a4));
            Flush(counts, 4, TOps.SumCounts(a5));
            Flush(counts, 5, TOps.SumCounts(a6));
            Flush(counts, 6, TOps.SumCounts(a7));
            if (TPoints.Count > 7)
            {
                Flush(counts, 7, TOps.SumCounts(a8));
                Flush(counts, 8, TOps.SumCounts(a9));
                Flush(counts, 9, TOps.SumCounts(a10));
                Flush(counts, 10, TOps.SumCounts(a11));
            }
        }

        index = i;

        static void Flush(Span<long> counts, int slot, long count)
        {
            if (slot < counts.Length)
            {
                counts[slot] += count;
            }
        }
    }

    /// <summary>How many counters a <see cref="CountInRegisters{TVector, TOps, TPoints}"/> instantiation keeps.</summary>
    private interface IPointCount
    {
        static abstract int Count { get; }
    }

    private readonly struct UpToSeven : IPointCount
    {
        public static int Count => 7;
    }

    private readonly struct UpToEleven : IPointCount
    {
        public static int Count => MaxPoints;
    }
}
