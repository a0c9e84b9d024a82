using System.Runtime.CompilerServices;
using Vec = System.Runtime.Intrinsics.Vector256<double>;
using VecOps = System.Runtime.Intrinsics.Vector256;

namespace CustomerMetrics.Subscriptions;

// Kept near-identical to MrrKernel128.cs and MrrKernel512.cs (generated from this file by replacing 256 with 128/512).

/// <summary>The 256-bit MRR movement kernel over one leaf.</summary>
internal static class MrrKernel256
{
    /// <summary>
    /// Accumulates the whole vectors of the first <paramref name="length"/> elements into <paramref name="sums"/>.
    /// Returns the number of elements consumed (the caller does the tail), or −1 when a value is negative, NaN or
    /// infinite (then <paramref name="sums"/> is untouched and the caller rescans with the scalar path, which throws).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Leaf(ref double previous, ref double current, ref bool wasCustomer, bool hasWasCustomer, int length, ref MrrLeafSums sums)
    {
        Vec zero = Vec.Zero, one = Vec.One, infinity = VecOps.Create(double.PositiveInfinity);
        Vec valid = Vec.AllBitsSet;
        Vec start = zero, end = zero, fresh = zero, churned = zero, upSum = zero, downSum = zero;
        Vec payingBefore = zero, payingNow = zero, payingBoth = zero, upCount = zero, downCount = zero;
        long reactivatedCount = 0;
        double reactivated = 0;
        int vectorEnd = length - (length % Vec.Count);
        for (int i = 0; i < vectorEnd; i += Vec.Count)
        {
            Vec p = VecOps.LoadUnsafe(ref previous, (nuint)i);
            Vec c = VecOps.LoadUnsafe(ref current, (nuint)i);
            valid &= VecOps.GreaterThanOrEqual(p, zero) & VecOps.LessThan(p, infinity)
                & VecOps.GreaterThanOrEqual(c, zero) & VecOps.LessThan(c, infinity);
            Vec pPos = VecOps.GreaterThan(p, zero);
            Vec cPos = VecOps.GreaterThan(c, zero);
            Vec both = pPos & cPos;
            Vec delta = c - p;
            Vec up = VecOps.GreaterThan(delta, zero) & both;
            Vec down = VecOps.LessThan(delta, zero) & both;
            Vec onlyNow = VecOps.AndNot(cPos, pPos);
            start += p;
            end += c;
            fresh += c & onlyNow;
            churned += VecOps.AndNot(p, cPos);
            upSum += delta & up;
            downSum += delta & down;
            payingBefore += pPos & one;
            payingNow += cPos & one;
            payingBoth += both & one;
            upCount += up & one;
            downCount += down & one;
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

        if (VecOps.ExtractMostSignificantBits(valid) != (1UL << Vec.Count) - 1)
        {
            return -1;
        }

        sums.Start += VecOps.Sum(start);
        sums.End += VecOps.Sum(end);
        sums.NewOrReactivated += VecOps.Sum(fresh);
        sums.Reactivated += reactivated;
        sums.Churned += VecOps.Sum(churned);
        sums.Up += VecOps.Sum(upSum);
        sums.Down += VecOps.Sum(downSum);
        sums.PayingBefore += (long)VecOps.Sum(payingBefore);
        sums.PayingNow += (long)VecOps.Sum(payingNow);
        sums.PayingBoth += (long)VecOps.Sum(payingBoth);
        sums.UpCount += (long)VecOps.Sum(upCount);
        sums.DownCount += (long)VecOps.Sum(downCount);
        sums.ReactivatedCount += reactivatedCount;
        return vectorEnd;
    }
}
