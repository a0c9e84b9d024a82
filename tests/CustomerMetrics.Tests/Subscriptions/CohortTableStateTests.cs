using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions;

public class CohortTableStateTests
{
    private static CohortTable Table(long[] sizes, long[] active, double[] revenue) =>
        new(10, 10 + sizes.Length - 1, [.. sizes], [.. active], [.. revenue]);

    [Fact]
    public void More_active_than_the_cohort_is_rejected()
    {
        // A cohort of 1 with 5 active customers would have logo retention 5.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Table([1], [5], [0]));
        Assert.Equal("activeCustomers", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Table([2, 1], [2, 3, 1, 0], [1, 1, 1, 0]));
    }

    [Fact]
    public void Unobserved_cells_must_be_empty_and_revenue_needs_a_customer()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Table([2, 1], [2, 1, 1, 1], [1, 1, 1, 0]));   // cohort 11, age 1 is after the window
        Assert.Throws<ArgumentOutOfRangeException>(() => Table([2, 1], [2, 0, 1, 0], [1, 5, 1, 0]));   // revenue with nobody active
        Assert.Throws<ArgumentOutOfRangeException>(() => Table([-1], [0], [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Table([1], [1], [double.NaN]));
        Assert.Equal(0.5, Table([2, 1], [2, 1, 1, 0], [1, 1, 1, 0]).LogoRetention(10, 1));
    }

    [Fact]
    public void Json_round_trips_and_a_missing_field_is_an_error()
    {
        CohortTable table = Table([2, 1], [2, 1, 1, 0], [10, 5, 7, 0]);
        foreach (CohortTable t in new[] { table, default })
        {
            string json = JsonSerializer.Serialize(t, CustomerMetricsJsonContext.Default.CohortTable);
            Assert.Equal(t, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.CohortTable));
        }

        string missing = """{"firstCohort":10,"observedThrough":11,"activeCustomers":[2,1,1,0],"revenue":[10,5,7,0]}""";
        // Without cohortSizes the cells disagree with the window: an ArgumentException today, a JsonException once the
        // context requires every constructor parameter.
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize(missing, CustomerMetricsJsonContext.Default.CohortTable));
        string lying = """{"firstCohort":10,"observedThrough":10,"cohortSizes":[1],"activeCustomers":[5],"revenue":[1]}""";
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize(lying, CustomerMetricsJsonContext.Default.CohortTable));
    }

    [Fact]
    public void Average_revenue_curve_leaves_out_cohorts_with_no_first_period_revenue_from_both_sides()
    {
        // Cohort 10: revenue 100 -> 80 -> 60. Cohort 11: a free first month (0), then 50 at age 1. Cohort 12: 40.
        CohortTable table = Table([4, 5, 2], [4, 3, 2, 5, 5, 0, 2, 0, 0], [100, 80, 60, 0, 50, 0, 40, 0, 0]);
        double[] curve = table.AverageRevenueRetentionCurve();
        Assert.Equal(1.0, curve[0], 12);
        Assert.Equal(80.0 / 100, curve[1], 12);  // cohort 11 (no base) is out of numerator and denominator alike
        Assert.Equal(60.0 / 100, curve[2], 12);
        Assert.True(double.IsNaN(table.RevenueRetention(11, 1)));
    }

    [Fact]
    public void Cumulative_revenue_per_customer_is_the_cohorts_realised_ltv()
    {
        CohortTable table = Table([4, 5, 2], [4, 3, 2, 5, 5, 0, 2, 0, 0], [100, 80, 60, 0, 50, 0, 40, 0, 0]);
        Assert.Equal((100.0 + 80 + 60) / 4, table.CumulativeRevenuePerCustomer(10, 2), 12);
        Assert.Equal(50.0 / 5, table.CumulativeRevenuePerCustomer(11, 1), 12);
        double[] average = table.AverageCumulativeRevenuePerCustomer();
        Assert.Equal((100.0 + 0 + 40) / 11, average[0], 12);
        Assert.Equal((180.0 + 50) / 9, average[1], 12);
        Assert.Equal(240.0 / 4, average[2], 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.CumulativeRevenuePerCustomer(12, 1));
    }
}
