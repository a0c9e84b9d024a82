using System.Globalization;
using System.Text.Json.Serialization;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>One fitted model in a comparison table (<see cref="PurchaseDiagnostics.Compare"/>).</summary>
/// <param name="Name">The model's name as given.</param>
/// <param name="LogLikelihood">Calibration log-likelihood.</param>
/// <param name="Parameters">Number of parameters k.</param>
/// <param name="Aic">2k − 2 LL.</param>
/// <param name="Bic">k ln n − 2 LL.</param>
/// <param name="HoldoutRmse">Root mean squared error of E[Y(t) | history] against actual holdout purchases, per customer.</param>
/// <param name="HoldoutMae">Mean absolute error of the same.</param>
/// <param name="ExpectedHoldoutTotal">Σ over customers of E[Y(t) | history].</param>
/// <param name="ActualHoldoutTotal">Σ of actual holdout purchases.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ModelComparisonRow(string Name, double LogLikelihood, int Parameters, double Aic, double Bic,
    double HoldoutRmse, double HoldoutMae, double ExpectedHoldoutTotal, double ActualHoldoutTotal)
{
    /// <summary>A table line: name, LL, AIC, BIC, RMSE, expected and actual totals, culture-invariant.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: LL {LogLikelihood:0.0}, AIC {Aic:0.0}, BIC {Bic:0.0}, holdout RMSE {HoldoutRmse:0.000}, MAE {HoldoutMae:0.000}, expected {ExpectedHoldoutTotal:0.0} vs actual {ActualHoldoutTotal:0}");
}
