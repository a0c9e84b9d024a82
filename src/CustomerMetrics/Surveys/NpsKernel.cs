using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>Counts of one pass over 0–10 scores: promoters (9–10), detractors (0–6) and invalid entries (&gt; 10 or &lt; 0).</summary>
internal readonly record struct NpsTally(long Promoters, long Detractors, long Invalid);

/// <summary>
/// The NPS counting kernel: per vector three unsigned compares (&gt; 8, &lt; 7, &gt; 10) subtracted into per-lane
/// counters, four vectors per step, counters flushed to 64-bit totals before a byte lane can overflow.
/// </summary>
internal static class NpsKernel
{
    /// <summary>Four-vector steps between checks of the running maximum for scores above 10.</summary>
    private const int StepsPerBlock = 64;

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
        while (length - i >= step)
        {
            // A block of four-vector steps: two compares a vector, each popcounted into a scalar total, and a running
            // maximum that tells at the end of the block whether any score was above 10.
            int blockStart = i;
            int steps = Math.Min(StepsPerBlock, (length - i) / step);
            long p = 0, d = 0;
            TVector max = TOps.Zero;
            for (int s = 0; s < steps; s++, i += step)
            {
                TVector v0 = TOps.Load(ref start, (nuint)i);
                TVector v1 = TOps.Load(ref start, (nuint)(i + width));
                TVector v2 = TOps.Load(ref start, (nuint)(i + (2 * width)));
                TVector v3 = TOps.Load(ref start, (nuint)(i + (3 * width)));
                p += TOps.CountMatches(TOps.GreaterThan(v0, eight)) + TOps.CountMatches(TOps.GreaterThan(v1, eight))
                    + TOps.CountMatches(TOps.GreaterThan(v2, eight)) + TOps.CountMatches(TOps.GreaterThan(v3, eight));
                d += TOps.CountMatches(TOps.LessThan(v0, seven)) + TOps.CountMatches(TOps.LessThan(v1, seven))
                    + TOps.CountMatches(TOps.LessThan(v2, seven)) + TOps.CountMatches(TOps.LessThan(v3, seven));
                max = TOps.Max(max, TOps.Max(TOps.Max(v0, v1), TOps.Max(v2, v3)));
            }

            if (TOps.GreaterThanAny(max, ten))
            {
                // Rare (dirty data): count the invalid scores of this block exactly; "> 8" counted them as promoters.
                long x = CountInvalid(ref start, blockStart, i);
                p -= x;
                invalid += x;
            }

            promoters += p;
            detractors += d;
        }

        // Up to three single vectors, then the last partial vector as an overlapping load whose lanes already counted
        // are masked off, so that no scalar tail remains once the input holds at least one vector.
        if (length >= width)
        {
            for (; i <= length - width; i += width)
            {
                Count<TVector, TOps, T>(TOps.Load(ref start, (nuint)i), TOps.Create(T.AllBitsSet), eight, seven, ten, ref promoters, ref detractors, ref invalid);
            }

            if (i < length)
            {
                Count<TVector, TOps, T>(TOps.Load(ref start, (nuint)(length - width)), TOps.LanesFrom(width - (length - i)), eight, seven, ten, ref promoters, ref detractors, ref invalid);
                i = length;
            }
        }

        index = i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Count<TVector, TOps, T>(
        TVector v, TVector lanes, TVector eight, TVector seven, TVector ten, ref long promoters, ref long detractors, ref long invalid)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, T>
        where T : unmanaged, IBinaryInteger<T>
    {
        int x = TOps.CountMatches(TOps.BitwiseAnd(TOps.GreaterThan(v, ten), lanes));
        promoters += TOps.CountMatches(TOps.BitwiseAnd(TOps.GreaterThan(v, eight), lanes)) - x;
        detractors += TOps.CountMatches(TOps.BitwiseAnd(TOps.LessThan(v, seven), lanes));
        invalid += x;
    }

    private static long CountInvalid<T>(ref T start, int from, int to)
        where T : unmanaged, IBinaryInteger<T>
    {
        long invalid = 0;
        for (int i = from; i < to; i++)
        {
            invalid += uint.CreateTruncating(Unsafe.Add(ref start, i)) > 10 ? 1 : 0;
        }

        return invalid;
    }
}
