using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Value.Models;

/// <summary>The scale on which a delta-method interval is symmetric.</summary>
internal enum DeltaScale
{
    /// <summary>ln f: for positive quantities (expected counts, money); the interval stays positive.</summary>
    Log,

    /// <summary>ln(f/(1 − f)): for probabilities; the interval stays in (0, 1).</summary>
    Logit,
}

/// <summary>
/// Delta-method intervals for a prediction f(φ) of log-parameters φ with covariance Σ: the gradient of g(f) by central
/// differences (step 10⁻⁵ in φ), SE_g = √(∇gᵀ Σ ∇g), interval g⁻¹(g(f) ± z SE_g) with z the normal quantile.
/// </summary>
internal static class PredictionDelta
{
    private const double Step = 1e-5;

    public static ConfidenceInterval Interval(Func<double[], double> prediction, double[] logParameters, Matrix<double>? covariance,
        DeltaScale scale, double confidenceLevel)
    {
        double value = prediction(logParameters);
        if (covariance is null || double.IsNaN(value))
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        int n = logParameters.Length;
        var gradient = new double[n];
        var point = (double[])logParameters.Clone();
        bool flat = true;
        for (int j = 0; j < n; j++)
        {
            point[j] = logParameters[j] + Step;
            double plus = prediction(point);
            point[j] = logParameters[j] - Step;
            double minus = prediction(point);
            point[j] = logParameters[j];
            gradient[j] = (plus - minus) / (2 * Step);
            flat &= gradient[j] == 0;
        }

        if (flat || value <= 0 || (scale == DeltaScale.Logit && value >= 1))
        {
            // A prediction the parameters do not move (P(alive) = 1 at x = 0, E = 0 at t = 0) or on its bound: no width.
            return new ConfidenceInterval(value, value, confidenceLevel);
        }

        // Chain rule to the interval scale: d ln f = df/f; d logit f = df/(f(1 − f)).
        double derivative = scale == DeltaScale.Log ? 1 / value : 1 / (value * (1 - value));
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                variance += gradient[i] * covariance[i, j] * gradient[j];
            }
        }

        double se = Math.Sqrt(Math.Max(variance, 0)) * derivative;
        double z = Normal.InvCDF(0, 1, 0.5 + (confidenceLevel / 2));
        double g = scale == DeltaScale.Log ? Math.Log(value) : Math.Log(value / (1 - value));
        double lower = Inverse(g - (z * se), scale), upper = Inverse(g + (z * se), scale);
        return new ConfidenceInterval(lower, Math.Max(lower, upper), confidenceLevel);
    }

    /// <summary>Covariance of the log-parameters, H_log⁻¹, from <see cref="ModelOptimizer.Covariance"/> (which returns D H_log⁻¹ D, D = diag θ).</summary>
    public static Matrix<double>? LogCovariance(ModelObjective negativeLogLikelihood, double[] logParameters)
    {
        var natural = ModelOptimizer.Covariance(negativeLogLikelihood, logParameters);
        if (natural is null)
        {
            return null;
        }

        for (int i = 0; i < logParameters.Length; i++)
        {
            for (int j = 0; j < logParameters.Length; j++)
            {
                natural[i, j] /= Math.Exp(logParameters[i] + logParameters[j]);
            }
        }

        return natural;
    }

    private static double Inverse(double g, DeltaScale scale) => scale == DeltaScale.Log ? Math.Exp(g) : 1 / (1 + Math.Exp(-g));
}
