using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// The per-customer part of the BG/NBD log-likelihood for one group of customers with the same frequency x,
/// vectorised (Vector512 → Vector256 → Vector128 → scalar). With u = d + (r+x)(ln(α+T) − ln(α+tₓ)),
/// d = ln(a/(b+x−1)), the customer's log-likelihood is c₀(x) − (r+x) ln(α+T) + ln(1 + eᵘ) (Fader, Hardie &amp; Lee 2005,
/// eq. 6, in log-sum-exp form); s = eᵘ/(1 + eᵘ) is the weight of the "dropped out right after the last purchase" branch (s = 1 − P(alive)).
/// </summary>
/// <remarks>The per-width kernel as it was before the generic port (commit 708b0a5), kept only as the same-run baseline of the port.</remarks>
internal static class LegacyBgNbdKernel
{
    /// <summary>Adds the sums of a group with x &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Repeat(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight,
        double alpha, double rx, double d, VectorPath path, ref BgNbdLikelihoodSums sums)
    {
        int done = 0;
        if (VectorPaths.Resolve(path) == VectorPath.Vector512)
        {
            done = RepeatVector512(age, recency, weight, alpha, rx, d, ref sums);
        }
        else if (VectorPaths.Resolve(path) == VectorPath.Vector256)
        {
            done = RepeatVector256(age, recency, weight, alpha, rx, d, ref sums);
        }
        else if (VectorPaths.Resolve(path) == VectorPath.Vector128)
        {
            done = RepeatVector128(age, recency, weight, alpha, rx, d, ref sums);
        }

        RepeatScalar(age[done..], recency[done..], weight[done..], alpha, rx, d, ref sums);
    }

    /// <summary>Adds the sums of the group with x = 0: only Σ w ln(α+T) and Σ w/(α+T) are needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NoRepeat(ReadOnlySpan<double> age, ReadOnlySpan<double> weight, double alpha, VectorPath path, ref BgNbdLikelihoodSums sums)
    {
        int done = 0;
        if (VectorPaths.Resolve(path) == VectorPath.Vector512)
        {
            done = NoRepeatVector512(age, weight, alpha, ref sums);
        }
        else if (VectorPaths.Resolve(path) == VectorPath.Vector256)
        {
            done = NoRepeatVector256(age, weight, alpha, ref sums);
        }
        else if (VectorPaths.Resolve(path) == VectorPath.Vector128)
        {
            done = NoRepeatVector128(age, weight, alpha, ref sums);
        }

        for (int i = done; i < age.Length; i++)
        {
            double at = alpha + age[i];
            sums.WeightedLogAge += weight[i] * Math.Log(at);
            sums.AliveWeightedInverseAge += weight[i] / at;
        }
    }

    /// <summary>The scalar reference of <see cref="Repeat"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RepeatScalar(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight,
        double alpha, double rx, double d, ref BgNbdLikelihoodSums sums)
    {
        for (int i = 0; i < age.Length; i++)
        {
            double w = weight[i];
            double at = alpha + age[i];
            double ax = alpha + recency[i];
            double l1 = Math.Log(at);
            double diff = l1 - Math.Log(ax);
            double u = d + (rx * diff);
            double e = Math.Exp(-Math.Abs(u));
            double inv = 1 / (1 + e);
            double s = u >= 0 ? inv : e * inv;
            double softplus = Math.Max(u, 0) + Math.Log(1 + e);
            double ws = w * s;
            sums.LogLikelihood += w * (softplus - (rx * l1));
            sums.WeightedLogAge += w * l1;
            sums.DroppedWeightedLogRatio += ws * diff;
            sums.AliveWeightedInverseAge += (w - ws) / at;
            sums.DroppedWeightedInverseRecency += ws / ax;
            sums.DroppedWeight += ws;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RepeatVector256(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight,
        double alpha, double rx, double d, ref BgNbdLikelihoodSums sums)
    {
        int width = Vector256<double>.Count;
        int i = 0;
        if (age.Length < width)
        {
            return 0;
        }

        ref double ageRef = ref MemoryMarshal.GetReference(age);
        ref double recencyRef = ref MemoryMarshal.GetReference(recency);
        ref double weightRef = ref MemoryMarshal.GetReference(weight);
        Vector256<double> va = Vector256.Create(alpha), vrx = Vector256.Create(rx), vd = Vector256.Create(d), one = Vector256<double>.One;
        Vector256<double> ll = default, sL1 = default, sDiff = default, sInvT = default, sInvX = default, sS = default;
        for (; i <= age.Length - width; i += width)
        {
            Vector256<double> w = Vector256.LoadUnsafe(ref weightRef, (nuint)i);
            Vector256<double> at = va + Vector256.LoadUnsafe(ref ageRef, (nuint)i);
            Vector256<double> ax = va + Vector256.LoadUnsafe(ref recencyRef, (nuint)i);
            Vector256<double> l1 = Vector256.Log(at);
            Vector256<double> diff = l1 - Vector256.Log(ax);
            Vector256<double> u = vd + (vrx * diff);
            Vector256<double> e = Vector256.Exp(-Vector256.Abs(u));
            Vector256<double> inv = one / (one + e);
            Vector256<double> s = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(u, Vector256<double>.Zero), inv, e * inv);
            Vector256<double> softplus = Vector256.Max(u, Vector256<double>.Zero) + Vector256.Log(one + e);
            Vector256<double> ws = w * s;
            ll += w * (softplus - (vrx * l1));
            sL1 += w * l1;
            sDiff += ws * diff;
            sInvT += (w - ws) / at;
            sInvX += ws / ax;
            sS += ws;
        }

        sums.LogLikelihood += Vector256.Sum(ll);
        sums.WeightedLogAge += Vector256.Sum(sL1);
        sums.DroppedWeightedLogRatio += Vector256.Sum(sDiff);
        sums.AliveWeightedInverseAge += Vector256.Sum(sInvT);
        sums.DroppedWeightedInverseRecency += Vector256.Sum(sInvX);
        sums.DroppedWeight += Vector256.Sum(sS);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NoRepeatVector256(ReadOnlySpan<double> age, ReadOnlySpan<double> weight, double alpha, ref BgNbdLikelihoodSums sums)
    {
        int width = Vector256<double>.Count;
        int i = 0;
        if (age.Length < width)
        {
            return 0;
        }

        ref double ageRef = ref MemoryMarshal.GetReference(age);
        ref double weightRef = ref MemoryMarshal.GetReference(weight);
        Vector256<double> va = Vector256.Create(alpha);
        Vector256<double> sL1 = default, sInvT = default;
        for (; i <= age.Length - width; i += width)
        {
            Vector256<double> w = Vector256.LoadUnsafe(ref weightRef, (nuint)i);
            Vector256<double> at = va + Vector256.LoadUnsafe(ref ageRef, (nuint)i);
            sL1 += w * Vector256.Log(at);
            sInvT += w / at;
        }

        sums.WeightedLogAge += Vector256.Sum(sL1);
        sums.AliveWeightedInverseAge += Vector256.Sum(sInvT);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RepeatVector128(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight,
        double alpha, double rx, double d, ref BgNbdLikelihoodSums sums)
    {
        int width = Vector128<double>.Count;
        int i = 0;
        if (age.Length < width)
        {
            return 0;
        }

        ref double ageRef = ref MemoryMarshal.GetReference(age);
        ref double recencyRef = ref MemoryMarshal.GetReference(recency);
        ref double weightRef = ref MemoryMarshal.GetReference(weight);
        Vector128<double> va = Vector128.Create(alpha), vrx = Vector128.Create(rx), vd = Vector128.Create(d), one = Vector128<double>.One;
        Vector128<double> ll = default, sL1 = default, sDiff = default, sInvT = default, sInvX = default, sS = default;
        for (; i <= age.Length - width; i += width)
        {
            Vector128<double> w = Vector128.LoadUnsafe(ref weightRef, (nuint)i);
            Vector128<double> at = va + Vector128.LoadUnsafe(ref ageRef, (nuint)i);
            Vector128<double> ax = va + Vector128.LoadUnsafe(ref recencyRef, (nuint)i);
            Vector128<double> l1 = Vector128.Log(at);
            Vector128<double> diff = l1 - Vector128.Log(ax);
            Vector128<double> u = vd + (vrx * diff);
            Vector128<double> e = Vector128.Exp(-Vector128.Abs(u));
            Vector128<double> inv = one / (one + e);
            Vector128<double> s = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(u, Vector128<double>.Zero), inv, e * inv);
            Vector128<double> softplus = Vector128.Max(u, Vector128<double>.Zero) + Vector128.Log(one + e);
            Vector128<double> ws = w * s;
            ll += w * (softplus - (vrx * l1));
            sL1 += w * l1;
            sDiff += ws * diff;
            sInvT += (w - ws) / at;
            sInvX += ws / ax;
            sS += ws;
        }

        sums.LogLikelihood += Vector128.Sum(ll);
        sums.WeightedLogAge += Vector128.Sum(sL1);
        sums.DroppedWeightedLogRatio += Vector128.Sum(sDiff);
        sums.AliveWeightedInverseAge += Vector128.Sum(sInvT);
        sums.DroppedWeightedInverseRecency += Vector128.Sum(sInvX);
        sums.DroppedWeight += Vector128.Sum(sS);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NoRepeatVector128(ReadOnlySpan<double> age, ReadOnlySpan<double> weight, double alpha, ref BgNbdLikelihoodSums sums)
    {
        int width = Vector128<double>.Count;
        int i = 0;
        if (age.Length < width)
        {
            return 0;
        }

        ref double ageRef = ref MemoryMarshal.GetReference(age);
        ref double weightRef = ref MemoryMarshal.GetReference(weight);
        Vector128<double> va = Vector128.Create(alpha);
        Vector128<double> sL1 = default, sInvT = default;
        for (; i <= age.Length - width; i += width)
        {
            Vector128<double> w = Vector128.LoadUnsafe(ref weightRef, (nuint)i);
            Vector128<double> at = va + Vector128.LoadUnsafe(ref ageRef, (nuint)i);
            sL1 += w * Vector128.Log(at);
            sInvT += w / at;
        }

        sums.WeightedLogAge += Vector128.Sum(sL1);
        sums.AliveWeightedInverseAge += Vector128.Sum(sInvT);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RepeatVector512(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight,
        double alpha, double rx, double d, ref BgNbdLikelihoodSums sums)
    {
        int width = Vector512<double>.Count;
        int i = 0;
        if (age.Length < width)
        {
            return 0;
        }

        ref double ageRef = ref MemoryMarshal.GetReference(age);
        ref double recencyRef = ref MemoryMarshal.GetReference(recency);
        ref double weightRef = ref MemoryMarshal.GetReference(weight);
        Vector512<double> va = Vector512.Create(alpha), vrx = Vector512.Create(rx), vd = Vector512.Create(d), one = Vector512<double>.One;
        Vector512<double> ll = default, sL1 = default, sDiff = default, sInvT = default, sInvX = default, sS = default;
        for (; i <= age.Length - width; i += width)
        {
            Vector512<double> w = Vector512.LoadUnsafe(ref weightRef, (nuint)i);
            Vector512<double> at = va + Vector512.LoadUnsafe(ref ageRef, (nuint)i);
            Vector512<double> ax = va + Vector512.LoadUnsafe(ref recencyRef, (nuint)i);
            Vector512<double> l1 = Vector512.Log(at);
            Vector512<double> diff = l1 - Vector512.Log(ax);
            Vector512<double> u = vd + (vrx * diff);
            Vector512<double> e = Vector512.Exp(-Vector512.Abs(u));
            Vector512<double> inv = one / (one + e);
            Vector512<double> s = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(u, Vector512<double>.Zero), inv, e * inv);
            Vector512<double> softplus = Vector512.Max(u, Vector512<double>.Zero) + Vector512.Log(one + e);
            Vector512<double> ws = w * s;
            ll += w * (softplus - (vrx * l1));
            sL1 += w * l1;
            sDiff += ws * diff;
            sInvT += (w - ws) / at;
            sInvX += ws / ax;
            sS += ws;
        }

        sums.LogLikelihood += Vector512.Sum(ll);
        sums.WeightedLogAge += Vector512.Sum(sL1);
        sums.DroppedWeightedLogRatio += Vector512.Sum(sDiff);
        sums.AliveWeightedInverseAge += Vector512.Sum(sInvT);
        sums.DroppedWeightedInverseRecency += Vector512.Sum(sInvX);
        sums.DroppedWeight += Vector512.Sum(sS);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NoRepeatVector512(ReadOnlySpan<double> age, ReadOnlySpan<double> weight, double alpha, ref BgNbdLikelihoodSums sums)
    {
        int width = Vector512<double>.Count;
        int i = 0;
        if (age.Length < width)
        {
            return 0;
        }

        ref double ageRef = ref MemoryMarshal.GetReference(age);
        ref double weightRef = ref MemoryMarshal.GetReference(weight);
        Vector512<double> va = Vector512.Create(alpha);
        Vector512<double> sL1 = default, sInvT = default;
        for (; i <= age.Length - width; i += width)
        {
            Vector512<double> w = Vector512.LoadUnsafe(ref weightRef, (nuint)i);
            Vector512<double> at = va + Vector512.LoadUnsafe(ref ageRef, (nuint)i);
            sL1 += w * Vector512.Log(at);
            sInvT += w / at;
        }

        sums.WeightedLogAge += Vector512.Sum(sL1);
        sums.AliveWeightedInverseAge += Vector512.Sum(sInvT);
        return i;
    }
}
