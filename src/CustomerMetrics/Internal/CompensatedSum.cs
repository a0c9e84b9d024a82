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
            VectorPath.Vector512 => Vector512Lanes(values, ref sum, ref compensation),
            VectorPath.Vector256 => Vector256Lanes(values, ref sum, ref compensation),
            VectorPath.Vector128 => Vector128Lanes(values, ref sum, ref compensation),
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

    private static int Vector512Lanes(ReadOnlySpan<double> values, ref double sum, ref double compensation)
    {
        int width = Vector512<double>.Count;
        if (values.Length < 2 * width)
        {
            return 0;
        }

        ref double start = ref MemoryMarshal.GetReference(values);
        Vector512<double> s0 = Vector512<double>.Zero, c0 = s0, s1 = s0, c1 = s0;
        int i = 0;
        for (; i <= values.Length - (2 * width); i += 2 * width)
        {
            Step(ref s0, ref c0, Vector512.LoadUnsafe(ref start, (nuint)i));
            Step(ref s1, ref c1, Vector512.LoadUnsafe(ref start, (nuint)(i + width)));
        }

        Step(ref s0, ref c0, s1);
        c0 += c1;
        for (int lane = 0; lane < width; lane++)
        {
            Add(ref sum, ref compensation, s0[lane]);
            compensation += c0[lane];
        }

        return i;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Step(ref Vector512<double> s, ref Vector512<double> c, Vector512<double> x)
        {
            Vector512<double> t = s + x;
            Vector512<double> bigSum = Vector512.GreaterThanOrEqual(Vector512.Abs(s), Vector512.Abs(x));
            c += Vector512.ConditionalSelect(bigSum, (s - t) + x, (x - t) + s);
            s = t;
        }
    }

    private static int Vector256Lanes(ReadOnlySpan<double> values, ref double sum, ref double compensation)
    {
        int width = Vector256<double>.Count;
        if (values.Length < 2 * width)
        {
            return 0;
        }

        ref double start = ref MemoryMarshal.GetReference(values);
        Vector256<double> s0 = Vector256<double>.Zero, c0 = s0, s1 = s0, c1 = s0;
        int i = 0;
        for (; i <= values.Length - (2 * width); i += 2 * width)
        {
            Step(ref s0, ref c0, Vector256.LoadUnsafe(ref start, (nuint)i));
            Step(ref s1, ref c1, Vector256.LoadUnsafe(ref start, (nuint)(i + width)));
        }

        Step(ref s0, ref c0, s1);
        c0 += c1;
        for (int lane = 0; lane < width; lane++)
        {
            Add(ref sum, ref compensation, s0[lane]);
            compensation += c0[lane];
        }

        return i;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Step(ref Vector256<double> s, ref Vector256<double> c, Vector256<double> x)
        {
            Vector256<double> t = s + x;
            Vector256<double> bigSum = Vector256.GreaterThanOrEqual(Vector256.Abs(s), Vector256.Abs(x));
            c += Vector256.ConditionalSelect(bigSum, (s - t) + x, (x - t) + s);
            s = t;
        }
    }

    private static int Vector128Lanes(ReadOnlySpan<double> values, ref double sum, ref double compensation)
    {
        int width = Vector128<double>.Count;
        if (values.Length < 2 * width)
        {
            return 0;
        }

        ref double start = ref MemoryMarshal.GetReference(values);
        Vector128<double> s0 = Vector128<double>.Zero, c0 = s0, s1 = s0, c1 = s0;
        int i = 0;
        for (; i <= values.Length - (2 * width); i += 2 * width)
        {
            Step(ref s0, ref c0, Vector128.LoadUnsafe(ref start, (nuint)i));
            Step(ref s1, ref c1, Vector128.LoadUnsafe(ref start, (nuint)(i + width)));
        }

        Step(ref s0, ref c0, s1);
        c0 += c1;
        for (int lane = 0; lane < width; lane++)
        {
            Add(ref sum, ref compensation, s0[lane]);
            compensation += c0[lane];
        }

        return i;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Step(ref Vector128<double> s, ref Vector128<double> c, Vector128<double> x)
        {
            Vector128<double> t = s + x;
            Vector128<double> bigSum = Vector128.GreaterThanOrEqual(Vector128.Abs(s), Vector128.Abs(x));
            c += Vector128.ConditionalSelect(bigSum, (s - t) + x, (x - t) + s);
            s = t;
        }
    }
}
