using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// The value of a retention gain: the retention-based CLV at r and at r + Δ (the literature's "5-point" what-if;
/// Reichheld &amp; Sasser 1990, <i>Zero Defections</i>, Harvard Business Review: a 5-point rise in retention lifts profits
/// by 25–95 %; Gupta, Lehmann &amp; Stuart 2004: a 1 % retention gain adds about 5 % to customer value).
/// </summary>
/// <remarks>
/// <para>"+5 % retention" is ambiguous in the sources: <see cref="RetentionGain"/> is in points (0.05 = 0.80 → 0.85) and
/// <see cref="RelativeRetentionGain"/> relative to the baseline rate; <see cref="Clv.RetentionWhatIf"/> takes points and
/// <see cref="Clv.RetentionWhatIfRelative"/> a relative gain.</para>
/// <c>default</c> (two default <see cref="RetentionClv"/>) is valid: no gain.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct RetentionWhatIf
{
    /// <summary>Creates a what-if from two CLVs of the same customer (as <see cref="Clv.RetentionWhatIf"/> does); the JSON constructor.</summary>
    /// <param name="baseline">The CLV at the current retention rate.</param>
    /// <param name="improved">The CLV at the improved retention rate: the same margin, discount rate and horizon.</param>
    /// <exception cref="ArgumentException"><paramref name="improved"/> differs from <paramref name="baseline"/> in margin, discount rate or horizon.</exception>
    [JsonConstructor]
    public RetentionWhatIf(RetentionClv baseline, RetentionClv improved)
    {
        Guard.Consistent(improved.MarginPerPeriod.Equals(baseline.MarginPerPeriod) && improved.DiscountRate.Equals(baseline.DiscountRate) &&
            improved.Horizon == baseline.Horizon, nameof(improved), $"{improved} must differ from baseline {baseline} only in the retention rate.");
        Baseline = baseline;
        Improved = improved;
    }

    /// <summary>The CLV at the current retention rate.</summary>
    public RetentionClv Baseline { get; }

    /// <summary>The CLV at the improved retention rate.</summary>
    public RetentionClv Improved { get; }

    /// <summary>The retention gain Δ in points as a fraction (0.05 = 5 points).</summary>
    public double RetentionGain => Improved.RetentionRate - Baseline.RetentionRate;

    /// <summary>The retention gain relative to the baseline rate, Δ ÷ r (0.0625 when 0.80 becomes 0.85); NaN when r is 0.</summary>
    [JsonIgnore]
    public double RelativeRetentionGain => Baseline.RetentionRate == 0 ? double.NaN : RetentionGain / Baseline.RetentionRate;

    /// <summary>Added value per customer, Improved − Baseline (money).</summary>
    public double ValueGain => Improved.Value - Baseline.Value;

    /// <summary>Added value as a fraction of the baseline (0.25 = +25 %); NaN when the baseline value is 0.</summary>
    public double RelativeValueGain => Baseline.Value == 0 ? double.NaN : ValueGain / Baseline.Value;

    /// <summary>"Retention +0.05: CLV 150.00 → 200.00 (+33.3 %)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Retention +{RetentionGain:0.####}: CLV {Baseline.Value:0.00} → {Improved.Value:0.00} ({RelativeValueGain:+0.0 %;-0.0 %})");
}
