using System.Text.Json;
using CustomerMetrics.Acquisition;
using CustomerMetrics.Serialization;

namespace CustomerMetrics.Tests.Acquisition;

public class UnitEconomicsTests
{
    // A worked example in the style of Skok's SaaS Metrics 2.0: spend 50 000 brings 100 customers (CAC 500); ARPA 100 a
    // month at 80 % gross margin with 2 % monthly churn: LTV = 100 × 0.8 / 0.02 = 4 000, LTV:CAC = 8,
    // payback = 500 / (100 × 0.8) = 6.25 months.
    [Fact]
    public void Worked_example()
    {
        double cac = UnitEconomics.Cac(50_000m, 100);
        Assert.Equal(500, cac);
        double ltv = UnitEconomics.SimpleLtv(100, 0.8, 0.02);
        Assert.Equal(4000, ltv, 9);
        Assert.Equal(8, UnitEconomics.LtvToCac(ltv, cac), 12);
        Assert.True(UnitEconomics.LtvToCac(ltv, cac) >= UnitEconomics.HealthyLtvToCac);
        Assert.Equal(6.25, UnitEconomics.CacPaybackMonths(cac, 100, 0.8), 12);
        Assert.Equal(5, UnitEconomics.AcquisitionToRetentionCostRatio(500, 100));
    }

    [Fact]
    public void Zero_new_customers_gives_nan_cac_never_zero_or_infinity()
    {
        Assert.True(double.IsNaN(UnitEconomics.Cac(1000m, 0)));
        Assert.True(double.IsNaN(UnitEconomics.Cac(0m, 0)));
        Assert.True(double.IsNaN(default(AcquisitionCost).Cac));
        Assert.Equal(0, UnitEconomics.Cac(0m, 10));
    }

    [Fact]
    public void Zero_churn_margin_arpa_or_cost_throw_and_say_why()
    {
        Assert.Contains("unbounded", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.SimpleLtv(100, 0.8, 0)).Message, StringComparison.Ordinal);
        Assert.Equal(0, UnitEconomics.SimpleLtv(100, 0, 0.1)); // no margin: a real lifetime value of 0
        var payback = Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.CacPaybackMonths(500, 100, 0));
        Assert.Equal("grossMargin", payback.ParamName);
        Assert.Contains("never paid back", payback.Message, StringComparison.Ordinal);
        Assert.Equal("arpa", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.CacPaybackMonths(500, 0, 0.8)).ParamName);
        Assert.Equal("cac", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.LtvToCac(4000, 0)).ParamName);
        Assert.Equal("costToRetain", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.AcquisitionToRetentionCostRatio(500, 0)).ParamName);
    }

    [Fact]
    public void Bad_inputs_throw_naming_the_argument()
    {
        Assert.Equal("spend", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.Cac(-1m, 5)).ParamName);
        Assert.Equal("newCustomers", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.Cac(1m, -5)).ParamName);
        Assert.Equal("arpa", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.SimpleLtv(double.NaN, 0.8, 0.1)).ParamName);
        Assert.Equal("grossMargin", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.SimpleLtv(1, 1.5, 0.1)).ParamName);
        Assert.Equal("churnRate", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.SimpleLtv(1, 0.5, 1.1)).ParamName);
        Assert.Equal("ltv", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.LtvToCac(double.PositiveInfinity, 1)).ParamName);
        Assert.Equal("cac", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.CacPaybackMonths(-1, 1, 1)).ParamName);
        Assert.Equal("costToAcquire", Assert.Throws<ArgumentOutOfRangeException>(() => UnitEconomics.AcquisitionToRetentionCostRatio(double.NaN, 1)).ParamName);
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Acquisition_costs_merge_into_the_customer_weighted_blend(int spendA, int customersA, int spendB, int customersB)
    {
        var a = AcquisitionCost.Create(Math.Abs((long)spendA), Math.Abs((long)customersA % 1000));
        var b = AcquisitionCost.Create(Math.Abs((long)spendB), Math.Abs((long)customersB % 1000));
        var c = AcquisitionCost.Create(7, 3);
        AcquisitionCost merged = a + b;
        bool blend = merged.NewCustomers == 0
            ? double.IsNaN(merged.Cac)
            : Math.Abs(merged.Cac - (double)((a.Spend + b.Spend) / (a.NewCustomers + b.NewCustomers))) <= 1e-12 * Math.Max(1, merged.Cac);
        return blend && a + b == b + a && (a + b) + c == a + (b + c) && a + default(AcquisitionCost) == a;
    }

    [Fact]
    public void Json_round_trip_and_text()
    {
        var cost = AcquisitionCost.Create(25_000.50m, 100);
        string json = JsonSerializer.Serialize(cost, CustomerMetricsJsonContext.Default.AcquisitionCost);
        Assert.Equal(cost, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.AcquisitionCost));
        Assert.Equal("CAC 250.01 (spend 25000.50 / 100 new customers)", cost.ToString());
    }
}
