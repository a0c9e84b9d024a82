using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>The checks every fitted-model constructor shares (parameters, fit report, standard errors, horizons).</summary>
internal static class ModelChecks
{
    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(name, value, "finite numbers > 0");
        }
    }

    /// <summary>
    /// The parameters are all 0 (the <c>default</c> model, which has no parameters) or all finite and &gt; 0; returns
    /// whether the model has parameters. The fit report must then be empty too.
    /// </summary>
    public static bool Parameters(ReadOnlySpan<double> values, ReadOnlySpan<string> names, double logLikelihood, double customers)
    {
        bool empty = true;
        foreach (double v in values)
        {
            empty &= v == 0;
        }

        if (empty)
        {
            if (customers != 0)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(customers), customers, "0 for a model without parameters (default)");
            }

            return false;
        }

        for (int i = 0; i < values.Length; i++)
        {
            Positive(values[i], names[i]);
        }

        if (!(logLikelihood <= 0) && !double.IsNaN(logLikelihood))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(logLikelihood), logLikelihood, "numbers ≤ 0, or NaN for a model not produced by a fit");
        }

        Guard.NonNegativeFinite(customers);
        return true;
    }

    /// <summary>A standard error is NaN (unavailable) or finite and ≥ 0.</summary>
    public static void StandardError(double value, string name)
    {
        if (!double.IsNaN(value) && (!(value >= 0) || double.IsPositiveInfinity(value)))
        {
            ThrowHelper.ArgumentOutOfRange(name, value, "finite numbers ≥ 0, or NaN when unavailable");
        }
    }

    /// <summary>The fit report is consistent: counts ≥ 0, a defined method, gradient norm NaN or ≥ 0.</summary>
    public static void FitInfo(ModelFitInfo info)
    {
        if (info.Method is not (ModelFitMethod.None or ModelFitMethod.Bfgs or ModelFitMethod.NelderMead))
        {
            ThrowHelper.ArgumentOutOfRange("fitInfo.Method", (long)info.Method, "None, Bfgs or NelderMead");
        }

        Guard.NonNegative(info.Iterations, "fitInfo.Iterations");
        Guard.NonNegative(info.Evaluations, "fitInfo.Evaluations");
        if (!double.IsNaN(info.GradientNorm) && !(info.GradientNorm >= 0))
        {
            ThrowHelper.ArgumentOutOfRange("fitInfo.GradientNorm", info.GradientNorm, "numbers ≥ 0 or NaN");
        }
    }

    /// <summary>A horizon t ≥ 0 (∞ allowed when <paramref name="allowInfinity"/>).</summary>
    public static void Horizon(double t, bool allowInfinity, string name = "t")
    {
        if (!(t >= 0) || (!allowInfinity && double.IsPositiveInfinity(t)))
        {
            ThrowHelper.ArgumentOutOfRange(name, t, allowInfinity ? "numbers ≥ 0 in the data's time unit (∞ for the lifetime)" : "finite numbers ≥ 0 in the data's time unit");
        }
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> for a <c>default</c> model.</summary>
    public static void HasParameters(bool has, string type, string fit)
    {
        if (!has)
        {
            ThrowHelper.InvalidOperation(string.Create(CultureInfo.InvariantCulture,
                $"This {type} has no parameters (it is default); fit one with {fit} or construct it from its parameters."));
        }
    }

    /// <summary>AIC = 2k − 2 LL (Akaike 1974).</summary>
    public static double Aic(double logLikelihood, int parameters) => (2.0 * parameters) - (2 * logLikelihood);

    /// <summary>BIC = k ln n − 2 LL (Schwarz 1978), n the customers.</summary>
    public static double Bic(double logLikelihood, int parameters, double customers) =>
        customers > 0 ? (parameters * Math.Log(customers)) - (2 * logLikelihood) : double.NaN;

    /// <summary>The minimised objective −LL/Σw from a log-likelihood whose gradient is in <paramref name="gradient"/> (negated and scaled in place).</summary>
    public static double MeanNegative(double logLikelihood, Span<double> gradient, double totalWeight)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = -gradient[i] / totalWeight;
        }

        return -logLikelihood / totalWeight;
    }

    /// <summary>−LL with its gradient negated in place (the total, for the Hessian).</summary>
    public static double Negative(double logLikelihood, Span<double> gradient)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        return -logLikelihood;
    }
}
