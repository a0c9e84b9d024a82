using CustomerMetrics.Internal;
using MathNet.Numerics;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Fits the shifted-beta-geometric (sBG) model of contractual retention (Fader &amp; Hardie 2007, <i>How to Project
/// Customer Retention</i>, Journal of Interactive Marketing 21(1)): each customer renews every period with a constant
/// probability 1 − θ, θ ~ Beta(α, β) across customers. P(T = t) = B(α + 1, β + t − 1)/B(α, β),
/// S(t) = B(α, β + t)/B(α, β).
/// </summary>
/// <remarks><threadsafety>Static and pure; safe from any thread.</threadsafety></remarks>
public static class ShiftedBetaGeometric
{
    /// <summary>Fits α, β by maximum likelihood to a cohort's survivors per period (MathNet BFGS on log α, log β, analytic gradient).</summary>
    /// <param name="survivors">
    /// Customers still active at the start of period 0, 1, 2, … n (survivors[0] is the cohort size, &gt; 0); non-increasing,
    /// finite, ≥ 0. Counts or any common scale (percentages work; the log-likelihood is then on that scale). At least two entries.
    /// </param>
    /// <returns>The fitted model with log-likelihood (natural log, on the scale of the survivors), standard errors and fit
    /// information. A table of one period (two entries) fits a ridge: <see cref="ModelFitInfo.Converged"/> is false with the reason.</returns>
    /// <exception cref="ArgumentException">Fewer than two entries.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An entry is negative, NaN, ∞, or larger than the one before; survivors[0] ≤ 0.</exception>
    /// <exception cref="ModelFitException">Nobody churned, or nobody survived past the first period: the likelihood has no finite maximum.</exception>
    public static ShiftedBetaGeometricModel Fit(ReadOnlySpan<double> survivors)
    {
        if (survivors.Length < 2)
        {
            ThrowHelper.Argument(nameof(survivors), "The shifted-beta-geometric fit needs the cohort size and at least one later count of survivors.");
        }

        for (int t = 0; t < survivors.Length; t++)
        {
            double s = survivors[t];
            if (!(s >= 0) || double.IsPositiveInfinity(s) || (t == 0 && s == 0))
            {
                ThrowHelper.ValueOutOfRange(nameof(survivors), t, s, t == 0 ? "finite counts > 0 (the cohort size)" : "finite counts ≥ 0");
            }

            if (t > 0 && s > survivors[t - 1])
            {
                ThrowHelper.ValueOutOfRange(nameof(survivors), t, s, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"counts ≤ the previous period's {survivors[t - 1]:R} (survivors never increase)"));
            }
        }

        if (survivors[^1] == survivors[0])
        {
            ModelFitException.Throw("sBG: nobody churned, so the churn distribution is not identified (θ → 0).");
        }

        if (survivors[1] == 0)
        {
            ModelFitException.Throw("sBG: everybody churned in the first period, so the churn distribution is not identified (θ → 1).");
        }

        double[] counts = survivors.ToArray();
        double cohort = counts[0];

        double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
        {
            double alpha = Math.Exp(logParameters[0]), beta = Math.Exp(logParameters[1]);
            int n = counts.Length - 1;

            // ln P(1) = ln α − ln(α+β); ln P(t) = ln P(t−1) + ln(β+t−2) − ln(α+β+t−1).
            double lnP = Math.Log(alpha) - Math.Log(alpha + beta);
            double dA = (1 / alpha) - (1 / (alpha + beta)), dB = -1 / (alpha + beta);
            double ll = 0, gA = 0, gB = 0;
            for (int t = 1; t <= n; t++)
            {
                if (t > 1)
                {
                    lnP += Math.Log(beta + (t - 2)) - Math.Log(alpha + beta + (t - 1));
                    dA -= 1 / (alpha + beta + (t - 1));
                    dB += (1 / (beta + (t - 2))) - (1 / (alpha + beta + (t - 1)));
                }

                double lost = counts[t - 1] - counts[t];
                if (lost > 0)
                {
                    ll += lost * lnP;
                    gA += lost * dA;
                    gB += lost * dB;
                }
            }

            double alive = counts[n];
            if (alive > 0)
            {
                double psiABN = SpecialFunctions.DiGamma(alpha + beta + n), psiAB = SpecialFunctions.DiGamma(alpha + beta);
                ll += alive * (SpecialFunctions.GammaLn(beta + n) - SpecialFunctions.GammaLn(alpha + beta + n) - SpecialFunctions.GammaLn(beta) + SpecialFunctions.GammaLn(alpha + beta));
                gA += alive * (psiAB - psiABN);
                gB += alive * (SpecialFunctions.DiGamma(beta + n) - psiABN - SpecialFunctions.DiGamma(beta) + psiAB);
            }

            gradient[0] = gA * alpha;
            gradient[1] = gB * beta;
            return ll;
        }

        double Objective(ReadOnlySpan<double> logParameters, Span<double> gradient)
        {
            double value = -LogLikelihood(logParameters, gradient) / cohort;
            gradient[0] /= -cohort;
            gradient[1] /= -cohort;
            return value;
        }

        double Negative(ReadOnlySpan<double> logParameters, Span<double> gradient)
        {
            double value = -LogLikelihood(logParameters, gradient);
            gradient[0] = -gradient[0];
            gradient[1] = -gradient[1];
            return value;
        }

        var result = ModelOptimizer.Minimize(Objective, [0, 0], "sBG");
        double[] p = result.LogParameters;
        double[] errors = ModelOptimizer.StandardErrors(Negative, p);
        ModelFitInfo info = result.Info;
        if (counts.Length == 2)
        {
            // One period gives one churn share, α/(α + β): every (α, β) on that line fits exactly.
            info = new ModelFitInfo(info.Method, info.Iterations, info.Evaluations, converged: false, info.GradientNorm,
                "one period of survivors gives one churn share α/(α + β), which cannot separate α and β: the table needs at least two periods");
        }

        return new ShiftedBetaGeometricModel(Math.Exp(p[0]), Math.Exp(p[1]))
        {
            LogLikelihood = LogLikelihood(p, new double[2]),
            Periods = counts.Length - 1,
            CohortSize = cohort,
            FitInfo = info,
            AlphaStandardError = errors[0],
            BetaStandardError = errors[1],
        };
    }
}
