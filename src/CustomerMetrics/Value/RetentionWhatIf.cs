using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// The value of a retention gain: the retention-based CLV at r and at r + Δ (the literature's "5-point" what-if;
/// Reichheld &amp; Sasser 1990, <i>Zero Defections</i>, Harvard Business Review: a 5-point rise in retention lifts profits
/// by 25–95 %; Gupta, Lehmann &amp; Stuart 2004: a 1 % retention gain adds about 5 % to customer value).
/// </summary>
/// <param name="Baseline">The CLV at the current retention rate.</param>
/// <param name="Improved">The CLV at the improved retention rate.</param>
public readonly record struct RetentionWhatIf(RetentionClv Baseline, RetentionClv Improved)
{
    /// <summary>The retention gain Δ in points as a fraction (0.05 = 5 points).</summary>
    public double RetentionGain => Improved.RetentionRate - Baseline.RetentionRate;

    /// <summary>Added value per customer, Improved − Baseline (money).</summary>
    public double ValueGain => Improved.Value - Baseline.Value;

    /// <summary>Added value as a fraction of the baseline (0.25 = +25 %); NaN when the baseline value is 0.</summary>
    public double RelativeValueGain => Baseline.Value == 0 ? double.NaN : ValueGain / Baseline.Value;

    /// <summary>"Retention +0.05: CLV 150.00 → 200.00 (+33.3 %)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Retention +{RetentionGain:0.####}: CLV {Baseline.Value:0.00} → {Improved.Value:0.00} ({RelativeValueGain:+0.0 %;-0.0 %})");
}
