using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions;

public class MrrMovementsTests
{
    // The design guide's worked example: start 100, churned 10, contraction 10, expansion 10 → gross 20 %, net 10 %.
    [Fact]
    public void Worked_example_gross_twenty_net_ten_percent()
    {
        decimal[] previous = [10m, 40m, 50m];
        decimal[] current = [0m, 30m, 60m];
        MrrMovements<decimal> m = MrrMovements.Between(previous, current);
        Assert.Equal(100m, m.StartingMrr);
        Assert.Equal(10m, m.ChurnedMrr);
        Assert.Equal(10m, m.ContractionMrr);
        Assert.Equal(10m, m.ExpansionMrr);
        Assert.Equal(0.20, m.GrossMrrChurn, 15);
        Assert.Equal(0.10, m.NetMrrChurn, 15);
        Assert.False(m.IsNegativeChurn);
        Assert.Equal(0.90, m.NetRevenueRetention, 15);
        Assert.Equal(0.80, m.GrossRevenueRetention, 15);
        Assert.Equal(0.5, m.QuickRatio, 15);
        Assert.Equal(45, m.Arpa, 12);

        MrrMovements<double> d = MrrMovements.Between([10.0, 40, 50], [0.0, 30, 60]);
        Assert.Equal(0.20, d.GrossMrrChurn, 15);
        Assert.Equal(0.10, d.NetMrrChurn, 15);
    }

    [Fact]
    public void Negative_churn_when_expansion_outweighs_losses()
    {
        MrrMovements<decimal> m = MrrMovements.Between([100m, 100m, 0m], [95m, 120m, 50m]);
        Assert.Equal(-0.075, m.NetMrrChurn, 15); // (0 + 5 − 20) / 200
        Assert.True(m.IsNegativeChurn);
        Assert.Equal(1.075, m.NetRevenueRetention, 15);
        Assert.Equal(0.975, m.GrossRevenueRetention, 15);
        Assert.Equal(14, m.QuickRatio, 12); // (50 + 20) / 5
    }

    [Fact]
    public void Each_class_is_recognised_and_reactivation_needs_the_flag()
    {
        decimal[] previous = [0m, 0m, 5m, 5m, 5m, 5m, 0m];
        decimal[] current = [3m, 4m, 0m, 7m, 2m, 5m, 0m];
        bool[] was = [false, true, true, false, false, false, true];
        MrrMovements<decimal> m = MrrMovements.Between(previous, current, was);
        Assert.Equal((1L, 1L, 1L, 1L, 1L, 2L, 1L),
            (m.NewCustomers, m.ReactivatedCustomers, m.ChurnedCustomers, m.ExpansionCustomers, m.ContractionCustomers, m.UnchangedCustomers, m.InactiveCustomers));
        Assert.Equal((3m, 4m, 5m, 2m, 3m), (m.NewMrr, m.ReactivationMrr, m.ChurnedMrr, m.ExpansionMrr, m.ContractionMrr));
        Assert.Equal(4, m.CustomersAtStart);
        Assert.Equal(5, m.CustomersAtEnd);
        Assert.Equal(7, m.Customers);

        MrrMovements<decimal> withoutFlags = MrrMovements.Between(previous, current);
        Assert.Equal(2, withoutFlags.NewCustomers);
        Assert.Equal(0, withoutFlags.ReactivatedCustomers);

        MrrMovements<double> d = MrrMovements.Between(Array.ConvertAll(previous, v => (double)v), Array.ConvertAll(current, v => (double)v), was);
        Assert.Equal(m.ReactivatedCustomers, d.ReactivatedCustomers);
        Assert.Equal((double)m.ReactivationMrr, d.ReactivationMrr);
    }

    [Fact]
    public void Empty_input_is_the_identity_with_nan_ratios()
    {
        MrrMovements<decimal> m = MrrMovements.Between(ReadOnlySpan<decimal>.Empty, ReadOnlySpan<decimal>.Empty);
        Assert.Equal(default, m);
        Assert.Equal(default, MrrMovements.Between(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
        Assert.True(double.IsNaN(m.GrossMrrChurn));
        Assert.True(double.IsNaN(m.NetMrrChurn));
        Assert.True(double.IsNaN(m.NetRevenueRetention));
        Assert.True(double.IsNaN(m.GrossRevenueRetention));
        Assert.True(double.IsNaN(m.QuickRatio));
        Assert.True(double.IsNaN(m.Arpa));
        Assert.False(m.IsNegativeChurn);
        // Only new customers: no starting MRR, nothing lost.
        MrrMovements<decimal> onlyNew = MrrMovements.Between([0m], [10m]);
        Assert.True(double.IsNaN(onlyNew.GrossMrrChurn));
        Assert.True(double.IsNaN(onlyNew.QuickRatio));
        Assert.Equal(10, onlyNew.Arpa);
    }

    [Fact]
    public void Bad_input_names_span_index_and_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MrrMovements.Between([1m, 2m, -3m], [1m, 2m, 3m]));
        Assert.Equal("previous", e.ParamName);
        Assert.Contains("previous[2] is -3", e.Message, StringComparison.Ordinal);
        var f = Assert.Throws<ArgumentOutOfRangeException>(() => MrrMovements.Between([1.0, 2], [1.0, double.NaN]));
        Assert.Equal("current", f.ParamName);
        Assert.Contains("current[1] is NaN", f.Message, StringComparison.Ordinal);
        var g = Assert.Throws<ArgumentException>(() => MrrMovements.Between([1.0, 2], [1.0]));
        Assert.Equal("previous", g.ParamName);
        var h = Assert.Throws<ArgumentException>(() => MrrMovements.Between([1m, 2m], [1m, 2m], [true]));
        Assert.Equal("wasCustomerBefore", h.ParamName);
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool Six_classes_partition_customers_and_changes_sum_to_end_minus_start(int seed, byte rawLength)
    {
        (double[] p, double[] c, bool[] w) = MrrData.Generate(seed, rawLength * 3);
        MrrMovements<decimal> m = MrrMovements.Between(MrrData.ToDecimal(p), MrrData.ToDecimal(c), w);
        MrrMovements<double> d = MrrMovements.Between(p, c, w);
        return m.Customers == p.Length
            && m.NetNewMrr == m.EndingMrr - m.StartingMrr
            && d.NetNewMrr == d.EndingMrr - d.StartingMrr // exact: multiples of 0.5
            && m.CustomersAtStart == p.Count(v => v > 0)
            && m.CustomersAtEnd == c.Count(v => v > 0)
            && (m.StartingMrr == 0 || (m.GrossRevenueRetention <= 1 && m.GrossMrrChurn >= 0))
            && (m.StartingMrr == 0 || Math.Abs(m.NetRevenueRetention - (1 - m.NetMrrChurn - (double)(m.ReactivationMrr / m.StartingMrr))) < 1e-12)
            && (m.ReactivationMrr != 0 || m.StartingMrr == 0 || Math.Abs(m.NetRevenueRetention - (1 - m.NetMrrChurn)) < 1e-12);
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool Decimal_and_double_paths_agree(int seed, byte rawLength)
    {
        (double[] p, double[] c, bool[] w) = MrrData.Generate(seed, rawLength * 5);
        MrrMovements<decimal> m = MrrMovements.Between(MrrData.ToDecimal(p), MrrData.ToDecimal(c), w);
        MrrMovements<double> d = MrrMovements.Between(p, c, w);
        return (double)m.StartingMrr == d.StartingMrr && (double)m.EndingMrr == d.EndingMrr
            && (double)m.NewMrr == d.NewMrr && (double)m.ExpansionMrr == d.ExpansionMrr
            && (double)m.ContractionMrr == d.ContractionMrr && (double)m.ChurnedMrr == d.ChurnedMrr
            && (double)m.ReactivationMrr == d.ReactivationMrr
            && (m.NewCustomers, m.ExpansionCustomers, m.ContractionCustomers, m.ChurnedCustomers, m.ReactivatedCustomers, m.UnchangedCustomers, m.InactiveCustomers)
            == (d.NewCustomers, d.ExpansionCustomers, d.ContractionCustomers, d.ChurnedCustomers, d.ReactivatedCustomers, d.UnchangedCustomers, d.InactiveCustomers);
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool Merge_of_parts_equals_the_whole_and_obeys_the_laws(int seed, byte rawLength, byte rawSplit)
    {
        (double[] p, double[] c, bool[] w) = MrrData.Generate(seed, rawLength * 2);
        decimal[] dp = MrrData.ToDecimal(p), dc = MrrData.ToDecimal(c);
        int split = p.Length == 0 ? 0 : rawSplit % (p.Length + 1);
        int split2 = (split + p.Length) / 2;
        MrrMovements<decimal> whole = MrrMovements.Between(dp, dc, w);
        MrrMovements<decimal> a = MrrMovements.Between(dp.AsSpan(0, split), dc.AsSpan(0, split), w.AsSpan(0, split));
        MrrMovements<decimal> b = MrrMovements.Between(dp.AsSpan(split, split2 - split), dc.AsSpan(split, split2 - split), w.AsSpan(split, split2 - split));
        MrrMovements<decimal> z = MrrMovements.Between(dp.AsSpan(split2), dc.AsSpan(split2), w.AsSpan(split2));
        MrrMovements<double> wholeD = MrrMovements.Between(p, c, w);
        MrrMovements<double> aD = MrrMovements.Between(p.AsSpan(0, split), c.AsSpan(0, split), w.AsSpan(0, split));
        MrrMovements<double> restD = MrrMovements.Between(p.AsSpan(split), c.AsSpan(split), w.AsSpan(split));
        return a + b + z == whole && (a + b) + z == a + (b + z) && a + b == b + a
            && a + default(MrrMovements<decimal>) == a && aD + restD == wholeD;
    }

    [Fact]
    public void Double_sums_are_pairwise_accurate_on_a_million_customers()
    {
        // 10⁶ customers at 0.1 each: a naive running sum drifts by ~1e-6 relative; pairwise stays near 1e-12.
        var previous = new double[1_000_000];
        var current = new double[previous.Length];
        Array.Fill(previous, 0.1);
        Array.Fill(current, 0.1 + 0.2);
        MrrMovements<double> m = MrrMovements.Between(previous, current);
        decimal exactStart = 0.1m * previous.Length;
        Assert.True(Math.Abs(m.StartingMrr - (double)exactStart) / (double)exactStart < 1e-13);
        Assert.Equal(previous.Length, m.ExpansionCustomers);
    }

    [Fact]
    public void Json_round_trips_both_money_types_and_text_reads_well()
    {
        MrrMovements<decimal> m = MrrMovements.Between([10m, 40m, 50m, 0m], [0m, 30m, 60m, 5m]);
        string json = JsonSerializer.Serialize(m, CustomerMetricsJsonContext.Default.MrrMovementsDecimal);
        Assert.Equal(m, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.MrrMovementsDecimal));
        MrrMovements<double> d = MrrMovements.Between([10.1, 40, 50], [0.0, 30, 60.3]);
        string jsonD = JsonSerializer.Serialize(d, CustomerMetricsJsonContext.Default.MrrMovementsDouble);
        Assert.Equal(d, JsonSerializer.Deserialize(jsonD, CustomerMetricsJsonContext.Default.MrrMovementsDouble));
        string text = m.ToString();
        Assert.Contains("MRR 100 -> 95 (3 -> 3 customers)", text, StringComparison.Ordinal);
        Assert.Contains("gross MRR churn 20.00 %", text, StringComparison.Ordinal);
    }
}
