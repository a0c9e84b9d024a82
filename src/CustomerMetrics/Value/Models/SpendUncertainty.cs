using CustomerMetrics.Internal;
using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// The Gamma-Gamma half of the CLV intervals of a transaction model (BG/NBD, Pareto/NBD): the spend model's log-parameter
/// covariance on the customers with repeat purchases, its block-diagonal join with the transaction model's covariance
/// (the two fits are separate and the Gamma-Gamma model assumes spend independent of the transaction process), and the
/// spend model rebuilt from the joint log-parameters.
/// </summary>
internal static class SpendUncertainty
{
    /// <summary>Log-parameters of a Gamma-Gamma model: ln p, ln q, ln γ.</summary>
    public const int ParameterCount = 3;

    /// <summary>
    /// The joint log-parameters (the transaction model's, then ln p, ln q, ln γ) and their block-diagonal covariance; the
    /// covariance is null when either block is (an information matrix that is not positive definite).
    /// </summary>
    /// <exception cref="InvalidOperationException">The spend model is <c>default</c>.</exception>
    /// <exception cref="ModelFitException">No customer of the summary has a repeat purchase.</exception>
    public static (double[] LogParameters, Matrix<double>? Covariance) Join(double[] purchasesLog, Matrix<double>? purchasesCovariance,
        GammaGammaModel spend, RfmSummary summary)
    {
        _ = spend.ConditionalExpectedAverageSpend(1, 1); // Throws for the default model.
        int used = 0;
        foreach (double x in summary.Frequency)
        {
            used += x > 0 ? 1 : 0;
        }

        if (used == 0)
        {
            ModelFitException.ThrowNoRepeatPurchase("Gamma-Gamma", "there is no repeat spend to estimate its covariance on");
        }

        var xs = new double[used];
        var ms = new double[used];
        var ws = new double[used];
        for (int i = 0, j = 0; i < summary.Count; i++)
        {
            if (summary.Frequency[i] > 0)
            {
                xs[j] = summary.Frequency[i];
                ms[j] = summary.MeanSpend[i];
                ws[j] = 1;
                j++;
            }
        }

        var spendData = new GammaGammaLikelihood(xs, ms, ws);
        double[] spendLog = [Math.Log(spend.P), Math.Log(spend.Q), Math.Log(spend.Gamma)];
        var spendCovariance = PredictionDelta.LogCovariance(spendData.NegativeLogLikelihood, spendLog);
        double[] log = [.. purchasesLog, .. spendLog];
        Matrix<double>? joint = null;
        if (purchasesCovariance is not null && spendCovariance is not null)
        {
            int n = purchasesLog.Length;
            joint = Matrix<double>.Build.Dense(n + ParameterCount, n + ParameterCount);
            joint.SetSubMatrix(0, 0, purchasesCovariance);
            joint.SetSubMatrix(n, n, spendCovariance);
        }

        return (log, joint);
    }

    /// <summary>The Gamma-Gamma model at the joint log-parameters <paramref name="p"/> (its three follow the transaction model's).</summary>
    public static GammaGammaModel Model(double[] p) =>
        new(Math.Exp(p[^3]), Math.Exp(p[^2]), Math.Exp(p[^1]));

    /// <summary>The spend model, or an <see cref="InvalidOperationException"/> naming the estimate that gives one.</summary>
    public static GammaGammaModel Require(GammaGammaModel? spend, string estimate)
    {
        if (spend is not { } model)
        {
            ThrowHelper.InvalidOperation($"CLV intervals need the Gamma-Gamma model: use {estimate}.");
            return default;
        }

        return model;
    }

    /// <summary>
    /// Delta-method interval (log scale) on Σᵢ CLVᵢ over <paramref name="customers"/> customers, where
    /// <paramref name="discounted"/> writes every customer's CLV at the joint log-parameters it is given (first called at
    /// <paramref name="logParameters"/> themselves, so that bad arguments throw before any differencing).
    /// </summary>
    public static ConfidenceInterval BaseClv(int customers, Action<double[], double[]> discounted, double[] logParameters,
        Matrix<double>? covariance, double confidenceLevel)
    {
        var values = new double[customers];
        discounted(logParameters, values);
        return PredictionDelta.Interval(p =>
        {
            discounted(p, values);
            var sum = new NeumaierSum();
            foreach (double v in values)
            {
                sum.Add(v);
            }

            return sum.Value;
        }, logParameters, covariance, DeltaScale.Log, confidenceLevel);
    }
}
