using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Validated BG/NBD input regrouped by frequency: customers with the same x are contiguous, so every term that
/// depends only on x (log-gammas, log-betas, digammas) is computed once per distinct x per evaluation and the rest
/// runs through <see cref="BgNbdKernel"/>. Allocation: three doubles per customer plus the group tables, once.
/// </summary>
internal sealed class BgNbdLikelihood
{
    private readonly double[] _age;
    private readonly double[] _recency;
    private readonly double[] _weight;
    private readonly double[] _groupX;
    private readonly int[] _groupStart;
    private readonly double[] _groupWeight;

    public BgNbdLikelihood(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weights)
    {
        Guard.SameLength(frequency.Length, recency.Length);
        Guard.SameLength(frequency.Length, age.Length);
        if (!weights.IsEmpty)
        {
            Guard.SameLength(frequency.Length, weights.Length);
        }

        int n = frequency.Length;
        if (n == 0)
        {
            ThrowHelper.Argument(nameof(frequency), "The BG/NBD model cannot be fitted to no customers.");
        }

        double maxX = 0, totalWeight = 0, repeatWeight = 0;
        for (int i = 0; i < n; i++)
        {
            ValidateRow(frequency, recency, age, i);
            double w = 1;
            if (!weights.IsEmpty)
            {
                w = weights[i];
                if (!(w >= 0) || double.IsPositiveInfinity(w))
                {
                    ThrowHelper.ValueOutOfRange(nameof(weights), i, w, "finite numbers ≥ 0");
                }
            }

            maxX = Math.Max(maxX, frequency[i]);
            totalWeight += w;
            if (frequency[i] > 0)
            {
                repeatWeight += w;
            }
        }

        if (!(totalWeight > 0))
        {
            ThrowHelper.Argument(nameof(weights), "The weights sum to 0: there is no customer to fit.");
        }

        if (!(repeatWeight > 0))
        {
            ModelFitException.ThrowNoRepeatPurchase("BG/NBD", "the purchase rate and dropout are not identified");
        }

        // Counting sort by x (distinct x values are few compared with customers).
        var xs = new double[n];
        frequency.CopyTo(xs);
        var distinct = (double[])xs.Clone();
        Array.Sort(distinct);
        int groups = 0;
        for (int i = 0; i < n; i++)
        {
            if (i == 0 || distinct[i] != distinct[i - 1])
            {
                distinct[groups++] = distinct[i];
            }
        }

        _groupX = distinct[..groups];
        _groupStart = new int[groups + 1];
        _groupWeight = new double[groups];
        var groupOf = new int[n];
        for (int i = 0; i < n; i++)
        {
            int g = Array.BinarySearch(_groupX, frequency[i]);
            groupOf[i] = g;
            _groupStart[g + 1]++;
        }

        for (int g = 0; g < groups; g++)
        {
            _groupStart[g + 1] += _groupStart[g];
        }

        _age = new double[n];
        _recency = new double[n];
        _weight = new double[n];
        var next = (int[])_groupStart.Clone();
        for (int i = 0; i < n; i++)
        {
            int g = groupOf[i];
            int j = next[g]++;
            _age[j] = age[i];
            _recency[j] = recency[i];
            _weight[j] = weights.IsEmpty ? 1 : weights[i];
            _groupWeight[g] += _weight[j];
        }

        TotalWeight = totalWeight;
        MeanFrequency = CompensatedSum.Sum(xs) / n;
        MeanAge = CompensatedSum.Sum(_age) / n;
    }

    /// <summary>Σ weights: the number of customers the fit represents.</summary>
    public double TotalWeight { get; }

    public double MeanFrequency { get; }

    public double MeanAge { get; }

    /// <summary>L2 penalty coefficient λ on the log parameters (shrinks each parameter towards 1).</summary>
    public double Penalty { get; init; }

    public VectorPath Path { get; init; }

    /// <summary>
    /// The total weighted log-likelihood at (r, α, a, b) = exp(<paramref name="logParameters"/>); writes its gradient
    /// with respect to the log parameters into <paramref name="gradient"/>.
    /// </summary>
    public double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]);
        double a = Math.Exp(logParameters[2]), b = Math.Exp(logParameters[3]);
        double lnAlpha = logParameters[1];
        double lnGammaR = SpecialFunctions.GammaLn(r), psiR = SpecialFunctions.DiGamma(r);
        double lnGammaB = SpecialFunctions.GammaLn(b), psiB = SpecialFunctions.DiGamma(b);
        double lnGammaAB = SpecialFunctions.GammaLn(a + b), psiAB = SpecialFunctions.DiGamma(a + b);
        double total = 0, dr = 0, dAlpha = 0, da = 0, db = 0;
        for (int g = 0; g < _groupX.Length; g++)
        {
            double x = _groupX[g];
            double w = _groupWeight[g];
            int start = _groupStart[g], length = _groupStart[g + 1] - start;
            var sums = default(BgNbdLikelihoodSums);
            if (x == 0)
            {
                BgNbdKernel.NoRepeat(_age.AsSpan(start, length), _weight.AsSpan(start, length), alpha, Path, ref sums);
                total += (w * r * lnAlpha) - (r * sums.WeightedLogAge);
                dr += (w * lnAlpha) - sums.WeightedLogAge;
                dAlpha += (w * r / alpha) - (r * sums.AliveWeightedInverseAge);
                continue;
            }

            double rx = r + x;
            double bx1 = b + (x - 1); // x − 1 first: b below 1e-16 must not vanish in (b + x) − 1.
            double lnBetaRatio = SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(a + b + x) - lnGammaB + lnGammaAB;
            double c0 = SpecialFunctions.GammaLn(rx) - lnGammaR + (r * lnAlpha) + lnBetaRatio;
            double d = Math.Log(a) - Math.Log(bx1);
            BgNbdKernel.Repeat(_age.AsSpan(start, length), _recency.AsSpan(start, length), _weight.AsSpan(start, length), alpha, rx, d, Path, ref sums);
            double psiABX = SpecialFunctions.DiGamma(a + b + x);
            total += (w * c0) + sums.LogLikelihood;
            dr += (w * (SpecialFunctions.DiGamma(rx) - psiR + lnAlpha)) - sums.WeightedLogAge + sums.DroppedWeightedLogRatio;
            dAlpha += (w * r / alpha) - (rx * (sums.AliveWeightedInverseAge + sums.DroppedWeightedInverseRecency));
            da += (w * (psiAB - psiABX)) + (sums.DroppedWeight / a);
            db += (w * (SpecialFunctions.DiGamma(b + x) - psiABX - psiB + psiAB)) - (sums.DroppedWeight / bx1);
        }

        gradient[0] = dr * r;
        gradient[1] = dAlpha * alpha;
        gradient[2] = da * a;
        gradient[3] = db * b;
        return total;
    }

    /// <summary>The minimised objective: −LL/Σw + λ Σ (ln θ)², with its gradient in log parameters.</summary>
    public double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double ll = LogLikelihood(logParameters, gradient);
        double value = -ll / TotalWeight;
        for (int i = 0; i < 4; i++)
        {
            double log = logParameters[i];
            value += Penalty * log * log;
            gradient[i] = (-gradient[i] / TotalWeight) + (2 * Penalty * log);
        }

        return value;
    }

    /// <summary>The total negative log-likelihood (no penalty), for the Hessian.</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double ll = LogLikelihood(logParameters, gradient);
        for (int i = 0; i < 4; i++)
        {
            gradient[i] = -gradient[i];
        }

        return -ll;
    }

    internal static void ValidateRow(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, int i)
    {
        double x = frequency[i], tx = recency[i], t = age[i];
        if (!(x >= 0) || x != Math.Floor(x) || double.IsPositiveInfinity(x))
        {
            ThrowHelper.ValueOutOfRange(nameof(frequency), i, x, "whole numbers ≥ 0 (repeat purchases)");
        }

        if (!(t >= 0) || double.IsPositiveInfinity(t))
        {
            ThrowHelper.ValueOutOfRange(nameof(age), i, t, "finite numbers ≥ 0 (time since the first purchase, T)");
        }

        if (t == 0 && x > 0)
        {
            ThrowHelper.ValueOutOfRange(nameof(frequency), i, x, "0 for a customer of age T = 0 (first purchase at the end of observation)");
        }

        if (!(tx >= 0) || tx > t)
        {
            ThrowHelper.ValueOutOfRange(nameof(recency), i, tx, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"numbers from 0 to the customer's age T = {t:R} (time of the last purchase)"));
        }
    }
}
