using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value;

public class ClvRetentionTests
{
    [Fact]
    public void Infinite_horizon_is_m_r_over_1_plus_d_minus_r()
    {
        RetentionClv clv = Clv.RetentionBased(100, 0.8, 0.1);
        Assert.Equal(100 * 0.8 / 0.3, clv.Value, 12);
        Assert.Equal(5, clv.ExpectedLifetimePeriods, 12);
        Assert.Null(clv.Horizon);
    }

    [Property(MaxTest = 200)]
    public Property Finite_horizon_equals_the_explicit_discounted_sum() =>
        Prop.ForAll(Gen.Choose(0, 99).ToArbitrary(), Gen.Choose(-50, 200).ToArbitrary(), Gen.Choose(0, 60).ToArbitrary(), (rPct, dPct, n) =>
        {
            double r = rPct / 100.0, d = dPct / 100.0, m = 37.5;
            double explicitSum = 0;
            for (int t = 1; t <= n; t++)
            {
                explicitSum += m * Math.Pow(r, t) / Math.Pow(1 + d, t);
            }

            double value = Clv.RetentionBased(m, r, d, n).Value;
            return Math.Abs(value - explicitSum) <= 1e-9 * Math.Max(1, Math.Abs(explicitSum));
        });

    [Fact]
    public void Long_finite_horizon_converges_to_the_infinite_one_and_zero_horizon_is_zero()
    {
        Assert.Equal(Clv.RetentionBased(100, 0.8, 0.1).Value, Clv.RetentionBased(100, 0.8, 0.1, 2000).Value, 9);
        Assert.Equal(0, Clv.RetentionBased(100, 0.8, 0.1, 0).Value);
        // r / (1 + d) = 1: every period contributes m.
        Assert.Equal(1000, Clv.RetentionBased(100, 0.8, -0.2, 10).Value, 9);
    }

    [Fact]
    public void Five_point_retention_what_if()
    {
        // r 0.80 → 0.85 at d = 10 %: 100 × 0.8 / 0.3 = 266.67 → 100 × 0.85 / 0.25 = 340, +27.5 %.
        RetentionWhatIf whatIf = Clv.RetentionWhatIf(100, 0.8, 0.1);
        Assert.Equal(0.05, whatIf.RetentionGain, 12);
        Assert.Equal(340, whatIf.Improved.Value, 9);
        Assert.Equal(340 - (80 / 0.3), whatIf.ValueGain, 9);
        Assert.Equal(0.275, whatIf.RelativeValueGain, 9);
        Assert.Equal("Retention +0.05: CLV 266.67 → 340.00 (+27.5 %)", whatIf.ToString());

        RetentionWhatIf finite = Clv.RetentionWhatIf(100, 0.8, 0.1, 0.05, 3);
        Assert.Equal(3, finite.Improved.Horizon);
        Assert.True(finite.ValueGain > 0);
        Assert.True(double.IsNaN(Clv.RetentionWhatIf(100, 0, 0.1).RelativeValueGain));
    }

    [Fact]
    public void Relative_retention_what_if_is_the_other_reading_of_five_percent()
    {
        // +5 % of r = 0.80 is 0.84 (points: 0.85): 100 × 0.84 / 0.26 against 100 × 0.8 / 0.3.
        RetentionWhatIf relative = Clv.RetentionWhatIfRelative(100, 0.8, 0.1);
        Assert.Equal(0.04, relative.RetentionGain, 12);
        Assert.Equal(0.05, relative.RelativeRetentionGain, 12);
        Assert.Equal(84 / 0.26, relative.Improved.Value, 9);
        Assert.Equal(0.0625, Clv.RetentionWhatIf(100, 0.8, 0.1).RelativeRetentionGain, 12);
        Assert.Equal(12, Clv.RetentionWhatIfRelative(100, 0.8, 0.1, 0.05, 12).Improved.Horizon);
        Assert.True(double.IsNaN(Clv.RetentionWhatIfRelative(100, 0, 0.1).RelativeRetentionGain));
        Assert.Equal("relativeGain", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionWhatIfRelative(100, 0.96, 0.1)).ParamName);
        Assert.Equal("relativeGain", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionWhatIfRelative(100, 0.5, 0.1, -1.5)).ParamName);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("retentionRate", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionBased(100, 1, 0.1)).ParamName);
        Assert.Equal("retentionRate", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionBased(100, -0.1, 0.1)).ParamName);
        Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionBased(100, 0.5, -1)).ParamName);
        Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionBased(100, 0.9, -0.2)).ParamName);
        Assert.Equal("marginPerPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionBased(double.NaN, 0.5, 0.1)).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionBased(100, 0.5, 0.1, -1)).ParamName);
        Assert.Equal("retentionGain", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.RetentionWhatIf(100, 0.97, 0.1)).ParamName);
    }

    [Fact]
    public void Round_trips_through_json()
    {
        RetentionWhatIf whatIf = Clv.RetentionWhatIf(100, 0.8, 0.1, 0.05, 12);
        string json = JsonSerializer.Serialize(whatIf, CustomerMetricsJsonContext.Default.RetentionWhatIf);
        Assert.Equal(whatIf, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.RetentionWhatIf));
    }
}
