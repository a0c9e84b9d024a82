using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Internal;

/// <summary>
/// Neumaier-compensated double summation (Neumaier 1974, an improved Kahan–Babuška sum) with vector lanes: each lane
/// keeps a running sum and a running compensation, the lanes combine with scalar Neumaier steps at the end.
/// Exact in practice (error about ε·|sum| + n·ε²·Σ|x|), memory-bound on large inputs. Allocation-free.
/// Vector512 → Vector256 → Vector128 → scalar cascade; <see cref="Sum(ReadOnlySpan{double}, VectorPath)"/> forces a path.
/// </summary>
internal static class CompensatedSum
{
    /// <summary>The compensated sum of <paramref name="values"/>; 0 for an empty span; NaN or ±∞ propagate.</summary>
    public static double Sum(ReadOnlySpan<double> values) => Sum(values, VectorPath.Auto);

    /// <summary>The compensated sum on a forced path (tests); a vector path runs in software where the hardware lacks it.</summary>
    public static double Sum(ReadOnlySpan<double> values, VectorPath path)
    {
        double sum = 0, compensation = 0;
        int i = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => Lanes<Vector512<double>, Vector512Ops<double>>(values, ref sum, ref compensation),
            VectorPath.Vector256 => Lanes<Vector256<double>, Vector256Ops<double>>(values, ref sum, ref compensation),
            VectorPath.Vector128 => Lanes<Vector128<double>, Vector128Ops<double>>(values, ref sum, ref compensation),
            _ => 0,
        };

        for (; i < values.Length; i++)
        {
            Add(ref sum, ref compensation, values[i]);
        }

        return sum + compensation;
    }

    /// <summary>One scalar Neumaier step: <paramref name="sum"/> + <paramref name="compensation"/> is the running total.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref double sum, ref double compensation, double value)
    {
        double t = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - t) + value : (value - t) + sum;
        sum = t;
    }

    /// <summary>
    /// Sums whole pairs of vectors with per-lane Neumaier steps into two interleaved accumulator pairs, then folds the
    /// lanes into (<paramref name="sum"/>, <paramref name="compensation"/>); returns how many elements it consumed.
    /// </summary>
    private static int Lanes<TVector, TOps>(ReadOnlySpan<double> values, ref double sum, ref double compensation)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, double>
    {
        int width = TOps.Count;
        if (values.Length < 2 * width)
        {
            return 0;
        }

        ref double start = ref MemoryMarshal.GetReference(values);
        TVector s0 = TOps.Zero, c0 = s0, s1 = s0, c1 = s0;
        int i = 0;
        for (; i <= values.Length - (2 * width); i += 2 * width)
        {
            Step(ref s0, ref c0, TOps.Load(ref start, (nuint)i));
            Step(ref s1, ref c1, TOps.Load(ref start, (nuint)(i + width)));
        }

        Step(ref s0, ref c0, s1);
        c0 = TOps.Add(c0, c1);
        for (int lane = 0; lane < width; lane++)
        {
            Add(ref sum, ref compensation, TOps.GetElement(s0, lane));
            compensation += TOps.GetElement(c0, lane);
        }

        return i;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Step(ref TVector s, ref TVector c, TVector x)
        {
            TVector t = TOps.Add(s, x);
            TVector bigSum = TOps.GreaterThanOrEqual(TOps.Abs(s), TOps.Abs(x));
            c = TOps.Add(c, TOps.ConditionalSelect(bigSum, TOps.Add(TOps.Subtract(s, t), x), TOps.Add(TOps.Subtract(x, t), s)));
            s = t;
        }
    }
}
