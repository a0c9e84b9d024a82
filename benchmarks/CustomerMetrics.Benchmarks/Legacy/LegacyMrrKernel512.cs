using System.Runtime.CompilerServices;
using CustomerMetrics.Subscriptions;
using Vec = System.Runtime.Intrinsics.Vector512<double>;
using VecLong = System.Runtime.Intrinsics.Vector512<long>;
using VecOps = System.Runtime.Intrinsics.Vector512;

namespace CustomerMetrics.Benchmarks.Legacy;

// TEMPORARY, benchmark only: the per-width kernel the generic MrrKernel replaced, kept for one same-run comparison.
// Was kept near-identical to MrrKernel128.cs and MrrKernel256.cs (generated from MrrKernel256.cs by replacing 256 with 512).

/// <summary>The 512-bit MRR movement kernel over one leaf.</summary>
internal static class LegacyMrrKernel512
{
    /// <summary>
    /// Accumulates the whole vectors of the first <paramref name="length"/> elements into <paramref name="sums"/>.
    /// Returns the number of elements consumed (the caller does the tail), or −1 when a value is negative, NaN or
    /// infinite, or −0, or when the sums overflow (then <paramref name="sums"/> is untouched and the caller rescans the
    /// leaf with the scalar path, which throws for a bad value and accepts −0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Leaf(ref double previous, ref double current, ref bool wasCustomer, bool hasWasCustomer, int length, ref MrrLeafSums sums)
    {
        Vec zero = Vec.Zero;
        Vec signs = zero;
        Vec start = zero, end = zero, fresh = zero, churned = zero, upSum = zero, downSum = zero;
        VecLong payingBefore = VecLong.Zero, payingNow = VecLong.Zero, payingBoth = VecLong.Zero, upCount = VecLong.Zero, downCount = VecLong.Zero;
        long reactivatedCount = 0;
        double reactivated = 0;
        int vectorEnd = length - (length % Vec.Count);
        for (int i = 0; i < vectorEnd; i += Vec.Count)
        {
            Vec p = VecOps.LoadUnsafe(ref previous, (nuint)i);
            Vec c = VecOps.LoadUnsafe(ref current, (nuint)i);

            // Validation costs two ORs: a negative value (or −0) sets a sign bit; NaN or ±∞ makes a sum non-finite.
            signs |= p | c;
            Vec pPos = VecOps.GreaterThan(p, zero);
            Vec cPos = VecOps.GreaterThan(c, zero);
            Vec both = pPos & cPos;
            Vec delta = c - p;
            Vec up = VecOps.GreaterThan(c, p) & pPos;   // c > p > 0
            Vec down = VecOps.LessThan(c, p) & cPos;    // p > c > 0
            Vec onlyNow = VecOps.AndNot(cPos, pPos);
            start += p;
            end += c;
            fresh += c & onlyNow;
            churned += VecOps.AndNot(p, cPos);
            upSum += delta & up;
            downSum += delta & down;

            // Comparison masks are all ones (−1 as an integer): subtracting counts the lanes.
            payingBefore -= VecOps.AsInt64(pPos);
            payingNow -= VecOps.AsInt64(cPos);
            payingBoth -= VecOps.AsInt64(both);
            upCount -= VecOps.AsInt64(up);
            downCount -= VecOps.AsInt64(down);
            if (hasWasCustomer)
            {
                ulong bits = VecOps.ExtractMostSignificantBits(onlyNow);
                while (bits != 0)
                {
                    int lane = i + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    if (Unsafe.Add(ref wasCustomer, lane))
                    {
                        reactivatedCount++;
                        reactivated += Unsafe.Add(ref current, lane);
                    }
                }
            }
        }

        double startSum = VecOps.Sum(start), endSum = VecOps.Sum(end);
        if (VecOps.ExtractMostSignificantBits(signs) != 0 || !double.IsFinite(startSum) || !double.IsFinite(endSum))
        {
            return -1;
        }

        sums.Start += startSum;
        sums.End += endSum;
        sums.NewOrReactivated += VecOps.Sum(fresh);
        sums.Reactivated += reactivated;
        sums.Churned += VecOps.Sum(churned);
        sums.Up += VecOps.Sum(upSum);
        sums.Down += VecOps.Sum(downSum);
        sums.PayingBefore += VecOps.Sum(payingBefore);
        sums.PayingNow += VecOps.Sum(payingNow);
        sums.PayingBoth += VecOps.Sum(payingBoth);
        sums.UpCount += VecOps.Sum(upCount);
        sums.DownCount += VecOps.Sum(downCount);
        sums.ReactivatedCount += reactivatedCount;
        return vectorEnd;
    }
}
