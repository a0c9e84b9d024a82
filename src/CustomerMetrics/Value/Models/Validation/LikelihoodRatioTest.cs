using System.Globalization;
using System.Text.Json.Serialization;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// A likelihood-ratio test of a restricted model nested in a fuller one (Wilks 1938): statistic 2(LL_full − LL_restricted),
/// asymptotically χ² with the difference in parameter counts as degrees of freedom.
/// </summary>
/// <param name="Statistic">2(LL_full − LL_restricted), ≥ 0 for a correct pair of fits.</param>
/// <param name="DegreesOfFreedom">k_full − k_restricted, ≥ 1.</param>
/// <param name="PValue">P(χ²_df ≥ statistic); 1 when the statistic is ≤ 0.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct LikelihoodRatioTest(double Statistic, int DegreesOfFreedom, double PValue)
{
    /// <summary>"LR = 12.34 on 1 df, p = 0.0004", culture-invariant.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"LR = {Statistic:0.###} on {DegreesOfFreedom} df, p = {PValue:G4}");
}
