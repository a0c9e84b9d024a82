using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>Validated Gamma-Gamma input (x &gt; 0 rows only) with the parameter-free sums precomputed once.</summary>
internal sealed class GammaGammaLikelihood
{
    private readonly double[] _x;
    private readonly double[] _m;
    private readonly double[] _w;
    private readonly double _sumWxLogXm;   // Σ w x (ln z̄ + ln x)
    private readonly double _sumWLogM;     // Σ w ln z̄

    public GammaGammaLikelihood(double[] x, double[] m, double[] w)
    {
        _x = x;
        _m = m;
        _w = w;
        double sw = 0, swx = 0, swm = 0, swxm = 0, swxx = 0, swmm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double lnM = Math.Log(m[i]);
            _sumWxLogXm += w[i] * x[i] * (lnM + Math.Log(x[i]));
            _sumWLogM += w[i] * lnM;
            sw += w[i];
            swx += w[i] * x[i];
            swm += w[i] * m[i];
        }

        double mx = swx / sw, mm = swm / sw;
        for (int i = 0; i < x.Length; i++)
        {
            swxm += w[i] * (x[i] - mx) * (m[i] - mm);
            swxx += w[i] * (x[i] - mx) * (x[i] - mx);
            swmm += w[i] * (m[i] - mm) * (m[i] - mm);
        }

        TotalWeight = sw;
        WeightedMeanSpend = mm;
        Correlation = swxm / Math.Sqrt(swxx * swmm);
    }

    public double TotalWeight { get; }

    public double WeightedMeanSpend { get; }

    /// <summary>Weighted Pearson correlation of x and z̄; NaN when either is constant.</summary>
    public double Correlation { get; }

    public double Penalty { get; init; }

    public double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double p = Math.Exp(logParameters[0]), q = Math.Exp(logParameters[1]), g = Math.Exp(logParameters[2]);
        double lnG = logParameters[2];
        double lnGammaQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q);
        double ll = (p * _sumWxLogXm) - _sumWLogM;
        double dp = _sumWxLogXm, dq = 0, dg = 0;
        double lastX = double.NaN, lnRatio = 0, psiPxq = 0, psiPx = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double x = _x[i], w = _w[i];
            if (x != lastX)
            {
                lastX = x;
                lnRatio = SpecialFunctions.GammaLn((p * x) + q) - SpecialFunctions.GammaLn(p * x) - lnGammaQ + (q * lnG);
                psiPxq = SpecialFunctions.DiGamma((p * x) + q);
                psiPx = SpecialFunctions.DiGamma(p * x);
            }

            double pxq = (p * x) + q;
            double denominator = g + (x * _m[i]);
            double lnDen = Math.Log(denominator);
            ll += w * (lnRatio - (pxq * lnDen));
            dp += w * x * (psiPxq - psiPx - lnDen);
            dq += w * (psiPxq - psiQ + lnG - lnDen);
            dg += w * ((q / g) - (pxq / denominator));
        }

        gradient[0] = dp * p;
        gradient[1] = dq * q;
        gradient[2] = dg * g;
        return ll;
    }

    public double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double value = -LogLikelihood(logParameters, gradient) / TotalWeight;
        for (int i = 0; i < 3; i++)
        {
            double log = logParameters[i];
            value += Penalty * log * log;
            gradient[i] = (-gradient[i] / TotalWeight) + (2 * Penalty * log);
        }

        return value;
    }

    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double ll = LogLikelihood(logParameters, gradient);
        for (int i = 0; i < 3; i++)
        {
            gradient[i] = -gradient[i];
        }

        return -ll;
    }
}
