using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal.Vectors;

/// <summary>Counts of one pass over 0–10 scores: promoters (9–10), detractors (0–6) and invalid entries (&gt; 10 or &lt; 0).</summary>
internal readonly record struct NpsTally(long Promoters, long Detractors, long Invalid);

/// <summary>
/// The NPS counting kernel: per vector three unsigned compares (&gt; 8, &lt; 7, &gt; 10) subtracted into per-lane
/// counters, four vectors per step, counters flushed to 64-bit totals before a byte lane can overflow.
/// </summary>
internal static class NpsKernel
{
    /// <summary>Byte lanes count to at most 255: four vectors a step, 63 steps between flushes.</summary>
    private const int StepsPerFlush = 63;

    public static NpsTally Count(ReadOnlySpan<byte> scores, VectorPath path = VectorPath.Auto) =>
        Count(ref MemoryMarshal.GetReference(scores), scores.Length, path);

    /// <summary>Counts 32-bit scores, read as unsigned so that a negative score is simply a large invalid one.</summary>
    public static NpsTally Count(ReadOnlySpan<int> scores, VectorPath path = VectorPath.Auto) =>
        Count(ref Unsafe.As<int, uint>(ref MemoryMarshal.GetReference(scores)), scores.Length, path);

    private static NpsTally Count<T>(ref T start, int length, VectorPath path)
        where T : unmanaged, IBinaryInteger<T>
    {
        long promoters = 0, detractors = 0, invalid = 0;
        int index = 0;
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512:
                CountVectors<Vector512<T>, Vector512Ops<T>, T>(ref start, length, ref index, ref promoters, ref detractors, ref invalid);
                break;
            case VectorPath.Vector256:
                CountVectors<Vector256<T>, Vector256Ops<T>, T>(ref start, length, ref index, ref promoters, ref detractors, ref invalid);
                break;
            case VectorPath.Vector128:
                CountVectors<Vector128<T>, Vector128Ops<T>, T>(ref start, length, ref index, ref promoters, ref detractors, ref invalid);
                break;
            default:
                break;
        }

        for (; index < length; index++)
        {
            uint score = uint.CreateTruncating(Unsafe.Add(ref start, index));
            invalid += score > 10 ? 1 : 0;
            promoters += score - 9 <= 1 ? 1 : 0;
            detractors += score <= 6 ? 1 : 0;
        }

        return new NpsTally(promoters, detractors, invalid);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountVectors<TVector, TOps, T>(
        ref T start, int length, ref int index, ref long promoters, ref long detractors, ref long invalid)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, T>
        where T : unmanaged, IBinaryInteger<T>
    {
        int width = TOps.Count;
        int step = 4 * width;
        TVector eight = TOps.Create(T.CreateTruncating(8));
        TVector seven = TOps.Create(T.CreateTruncating(7));
        TVector ten = TOps.Create(T.CreateTruncating(10));
        int i = index;
        long promotersOrInvalid = 0;
        while (length - i >= step)
        {
            TVector p = TOps.Zero, d = TOps.Zero, x = TOps.Zero;
            int steps = Math.Min(StepsPerFlush, (length - i) / step);
            for (int s = 0; s < steps; s++, i += step)
            {
                TVector v0 = TOps.Load(ref start, (nuint)i);
                TVector v1 = TOps.Load(ref start, (nuint)(i + width));
                TVector v2 = TOps.Load(ref start, (nuint)(i + (2 * width)));
                TVector v3 = TOps.Load(ref start, (nuint)(i + (3 * width)));
                p = TOps.Subtract(p, TOps.GreaterThan(v0, eight));
                d = TOps.Subtract(d, TOps.LessThan(v0, seven));
                x = TOps.Subtract(x, TOps.GreaterThan(v0, ten));
                p = TOps.Subtract(p, TOps.GreaterThan(v1, eight));
                d = TOps.Subtract(d, TOps.LessThan(v1, seven));
                x = TOps.Subtract(x, TOps.GreaterThan(v1, ten));
                p = TOps.Subtract(p, TOps.GreaterThan(v2, eight));
                d = TOps.Subtract(d, TOps.LessThan(v2, seven));
                x = TOps.Subtract(x, TOps.GreaterThan(v2, ten));
                p = TOps.Subtract(p, TOps.GreaterThan(v3, eight));
                d = TOps.Subtract(d, TOps.LessThan(v3, seven));
                x = TOps.Subtract(x, TOps.GreaterThan(v3, ten));
            }

            promotersOrInvalid += TOps.SumCounts(p);
            detractors += TOps.SumCounts(d);
            invalid += TOps.SumCounts(x);
        }

        // Up to three single vectors, then the last partial vector as an overlapping load whose lanes already counted
        // are masked off, so that no scalar tail remains once the input holds at least one vector.
        if (length >= width)
        {
            TVector p = TOps.Zero, d = TOps.Zero, x = TOps.Zero;
            for (; i <= length - width; i += width)
            {
                TVector v = TOps.Load(ref start, (nuint)i);
                p = TOps.Subtract(p, TOps.GreaterThan(v, eight));
                d = TOps.Subtract(d, TOps.LessThan(v, seven));
                x = TOps.Subtract(x, TOps.GreaterThan(v, ten));
            }

            if (i < length)
            {
                TVector lanes = TOps.LanesFrom(width - (length - i));
                TVector v = TOps.Load(ref start, (nuint)(length - width));
                p = TOps.Subtract(p, TOps.BitwiseAnd(TOps.GreaterThan(v, eight), lanes));
                d = TOps.Subtract(d, TOps.BitwiseAnd(TOps.LessThan(v, seven), lanes));
                x = TOps.Subtract(x, TOps.BitwiseAnd(TOps.GreaterThan(v, ten), lanes));
                i = length;
            }

            promotersOrInvalid += TOps.SumCounts(p);
            detractors += TOps.SumCounts(d);
            invalid += TOps.SumCounts(x);
        }

        // "> 8" also counted the invalid scores (> 10).
        promoters += promotersOrInvalid;
        promoters -= invalid;
        index = i;
    }
}
