using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Benchmarks.Legacy;

/// <summary>
/// The MRR movement kernel over one leaf: one generic body over <see cref="IVectorOps{TVector, T}"/>, specialised by
/// the JIT for Vector512, Vector256 and Vector128. Per vector: two loads, three compares, sums masked by the compares,
/// and lane counters that subtract the comparison masks (all ones is −1 as a 64-bit integer).
/// </summary>
internal static class PreviousMrrKernel
{
    /// <summary>
    /// Accumulates the whole vectors of the first <paramref name="length"/> elements into <paramref name="sums"/> on
    /// the given path (<see cref="VectorPath.Scalar"/> consumes nothing). Returns the number of elements consumed (the
    /// caller does the tail), or −1 when a value is negative, NaN or infinite, or −0, or when the sums overflow (then
    /// <paramref name="sums"/> is untouched and the caller rescans the leaf with the scalar path, which throws for a bad
    /// value and accepts −0).
    /// </summary>
    public static int Leaf(VectorPath path, ref double previous, ref double current, ref bool wasCustomer, bool hasWasCustomer, int length, ref MrrLeafSums sums) =>
        path switch
        {
            VectorPath.Vector512 => Leaf<Vector512<double>, Vector512Ops<double>>(ref previous, ref current, ref wasCustomer, hasWasCustomer, length, ref sums),
            VectorPath.Vector256 => Leaf<Vector256<double>, Vector256Ops<double>>(ref previous, ref current, ref wasCustomer, hasWasCustomer, length, ref sums),
            VectorPath.Vector128 => Leaf<Vector128<double>, Vector128Ops<double>>(ref previous, ref current, ref wasCustomer, hasWasCustomer, length, ref sums),
            _ => 0,
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Leaf<TVector, TOps>(ref double previous, ref double current, ref bool wasCustomer, bool hasWasCustomer, int length, ref MrrLeafSums sums)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, double>
    {
        int width = TOps.Count;
        TVector zero = TOps.Zero;
        TVector signs = zero;
        TVector start = zero, end = zero, fresh = zero, churned = zero, upSum = zero, downSum = zero;
        TVector payingBefore = zero, payingNow = zero, payingBoth = zero, upCount = zero, downCount = zero;
        long reactivatedCount = 0;
        double reactivated = 0;
        int vectorEnd = length - (length % width);
        for (int i = 0; i < vectorEnd; i += width)
        {
            TVector p = TOps.Load(ref previous, (nuint)i);
            TVector c = TOps.Load(ref current, (nuint)i);

            // Validation costs two ORs: a negative value (or −0) sets a sign bit; NaN or ±∞ makes a sum non-finite.
            signs = TOps.BitwiseOr(signs, TOps.BitwiseOr(p, c));
            TVector pPos = TOps.GreaterThan(p, zero);
            TVector cPos = TOps.GreaterThan(c, zero);
            TVector both = TOps.BitwiseAnd(pPos, cPos);
            TVector delta = TOps.Subtract(c, p);
            TVector up = TOps.BitwiseAnd(TOps.GreaterThan(c, p), pPos);   // c > p > 0
            TVector down = TOps.BitwiseAnd(TOps.LessThan(c, p), cPos);    // p > c > 0
            TVector onlyNow = TOps.AndNot(cPos, pPos);
            start = TOps.Add(start, p);
            end = TOps.Add(end, c);
            fresh = TOps.Add(fresh, TOps.BitwiseAnd(c, onlyNow));
            churned = TOps.Add(churned, TOps.AndNot(p, cPos));
            upSum = TOps.Add(upSum, TOps.BitwiseAnd(delta, up));
            downSum = TOps.Add(downSum, TOps.BitwiseAnd(delta, down));

            payingBefore = TOps.CountInt64(payingBefore, pPos);
            payingNow = TOps.CountInt64(payingNow, cPos);
            payingBoth = TOps.CountInt64(payingBoth, both);
            upCount = TOps.CountInt64(upCount, up);
            downCount = TOps.CountInt64(downCount, down);
            if (hasWasCustomer)
            {
                ulong bits = TOps.ExtractMostSignificantBits(onlyNow);
                while (bits != 0)
                {
                    int lane = i + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    if (Unsafe.Add(ref wasCustomer, lane))
                    {
                        reactivatedCount++;
                        reactivated += Unsafe.Add(ref current, lane);
                    }
                }
            }
        }

        double startSum = TOps.Sum(start), endSum = TOps.Sum(end);
        if (TOps.ExtractMostSignificantBits(signs) != 0 || !double.IsFinite(startSum) || !double.IsFinite(endSum))
        {
            return -1;
        }

        sums.Start += startSum;
        sums.End += endSum;
        sums.NewOrReactivated += TOps.Sum(fresh);
        sums.Reactivated += reactivated;
        sums.Churned += TOps.Sum(churned);
        sums.Up += TOps.Sum(upSum);
        sums.Down += TOps.Sum(downSum);
        sums.PayingBefore += TOps.SumInt64(payingBefore);
        sums.PayingNow += TOps.SumInt64(payingNow);
        sums.PayingBoth += TOps.SumInt64(payingBoth);
        sums.UpCount += TOps.SumInt64(upCount);
        sums.DownCount += TOps.SumInt64(downCount);
        sums.ReactivatedCount += reactivatedCount;
        return vectorEnd;
    }
}
