using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models.Validation;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Validated MBG/NBD input and its log-likelihood with the analytic gradient (Batislam, Denizel &amp; Filiztekin 2007, eq. 4):
/// L = Γ(r+x)αʳ/Γ(r) · B(a, b+x+1)/B(a, b) · [(α+T)^−(r+x) + a/(b+x) (α+tₓ)^−(r+x)], in log-sum-exp form
/// ln L = c(x) − (r+x) ln(α+T) + softplus(u), u = ln(a/(b+x)) + (r+x)(ln(α+T) − ln(α+tₓ)). Terms that depend only on x are
/// computed once per distinct x per evaluation.
/// </summary>
internal sealed class MbgNbdData
{
    private readonly double[] _x;
    private readonly double[] _tx;
    private readonly double[] _t;
    private readonly double[] _weight;
    private readonly int[] _group;
    private readonly double[] _groupX;

    public MbgNbdData(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weights, bool allowNoRepeat = false)
    {
        // Same rows, rules and compression as the Pareto/NBD (x, tₓ, T with counts).
        var compressed = new ParetoNbdData(frequency, recency, age, weights, MbgNbd.Name, allowNoRepeat);
        (_x, _tx, _t, _weight) = compressed.Rows();
        TotalWeight = compressed.TotalWeight;
        MeanFrequency = compressed.MeanFrequency;
        MeanAge = compressed.MeanAge;
        _groupX = [.. _x.Distinct().Order()];
        _group = [.. _x.Select(v => Array.BinarySearch(_groupX, v))];
    }

    public double TotalWeight { get; }

    public double MeanFrequency { get; }

    public double MeanAge { get; }

    /// <summary>The total weighted log-likelihood at (r, α, a, b) = exp(log parameters); writes d/d(log θ).</summary>
    public double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]);
        double a = Math.Exp(logParameters[2]), b = Math.Exp(logParameters[3]);
        double lnAlpha = logParameters[1];
        double lnGammaR = SpecialFunctions.GammaLn(r), psiR = SpecialFunctions.DiGamma(r);
        double lnBab = SpecialFunctions.BetaLn(a, b), psiAB = SpecialFunctions.DiGamma(a + b), psiB = SpecialFunctions.DiGamma(b);
        int groups = _groupX.Length;
        Span<double> c = groups <= 128 ? stackalloc double[groups] : new double[groups];
        Span<double> cr = groups <= 128 ? stackalloc double[groups] : new double[groups];
        Span<double> ca = groups <= 128 ? stackalloc double[groups] : new double[groups];
        Span<double> cb = groups <= 128 ? stackalloc double[groups] : new double[groups];
        for (int g = 0; g < groups; g++)
        {
            double x = _groupX[g];
            double psiABX = SpecialFunctions.DiGamma(a + b + x + 1);
            c[g] = SpecialFunctions.GammaLn(r + x) - lnGammaR + (r * lnAlpha) + SpecialFunctions.BetaLn(a, b + x + 1) - lnBab;
            cr[g] = SpecialFunctions.DiGamma(r + x) - psiR + lnAlpha;
            ca[g] = psiAB - psiABX;
            cb[g] = SpecialFunctions.DiGamma(b + x + 1) - psiABX - psiB + psiAB;
        }

        var total = default(NeumaierSum);
        double dr = 0, dAlpha = 0, da = 0, db = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            int g = _group[i];
            double x = _x[i], w = _weight[i], rx = r + x;
            double at = alpha + _t[i], ax = alpha + _tx[i];
            double lnAt = Math.Log(at), diff = lnAt - Math.Log(ax);
            double u = Math.Log(a / (b + x)) + (rx * diff);
            double e = Math.Exp(-Math.Abs(u));
            double s = u >= 0 ? 1 / (1 + e) : e / (1 + e);
            double softplus = Math.Max(u, 0) + Math.Log(1 + e);
            total.Add(w * (c[g] - (rx * lnAt) + softplus));
            dr += w * (cr[g] - lnAt + (s * diff));
            dAlpha += w * ((r / alpha) - (rx / at) + (s * rx * ((1 / at) - (1 / ax))));
            da += w * (ca[g] + (s / a));
            db += w * (cb[g] - (s / (b + x)));
        }

        gradient[0] = dr * r;
        gradient[1] = dAlpha * alpha;
        gradient[2] = da * a;
        gradient[3] = db * b;
        return total.Value;
    }

    /// <summary>The minimised objective −LL/Σw with its gradient in log parameters.</summary>
    public double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient) =>
        ModelChecks.MeanNegative(LogLikelihood(logParameters, gradient), gradient[..4], TotalWeight);

    /// <summary>The total negative log-likelihood, for the Hessian.</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient) =>
        ModelChecks.Negative(LogLikelihood(logParameters, gradient), gradient[..4]);
}
