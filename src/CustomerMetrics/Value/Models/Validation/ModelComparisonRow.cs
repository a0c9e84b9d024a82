using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>One fitted model in a comparison table (<see cref="PurchaseDiagnostics.Compare"/>).</summary>
/// <remarks><c>default</c> is not a row (no parameters): reading it back throws. Every way to make one is validated.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ModelComparisonRow
{
    /// <summary>Creates a row after checking it.</summary>
    /// <param name="name">The model's name as given (not null).</param>
    /// <param name="logLikelihood">Calibration log-likelihood: finite, or NaN for a model not produced by a fit.</param>
    /// <param name="parameters">Number of parameters k, ≥ 1.</param>
    /// <param name="aic">2k − 2 LL: finite, or NaN.</param>
    /// <param name="bic">k ln n − 2 LL: finite, or NaN.</param>
    /// <param name="holdoutRmse">Root mean squared error per customer, finite ≥ 0.</param>
    /// <param name="holdoutMae">Mean absolute error per customer, finite ≥ 0.</param>
    /// <param name="expectedHoldoutTotal">Σ over customers of E[Y(t) | history], finite ≥ 0.</param>
    /// <param name="actualHoldoutTotal">Σ of actual holdout purchases, finite ≥ 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (names it).</exception>
    [JsonConstructor]
    public ModelComparisonRow(string name, double logLikelihood, int parameters, double aic, double bic,
        double holdoutRmse, double holdoutMae, double expectedHoldoutTotal, double actualHoldoutTotal)
    {
        ArgumentNullException.ThrowIfNull(name);
        Guard.NaNOrFinite(logLikelihood);
        if (parameters < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(parameters), parameters, "≥ 1");
        }

        Guard.NaNOrFinite(aic);
        Guard.NaNOrFinite(bic);
        Guard.NonNegativeFinite(holdoutRmse);
        Guard.NonNegativeFinite(holdoutMae);
        Guard.NonNegativeFinite(expectedHoldoutTotal);
        Guard.NonNegativeFinite(actualHoldoutTotal);
        (Name, LogLikelihood, Parameters, Aic, Bic) = (name, logLikelihood, parameters, aic, bic);
        (HoldoutRmse, HoldoutMae, ExpectedHoldoutTotal, ActualHoldoutTotal) = (holdoutRmse, holdoutMae, expectedHoldoutTotal, actualHoldoutTotal);
    }

    /// <summary>The model's name as given.</summary>
    public string Name { get; }

    /// <summary>Calibration log-likelihood.</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of parameters k.</summary>
    public int Parameters { get; }

    /// <summary>2k − 2 LL.</summary>
    public double Aic { get; }

    /// <summary>k ln n − 2 LL.</summary>
    public double Bic { get; }

    /// <summary>Root mean squared error of E[Y(t) | history] against actual holdout purchases, per customer.</summary>
    public double HoldoutRmse { get; }

    /// <summary>Mean absolute error of the same.</summary>
    public double HoldoutMae { get; }

    /// <summary>Σ over customers of E[Y(t) | history].</summary>
    public double ExpectedHoldoutTotal { get; }

    /// <summary>Σ of actual holdout purchases.</summary>
    public double ActualHoldoutTotal { get; }

    /// <summary>A table line: name, LL, AIC, BIC, RMSE, expected and actual totals, culture-invariant.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: LL {LogLikelihood:0.0}, AIC {Aic:0.0}, BIC {Bic:0.0}, holdout RMSE {HoldoutRmse:0.000}, MAE {HoldoutMae:0.000}, expected {ExpectedHoldoutTotal:0.0} vs actual {ActualHoldoutTotal:0}");
}
