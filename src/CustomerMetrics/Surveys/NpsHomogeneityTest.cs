using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Pearson's chi-square test of homogeneity (Pearson 1900; Agresti 2013, <i>Categorical Data Analysis</i>, §3.2) on the
/// segments × {promoter, passive, detractor} table of counts. The null hypothesis is that every segment draws its
/// answers from the same promoter/passive/detractor shares; that implies one common NPS, so a small p-value says the
/// segments differ. It is a test of the shares, not of the NPS alone: segments with equal NPS but different passive
/// shares can also reject.
/// </summary>
/// <remarks><threadsafety>Immutable; safe to share across threads.</threadsafety></remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct NpsHomogeneityTest
{
    /// <summary>Creates a test result.</summary>
    /// <param name="chiSquare">Pearson's statistic Σ (O − E)² / E, ≥ 0 (NaN when the test is undefined).</param>
    /// <param name="degreesOfFreedom">(segments with responses − 1) × (categories that occur − 1), ≥ 0.</param>
    /// <param name="pValue">Upper-tail probability of the chi-square distribution, 0 to 1 (NaN when undefined).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    [JsonConstructor]
    public NpsHomogeneityTest(double chiSquare, int degreesOfFreedom, double pValue)
    {
        if (!(chiSquare >= 0) && !double.IsNaN(chiSquare) || double.IsPositiveInfinity(chiSquare))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(chiSquare), chiSquare, "finite values ≥ 0, or NaN");
        }

        if (degreesOfFreedom < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(degreesOfFreedom), degreesOfFreedom, "≥ 0");
        }

        NpsPairwiseDifference.CheckP(pValue, nameof(pValue));
        ChiSquare = chiSquare;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>Pearson's χ² statistic.</summary>
    public double ChiSquare { get; }

    /// <summary>Degrees of freedom; 0 when there is one segment or one category only (the test is then undefined: NaN statistic and p-value).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>P(χ²(df) ≥ statistic); NaN when the test is undefined.</summary>
    public double PValue { get; }

    /// <summary>Formats as <c>χ² 12.31 (df 4), p 0.0152</c>, invariant culture.</summary>
    /// <returns>The test as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"χ² {ChiSquare:0.00} (df {DegreesOfFreedom}), p {PValue:0.0000}");
}
