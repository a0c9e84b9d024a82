using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// A likelihood-ratio test of a restricted model nested in a fuller one (Wilks 1938): statistic 2(LL_full − LL_restricted),
/// asymptotically χ² with the difference in parameter counts as degrees of freedom.
/// </summary>
/// <remarks><c>default</c> is not a test (0 degrees of freedom): reading it back throws. Every way to make one is validated.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct LikelihoodRatioTest
{
    /// <summary>Creates a test result after checking it.</summary>
    /// <param name="statistic">2(LL_full − LL_restricted): finite (≥ 0 for a correct pair of fits; a negative value is kept to show a fit went wrong), or NaN.</param>
    /// <param name="degreesOfFreedom">k_full − k_restricted, ≥ 1.</param>
    /// <param name="pValue">P(χ²_df ≥ statistic), 0 to 1; 1 when the statistic is ≤ 0; NaN with a NaN statistic.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (names it).</exception>
    [JsonConstructor]
    public LikelihoodRatioTest(double statistic, int degreesOfFreedom, double pValue)
    {
        Guard.NaNOrFinite(statistic);
        if (degreesOfFreedom < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(degreesOfFreedom), degreesOfFreedom, "≥ 1");
        }

        if (!(pValue is >= 0 and <= 1) && !double.IsNaN(pValue))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(pValue), pValue, "0 to 1, or NaN");
        }

        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>2(LL_full − LL_restricted), ≥ 0 for a correct pair of fits.</summary>
    public double Statistic { get; }

    /// <summary>k_full − k_restricted, ≥ 1.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>P(χ²_df ≥ statistic); 1 when the statistic is ≤ 0.</summary>
    public double PValue { get; }

    /// <summary>"LR = 12.34 on 1 df, p = 0.0004", culture-invariant.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"LR = {Statistic:0.###} on {DegreesOfFreedom} df, p = {PValue:G4}");
}
