using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The MRR movement kernel over one leaf: one generic body over <see cref="IVectorOps{TVector, T}"/>, specialised by
/// the JIT for Vector512, Vector256 and Vector128. Per vector: two loads, 20 vector operations (three compares, one
/// subtraction, the masked sums, two ORs of validation) and four mask extractions; the counts are popcounts of the
/// extracted masks in general-purpose registers, so the vector registers hold only the seven running sums (no spill
/// with the 16 registers of AVX2).
/// </summary>
internal static class MrrKernel
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
        long payingBefore = 0, payingNow = 0, payingBoth = 0, upCount = 0, downCount = 0, reactivatedCount = 0;
        double reactivated = 0;
        int vectorEnd = length - (length % width);
        for (int i = 0; i < vectorEnd; i += width)
        {
            TVector p = TOps.Load(ref previous, (nuint)i);
            TVector c = TOps.Load(ref current, (nuint)i);

            // Validation costs two ORs: a negative value (or −0) sets a sign bit; NaN or ±∞ makes a sum non-finite.
            // Past it every value is finite and ≥ +0, which the masks below rely on.
            signs = TOps.BitwiseOr(signs, TOps.BitwiseOr(p, c));
            TVector pPos = TOps.GreaterThan(p, zero);
            TVector cPos = TOps.GreaterThan(c, zero);
            TVector delta = TOps.Subtract(c, p);   // < 0 exactly when c < p (x − y = 0 only when x = y)
            ulong before = TOps.ExtractMostSignificantBits(pPos);
            ulong now = TOps.ExtractMostSignificantBits(cPos);
            ulong up = TOps.ExtractMostSignificantBits(TOps.GreaterThan(c, p)) & before;   // c > p > 0
            ulong down = TOps.ExtractMostSignificantBits(delta) & now;                     // p > c > 0
            start = TOps.Add(start, p);
            end = TOps.Add(end, c);
            fresh = TOps.Add(fresh, TOps.AndNot(c, pPos));      // c where p = 0 (c = 0 adds nothing)
            churned = TOps.Add(churned, TOps.AndNot(p, cPos));  // p where c = 0
            upSum = TOps.Add(upSum, TOps.BitwiseAnd(TOps.MaxNative(delta, zero), pPos));
            downSum = TOps.Add(downSum, TOps.BitwiseAnd(TOps.MinNative(delta, zero), cPos));

            payingBefore += BitOperations.PopCount(before);
            payingNow += BitOperations.PopCount(now);
            payingBoth += BitOperations.PopCount(before & now);
            upCount += BitOperations.PopCount(up);
            downCount += BitOperations.PopCount(down);
            if (hasWasCustomer)
            {
                ulong bits = now & ~before;
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
        sums.PayingBefore += payingBefore;
        sums.PayingNow += payingNow;
        sums.PayingBoth += payingBoth;
        sums.UpCount += upCount;
        sums.DownCount += downCount;
        sums.ReactivatedCount += reactivatedCount;
        return vectorEnd;
    }
}
