using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// One pair of segments in an <see cref="NpsSegmentComparison"/>: the z test of their NPS difference (Rocks 2016)
/// with its p-value adjusted for the number of pairs by Holm's step-down method (Holm 1979, <i>A simple sequentially
/// rejective multiple test procedure</i>, Scand. J. Statist. 6) and by Bonferroni.
/// </summary>
/// <remarks><threadsafety>Immutable; safe to share across threads.</threadsafety></remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct NpsPairwiseDifference
{
    /// <summary>Creates a pair.</summary>
    /// <param name="first">Index of the first segment, ≥ 0.</param>
    /// <param name="second">Index of the second segment, &gt; <paramref name="first"/> (both 0 only for the empty <c>default</c>).</param>
    /// <param name="comparison">The test of first − second.</param>
    /// <param name="holmPValue">Holm-adjusted p-value, 0 to 1 (NaN when the raw p-value is NaN).</param>
    /// <param name="bonferroniPValue">Bonferroni-adjusted p-value, 0 to 1 (NaN when the raw p-value is NaN).</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of order or negative, or a p-value is outside [0, 1].</exception>
    [JsonConstructor]
    public NpsPairwiseDifference(int first, int second, NpsComparison comparison, double holmPValue, double bonferroniPValue)
    {
        if (first < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(first), first, "segment indexes ≥ 0");
        }

        if (second <= first && !(first == 0 && second == 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(second), second, string.Create(CultureInfo.InvariantCulture, $"indexes above first ({first})"));
        }

        CheckP(holmPValue, nameof(holmPValue));
        CheckP(bonferroniPValue, nameof(bonferroniPValue));
        First = first;
        Second = second;
        Comparison = comparison;
        HolmPValue = holmPValue;
        BonferroniPValue = bonferroniPValue;
    }

    /// <summary>Index of the first segment.</summary>
    public int First { get; }

    /// <summary>Index of the second segment.</summary>
    public int Second { get; }

    /// <summary>The difference first − second in NPS points, its standard error, z and the unadjusted two-sided p-value.</summary>
    public NpsComparison Comparison { get; }

    /// <summary>Holm-adjusted p-value: controls the family-wise error rate over all pairs, uniformly more powerful than Bonferroni.</summary>
    public double HolmPValue { get; }

    /// <summary>Bonferroni-adjusted p-value: min(1, pairs × p).</summary>
    public double BonferroniPValue { get; }

    /// <summary>Formats as <c>0 vs 2: ΔNPS +4.2 points (…); Holm p 0.081, Bonferroni p 0.081</c>, invariant culture.</summary>
    /// <returns>The pair as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{First} vs {Second}: {Comparison}; Holm p {HolmPValue:0.0000}, Bonferroni p {BonferroniPValue:0.0000}");

    internal static void CheckP(double p, string paramName)
    {
        if (!(p >= 0 && p <= 1) && !double.IsNaN(p))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, p, "probabilities from 0 to 1, or NaN");
        }
    }
}
