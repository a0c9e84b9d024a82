using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions;

public class ChurnTests
{
    // One data set, the vendors' conventions side by side: 100 customers at start, 25 acquired, 10 lost.
    [Fact]
    public void Conventions_side_by_side_on_one_data_set()
    {
        Assert.Equal(0.10, Churn.Rate(100, 10, 25, ChurnDenominator.StartOfPeriod), 15); // ChartMogul, Baremetrics
        Assert.Equal(0.08, Churn.Rate(100, 10, 25, ChurnDenominator.StartPlusNew), 15);  // Stripe: 10 / 125
        Assert.Equal(0.90, Retention.CustomerRetentionRate(100, 115, 25), 15);          // (115 − 25) / 100
    }

    [Fact]
    public void Start_of_period_churn_can_exceed_one_when_new_customers_also_leave()
    {
        Assert.Equal(1.5, Churn.Rate(10, 15, 10, ChurnDenominator.StartOfPeriod));
        Assert.Equal(0.75, Churn.Rate(10, 15, 10, ChurnDenominator.StartPlusNew));
    }

    [Fact]
    public void Zero_denominator_is_nan_not_zero()
    {
        Assert.True(double.IsNaN(Churn.Rate(0, 0, 0, ChurnDenominator.StartOfPeriod)));
        Assert.True(double.IsNaN(Churn.Rate(0, 0, 5, ChurnDenominator.StartOfPeriod)));
        Assert.True(double.IsNaN(Churn.Rate(0, 0, 0, ChurnDenominator.StartPlusNew)));
        Assert.Equal(0.2, Churn.Rate(0, 1, 5, ChurnDenominator.StartPlusNew));
    }

    [Fact]
    public void Bad_counts_throw_naming_the_argument_and_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Rate(10, 11, 0, ChurnDenominator.StartOfPeriod));
        Assert.Equal("customersLost", e.ParamName);
        Assert.Contains("11", e.Message, StringComparison.Ordinal);
        Assert.Equal("customersAtStart", Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Rate(-1, 0, 0, ChurnDenominator.StartOfPeriod)).ParamName);
        Assert.Equal("customersAcquired", Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Rate(1, 0, -3, ChurnDenominator.StartOfPeriod)).ParamName);
        Assert.Equal("denominator", Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Rate(1, 0, 0, (ChurnDenominator)7)).ParamName);
    }

    [Fact]
    public void Monthly_and_annual_conversions_match_the_closed_forms()
    {
        // 1 − 0.95¹² = 0.459639912...
        Assert.Equal(1 - Math.Pow(0.95, 12), Churn.AnnualFromMonthly(0.05), 15);
        Assert.Equal(0.4596399, Churn.AnnualFromMonthly(0.05), 6);
        // 1 − 0.5^(1/12) = 0.056125687...
        Assert.Equal(0.0561257, Churn.MonthlyFromAnnual(0.5), 6);
        Assert.Equal(0.05, Churn.MonthlyFromAnnual(Churn.AnnualFromMonthly(0.05)), 14);
        Assert.Equal(1 - Math.Pow(0.9, 3), Churn.Compound(0.1, 3), 15);
        Assert.Equal(0.1, Churn.PerPeriod(Churn.Compound(0.1, 3), 3), 14);
        Assert.Equal(0, Churn.AnnualFromMonthly(0));
        Assert.Equal(1, Churn.AnnualFromMonthly(1));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Compound_and_per_period_are_inverse(int rawRate, int rawPeriods)
    {
        double rate = (Math.Abs(rawRate % 999) + 1) / 1000.0; // 0.001 .. 0.999
        double periods = (Math.Abs(rawPeriods % 48) + 1) / 2.0;
        double compounded = Churn.Compound(rate, periods);
        return compounded is >= 0 and <= 1 && Math.Abs(Churn.PerPeriod(compounded, periods) - rate) < 1e-9;
    }

    [Fact]
    public void Conversions_reject_rates_outside_zero_one_and_bad_periods()
    {
        Assert.Equal("monthlyRate", Assert.Throws<ArgumentOutOfRangeException>(() => Churn.AnnualFromMonthly(1.2)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Churn.AnnualFromMonthly(double.NaN));
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Compound(0.1, 0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Compound(0.1, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Churn.PerPeriod(-0.1, 12));
    }

    [Fact]
    public void Lifetime_is_one_over_churn_and_zero_churn_throws()
    {
        Assert.Equal(20, Churn.Lifetime(0.05), 12);
        Assert.Equal(1, Churn.Lifetime(1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Lifetime(0));
        Assert.Contains("unbounded", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Lifetime(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Churn.Lifetime(1.5));
    }
}
