using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>The sums of one pass over weighted 0–10 scores; <see cref="Invalid"/> entries are in no sum.</summary>
internal readonly record struct WeightedNpsSums(double Promoters, double Passives, double Detractors, double Squares, long Valid, long Invalid);

/// <summary>
/// The weighted NPS kernel: per vector of weights (four doubles at 256 bits) the matching scores are widened to 64-bit
/// lanes and compared (&gt; 8, &lt; 7, &gt; 10); each valid weight (finite, ≥ 0, score ≤ 10) goes into one of three
/// class sums and its square into a fourth. Every sum is compensated per lane with Knuth's branch-free TwoSum (the
/// error of each addition is carried, as <see cref="CompensatedSum"/> does with Neumaier's), and the lanes are folded
/// with scalar Neumaier steps, so the totals are exact in practice. The last partial vector is an overlapping load
/// with the lanes already summed masked off.
/// </summary>
internal static class WeightedNpsKernel
{
    public static WeightedNpsSums Sum(ReadOnlySpan<byte> scores, ReadOnlySpan<double> weights, VectorPath path = VectorPath.Auto)
    {
        Guard.SameLength(scores.Length, weights.Length);
        var acc = default(Accumulator);
        int length = scores.Length;
        ref byte s = ref MemoryMarshal.GetReference(scores);
        ref double w = ref MemoryMarshal.GetReference(weights);
        int index = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => Vectors<Vector512<double>, Vector512Ops<double>, Lanes512>(ref s, ref w, length, ref acc),
            VectorPath.Vector256 => Vectors<Vector256<double>, Vector256Ops<double>, Lanes256>(ref s, ref w, length, ref acc),
            VectorPath.Vector128 => Vectors<Vector128<double>, Vector128Ops<double>, Lanes128>(ref s, ref w, length, ref acc),
            _ => 0,
        };

        for (; index < length; index++)
        {
            byte score = Unsafe.Add(ref s, index);
            double weight = Unsafe.Add(ref w, index);
            if (score > 10 || !(weight >= 0) || double.IsPositiveInfinity(weight))
            {
                acc.Invalid++;
                continue;
            }

            acc.Valid++;
            CompensatedSum.Add(ref acc.Squares, ref acc.SquaresC, weight * weight);
            if (score >= 9)
            {
                CompensatedSum.Add(ref acc.Promoters, ref acc.PromotersC, weight);
            }
            else if (score >= 7)
            {
                CompensatedSum.Add(ref acc.Passives, ref acc.PassivesC, weight);
            }
            else
            {
                CompensatedSum.Add(ref acc.Detractors, ref acc.DetractorsC, weight);
            }
        }

        return new WeightedNpsSums(
            acc.Promoters + acc.PromotersC, acc.Passives + acc.PassivesC, acc.Detractors + acc.DetractorsC,
            acc.Squares + acc.SquaresC, acc.Valid, acc.Invalid);
    }

    /// <summary>The index of the first entry the kernel counts as invalid, or −1.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> scores, ReadOnlySpan<double> weights)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            double weight = weights[i];
            if (scores[i] > 10 || !(weight >= 0) || double.IsPositiveInfinity(weight))
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Vectors<TVector, TOps, TLanes>(ref byte scores, ref double weights, int length, ref Accumulator acc)
        where TVector : unmanaged
        where TOps : IVectorOps<TVector, double>
        where TLanes : IWeightedLanes<TVector>
    {
        int width = TOps.Count;
        if (length < width)
        {
            return 0;
        }

        TVector zero = TOps.Zero;
        TVector infinity = TOps.Create(double.PositiveInfinity);
        TVector p = zero, pc = zero, q = zero, qc = zero, d = zero, dc = zero, sq = zero, sqc = zero;
        TVector lanes = TOps.Equal(zero, zero);
        long valid = 0;
        int last = length - width;
        for (int i = 0; ;)
        {
            TVector weight = TOps.Load(ref weights, (nuint)i);
            TLanes.Classify(ref scores, (nuint)i, out TVector promoter, out TVector detractor, out TVector badScore);
            TVector ok = TOps.BitwiseAnd(TOps.AndNot(lanes, badScore),
                TOps.BitwiseAnd(TOps.GreaterThanOrEqual(weight, zero), TOps.LessThan(weight, infinity)));
            TVector x = TOps.BitwiseAnd(weight, ok);
            TwoSum(ref p, ref pc, TOps.BitwiseAnd(x, promoter));
            TwoSum(ref d, ref dc, TOps.BitwiseAnd(x, detractor));
            TwoSum(ref q, ref qc, TOps.AndNot(x, TOps.BitwiseOr(promoter, detractor)));
            TwoSum(ref sq, ref sqc, TLanes.Multiply(x, x));
            valid += TOps.CountMatches(ok);
            if (i == last)
            {
                break;
            }

            i += width;
            if (i > last)
            {
                // The last partial vector: an overlapping load whose lanes already summed are masked off.
                lanes = TOps.LanesFrom(i - last);
                i = last;
            }
        }

        for (int lane = 0; lane < width; lane++)
        {
            CompensatedSum.Add(ref acc.Promoters, ref acc.PromotersC, TOps.GetElement(p, lane));
            acc.PromotersC += TOps.GetElement(pc, lane);
            CompensatedSum.Add(ref acc.Passives, ref acc.PassivesC, TOps.GetElement(q, lane));
            acc.PassivesC += TOps.GetElement(qc, lane);
            CompensatedSum.Add(ref acc.Detractors, ref acc.DetractorsC, TOps.GetElement(d, lane));
            acc.DetractorsC += TOps.GetElement(dc, lane);
            CompensatedSum.Add(ref acc.Squares, ref acc.SquaresC, TOps.GetElement(sq, lane));
            acc.SquaresC += TOps.GetElement(sqc, lane);
        }

        acc.Valid += valid;
        acc.Invalid += length - valid;
        return length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void TwoSum(ref TVector sum, ref TVector compensation, TVector x)
        {
            // Knuth's TwoSum: (s − (t − z)) + (x − z) is exactly the rounding error of t = s + x, whatever the magnitudes.
            TVector t = TOps.Add(sum, x);
            TVector z = TOps.Subtract(t, sum);
            compensation = TOps.Add(compensation, TOps.Add(TOps.Subtract(sum, TOps.Subtract(t, z)), TOps.Subtract(x, z)));
            sum = t;
        }
    }

    private struct Accumulator
    {
        public double Promoters, PromotersC, Passives, PassivesC, Detractors, DetractorsC, Squares, SquaresC;
        public long Valid, Invalid;
    }

    /// <summary>
    /// What the weighted kernel needs beyond <see cref="IVectorOps{TVector, T}"/>: the scores of one vector of weights
    /// widened from bytes to 64-bit lanes and classified, and a lane-wise product.
    /// </summary>
    private interface IWeightedLanes<TVector>
        where TVector : unmanaged
    {
        /// <summary>All-ones lanes (as doubles) where the score is above 8 (promoters, and invalid scores), below 7, or above 10.</summary>
        static abstract void Classify(ref byte scores, nuint offset, out TVector promoter, out TVector detractor, out TVector invalid);

        static abstract TVector Multiply(TVector left, TVector right);
    }

    private readonly struct Lanes512 : IWeightedLanes<Vector512<double>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Classify(ref byte scores, nuint offset, out Vector512<double> promoter, out Vector512<double> detractor, out Vector512<double> invalid)
        {
            Vector128<byte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref scores, offset))).AsByte();
            Vector512<long> v;
            if (Avx512F.IsSupported)
            {
                v = Avx512F.ConvertToVector512Int64(bytes);
            }
            else
            {
                Vector128<uint> u = Vector128.WidenLower(Vector128.WidenLower(bytes));
                Vector128<uint> h = Vector128.WidenUpper(Vector128.WidenLower(bytes));
                v = Vector512.Create(
                    Vector256.Create(Vector128.WidenLower(u), Vector128.WidenUpper(u)),
                    Vector256.Create(Vector128.WidenLower(h), Vector128.WidenUpper(h))).AsInt64();
            }

            promoter = Vector512.GreaterThan(v, Vector512.Create(8L)).AsDouble();
            detractor = Vector512.LessThan(v, Vector512.Create(7L)).AsDouble();
            invalid = Vector512.GreaterThan(v, Vector512.Create(10L)).AsDouble();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;
    }

    private readonly struct Lanes256 : IWeightedLanes<Vector256<double>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Classify(ref byte scores, nuint offset, out Vector256<double> promoter, out Vector256<double> detractor, out Vector256<double> invalid)
        {
            Vector128<byte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref scores, offset))).AsByte();
            Vector256<long> v;
            if (Avx2.IsSupported)
            {
                v = Avx2.ConvertToVector256Int64(bytes);
            }
            else
            {
                Vector128<uint> u = Vector128.WidenLower(Vector128.WidenLower(bytes));
                v = Vector256.Create(Vector128.WidenLower(u), Vector128.WidenUpper(u)).AsInt64();
            }

            promoter = Vector256.GreaterThan(v, Vector256.Create(8L)).AsDouble();
            detractor = Vector256.LessThan(v, Vector256.Create(7L)).AsDouble();
            invalid = Vector256.GreaterThan(v, Vector256.Create(10L)).AsDouble();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;
    }

    private readonly struct Lanes128 : IWeightedLanes<Vector128<double>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Classify(ref byte scores, nuint offset, out Vector128<double> promoter, out Vector128<double> detractor, out Vector128<double> invalid)
        {
            Vector128<byte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref scores, offset))).AsByte();
            Vector128<long> v = Sse41.IsSupported
                ? Sse41.ConvertToVector128Int64(bytes)
                : Vector128.WidenLower(Vector128.WidenLower(Vector128.WidenLower(bytes))).AsInt64();
            promoter = Vector128.GreaterThan(v, Vector128.Create(8L)).AsDouble();
            detractor = Vector128.LessThan(v, Vector128.Create(7L)).AsDouble();
            invalid = Vector128.GreaterThan(v, Vector128.Create(10L)).AsDouble();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Multiply(Vector128<double> left, Vector128<double> right) => left * right;
    }
}
