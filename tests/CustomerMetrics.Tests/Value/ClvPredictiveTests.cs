using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Value;

public class ClvPredictiveTests
{
    [Fact]
    public void Formula_is_the_product_of_the_four_inputs()
    {
        // 2 orders a month × $45 × 30 % margin × 20 months = $540.
        PredictiveClv clv = Clv.Predictive(2, 45, 0.3, 20);
        Assert.Equal(540, clv.Value, 12);
        Assert.Equal(27, clv.MonthlyGrossProfit, 12);
        Assert.Equal("Predictive CLV 540.00 = 2 /month × 45.00 × 0.3 × 20 months", clv.ToString());
    }

    [Fact]
    public void Estimated_from_a_log()
    {
        // 6 orders, 3 customers, a 61-day window (2 × 30.5 days), $300 revenue.
        int[] ids = [1, 2, 1, 3, 1, 2];
        DateOnly start = new(2024, 3, 1), end = new(2024, 4, 30);
        DateOnly[] dates = [start, start.AddDays(3), start.AddDays(20), end, start.AddDays(40), start.AddDays(59)];
        double[] amounts = [50, 20, 80, 30, 100, 20];
        PredictiveClv clv = Clv.Predictive(ids, dates, amounts, start, end, 0.4, Churn.Lifetime(0.1));
        double months = 61 / (365.25 / 12);
        Assert.Equal(2 / months, clv.TransactionsPerMonth, 12);
        Assert.Equal(50, clv.AverageOrderValue, 12);
        Assert.Equal(2 / months * 50 * 0.4 * 10, clv.Value, 10);
    }

    [Fact]
    public void Empty_log_gives_NaN_not_zero()
    {
        PredictiveClv clv = Clv.Predictive([], [], [], new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), 0.3, 12);
        Assert.True(double.IsNaN(clv.TransactionsPerMonth));
        Assert.True(double.IsNaN(clv.AverageOrderValue));
        Assert.True(double.IsNaN(clv.Value));
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        Assert.Equal("transactionsPerMonth", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Predictive(-1, 45, 0.3, 20)).ParamName);
        Assert.Equal("averageOrderValue", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Predictive(1, double.NaN, 0.3, 20)).ParamName);
        Assert.Equal("averageGrossMargin", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Predictive(1, 45, 30, 20)).ParamName);
        Assert.Equal("averageLifetimeMonths", Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Predictive(1, 45, 0.3, 0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Predictive(1, 45, 0.3, double.PositiveInfinity));

        DateOnly start = new(2024, 1, 1), end = new(2024, 1, 31);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Predictive([1, 2], [start, end.AddDays(1)], [1, 1], start, end, 0.3, 12));
        Assert.Contains("dates[1] is 2024-02-01", outside.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Clv.Predictive([1], [start], [1], end, start, 0.3, 12));
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Predictive([1, 2], [start, end], [1, double.NaN], start, end, 0.3, 12));
        Assert.Contains("amounts[1]", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trips_through_json()
    {
        PredictiveClv clv = Clv.Predictive(2, 45, 0.3, 20);
        string json = JsonSerializer.Serialize(clv, CustomerMetricsJsonContext.Default.PredictiveClv);
        Assert.Equal(clv, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.PredictiveClv));
    }
}
