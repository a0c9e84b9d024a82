using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Value.Models;

/// <summary>Weighted per-group sums of the BG/NBD log-likelihood and of the pieces of its gradient.</summary>
internal struct BgNbdLikelihoodSums
{
    public double LogLikelihood;               // Σ w [softplus(u) − (r+x) ln(α+T)]
    public double WeightedLogAge;              // Σ w ln(α+T)
    public double DroppedWeightedLogRatio;       // Σ w s [ln(α+T) − ln(α+tₓ)]
    public double AliveWeightedInverseAge;      // Σ w (1 − s)/(α+T)
    public double DroppedWeightedInverseRecency; // Σ w s/(α+tₓ)
    public double DroppedWeight;                 // Σ w s
}

/// <summary>
/// The per-customer part of the BG/NBD log-likelihood for one group of customers with the same frequency x: one generic
/// body over <see cref="IVectorMath{TVector}"/> (Vector512, Vector256 or Vector128) with a scalar tail. With
/// u = d + (r+x)(ln(α+T) − ln(α+tₓ)), d = ln(a/(b+x−1)), the customer's log-likelihood is c₀(x) − (r+x) ln(α+T) + ln(1 + eᵘ)
/// (Fader, Hardie &amp; Lee 2005, eq. 6, in log-sum-exp form); s = eᵘ/(1 + eᵘ) is the weight of the "dropped out right
/// after the last purchase" branch (s = 1 − P(alive)).
/// </summary>
internal static class BgNbdKernel
{
    /// <summary>Adds the sums of a group with x &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Repeat(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight,
        double alpha, double rx, double d, VectorPath path, ref BgNbdLikelihoodSums sums)
    {
        int done = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => Repeat<Vector512<double>, Vector512Math>(age, recency, weight, alpha, rx, d, ref sums),
            VectorPath.Vector256 => Repeat<Vector256<double>, Vector256Math>(age, recency, weight, alpha, rx, d, ref sums),
            VectorPath.Vector128 => Repeat<Vector128<double>, Vector128Math>(age, recency, weight, alpha, rx, d, ref sums),
            _ => 0,
        };

        RepeatScalar(age[done..], recency[done..], weight[done..], alpha, rx, d, ref sums);
    }

    /// <summary>Adds the sums of the group with x = 0: only Σ w ln(α+T) and Σ w/(α+T) are needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NoRepeat(ReadOnlySpan<double> age, ReadOnlySpan<double> weight, double alpha, VectorPath path, ref BgNbdLikelihoodSums sums)
    {
        int done = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => NoRepeat<Vector512<double>, Vector512Math>(age, weight, alpha, ref sums),
            VectorPath.Vector256 => NoRepeat<Vector256<double>, Vector256Math>(age, weight, alpha, ref sums),
            VectorPath.Vector128 => NoRepeat<Vector128<double>, Vector128Math>(age, weight, alpha, ref sums),
            _ => 0,
        };

        for (int i = done; i < age.Length; i++)
        {
            double at = alpha + age[i];
            sums.WeightedLogAge += weight[i] * Math.Log(at);
            sums.AliveWeightedInverseAge += weight[i] / at;
        }
    }

    /// <summary>The scalar reference of <see cref="Repeat(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double, double, VectorPath, ref BgNbdLikelihoodSums)"/>.</summary>
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
    private static int Repeat<TVector, TOps>(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight,
        double alpha, double rx, double d, ref BgNbdLikelihoodSums sums)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        int width = TOps.Count;
        int i = 0;
        if (age.Length < width)
        {
            return 0;
        }

        ref double ageRef = ref MemoryMarshal.GetReference(age);
        ref double recencyRef = ref MemoryMarshal.GetReference(recency);
        ref double weightRef = ref MemoryMarshal.GetReference(weight);
        TVector va = TOps.Create(alpha), vrx = TOps.Create(rx), vd = TOps.Create(d), one = TOps.Create(1), zero = TOps.Zero;
        TVector ll = zero, sL1 = zero, sDiff = zero, sInvT = zero, sInvX = zero, sS = zero;
        for (; i <= age.Length - width; i += width)
        {
            TVector w = TOps.Load(ref weightRef, (nuint)i);
            TVector at = TOps.Add(va, TOps.Load(ref ageRef, (nuint)i));
            TVector ax = TOps.Add(va, TOps.Load(ref recencyRef, (nuint)i));
            TVector l1 = TOps.Log(at);
            TVector diff = TOps.Subtract(l1, TOps.Log(ax));
            TVector u = TOps.Add(vd, TOps.Multiply(vrx, diff));
            TVector e = TOps.Exp(TOps.Subtract(zero, TOps.Abs(u)));
            TVector inv = TOps.Divide(one, TOps.Add(one, e));
            TVector s = TOps.ConditionalSelect(TOps.GreaterThanOrEqual(u, zero), inv, TOps.Multiply(e, inv));
            TVector softplus = TOps.Add(TOps.Max(u, zero), TOps.Log(TOps.Add(one, e)));
            TVector ws = TOps.Multiply(w, s);
            ll = TOps.Add(ll, TOps.Multiply(w, TOps.Subtract(softplus, TOps.Multiply(vrx, l1))));
            sL1 = TOps.Add(sL1, TOps.Multiply(w, l1));
            sDiff = TOps.Add(sDiff, TOps.Multiply(ws, diff));
            sInvT = TOps.Add(sInvT, TOps.Divide(TOps.Subtract(w, ws), at));
            sInvX = TOps.Add(sInvX, TOps.Divide(ws, ax));
            sS = TOps.Add(sS, ws);
        }

        sums.LogLikelihood += TOps.Sum(ll);
        sums.WeightedLogAge += TOps.Sum(sL1);
        sums.DroppedWeightedLogRatio += TOps.Sum(sDiff);
        sums.AliveWeightedInverseAge += TOps.Sum(sInvT);
        sums.DroppedWeightedInverseRecency += TOps.Sum(sInvX);
        sums.DroppedWeight += TOps.Sum(sS);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NoRepeat<TVector, TOps>(ReadOnlySpan<double> age, ReadOnlySpan<double> weight, double alpha, ref BgNbdLikelihoodSums sums)
        where TVector : unmanaged
        where TOps : IVectorMath<TVector>
    {
        int width = TOps.Count;
        int i = 0;
        if (age.Length < width)
        {
            return 0;
        }

        ref double ageRef = ref MemoryMarshal.GetReference(age);
        ref double weightRef = ref MemoryMarshal.GetReference(weight);
        TVector va = TOps.Create(alpha);
        TVector sL1 = TOps.Zero, sInvT = TOps.Zero;
        for (; i <= age.Length - width; i += width)
        {
            TVector w = TOps.Load(ref weightRef, (nuint)i);
            TVector at = TOps.Add(va, TOps.Load(ref ageRef, (nuint)i));
            sL1 = TOps.Add(sL1, TOps.Multiply(w, TOps.Log(at)));
            sInvT = TOps.Add(sInvT, TOps.Divide(w, at));
        }

        sums.WeightedLogAge += TOps.Sum(sL1);
        sums.AliveWeightedInverseAge += TOps.Sum(sInvT);
        return i;
    }
}
