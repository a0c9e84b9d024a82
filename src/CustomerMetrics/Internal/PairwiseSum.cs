using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerMetrics.Internal;

/// <summary>
/// Blocked pairwise summation of doubles: leaves of <see cref="LeafLength"/> elements are summed with vector
/// accumulators, leaves combine pairwise. The rounding error grows with log₂(n / leaf) rather than n, at the speed
/// of a plain vector sum (<c>TensorPrimitives.Sum</c> is not pairwise). Allocation-free.
/// </summary>
internal static class PairwiseSum
{
    internal const int LeafLength = 256;

    /// <summary>The sum of <paramref name="values"/>; 0 for an empty span; NaN or ±∞ propagate as IEEE addition does.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        if (values.Length <= LeafLength)
        {
            return Leaf(values);
        }

        // Split at a multiple of the leaf length so that leaves stay whole.
        int half = ((values.Length / 2) + LeafLength - 1) / LeafLength * LeafLength;
        return Sum(values[..half]) + Sum(values[half..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Leaf(ReadOnlySpan<double> values)
    {
        ref double start = ref MemoryMarshal.GetReference(values);
        int length = values.Length;
        int i = 0;
        double sum;
        if (Vector256.IsHardwareAccelerated && length >= 2 * Vector256<double>.Count)
        {
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero;
            for (; i <= length - (2 * Vector256<double>.Count); i += 2 * Vector256<double>.Count)
            {
                a0 += Vector256.LoadUnsafe(ref start, (nuint)i);
                a1 += Vector256.LoadUnsafe(ref start, (nuint)(i + Vector256<double>.Count));
            }

            sum = Vector256.Sum(a0 + a1);
        }
        else if (Vector128.IsHardwareAccelerated && length >= 2 * Vector128<double>.Count)
        {
            Vector128<double> a0 = Vector128<double>.Zero, a1 = Vector128<double>.Zero;
            for (; i <= length - (2 * Vector128<double>.Count); i += 2 * Vector128<double>.Count)
            {
                a0 += Vector128.LoadUnsafe(ref start, (nuint)i);
                a1 += Vector128.LoadUnsafe(ref start, (nuint)(i + Vector128<double>.Count));
            }

            sum = Vector128.Sum(a0 + a1);
        }
        else
        {
            sum = 0;
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref start, i);
        }

        return sum;
    }
}
