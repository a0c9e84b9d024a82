using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value;

public class ClvHistoricalTests
{
    [Fact]
    public void Decimal_is_the_margin_on_the_exact_revenue()
    {
        HistoricalClv<decimal> clv = Clv.Historical([19.99m, 5.01m, 75.00m, -10.00m], 0.3m);
        Assert.Equal(4, clv.Transactions);
        Assert.Equal(90.00m, clv.Revenue);
        Assert.Equal(27.000m, clv.Value);
        Assert.Equal(22.5m, clv.AverageOrderValue);
        Assert.Equal(0.3, clv.AverageGrossMargin, 15);
    }

    [Fact]
    public void Empty_input_is_zero_value_and_undefined_ratios()
    {
        HistoricalClv<decimal> clv = Clv.Historical(ReadOnlySpan<decimal>.Empty, 0.5m);
        Assert.Equal(default, clv);
        Assert.Null(clv.AverageOrderValue);
        Assert.True(double.IsNaN(clv.AverageGrossMargin));
        HistoricalClv<double> fast = Clv.Historical(ReadOnlySpan<double>.Empty, 0.5);
        Assert.Equal(0, fast.Value);
        Assert.Null(fast.AverageOrderValue);
        Assert.True(double.IsNaN(fast.AverageGrossMargin));
    }

    [Fact]
    public void Double_path_is_exact_on_alternating_large_plus_and_minus_amounts()
    {
        // 1e15, 0.37, −1e15 repeated: a naive or pairwise sum loses the cents entirely.
        const int triples = 100_003;
        var amounts = new double[3 * triples];
        var exact = new decimal[3 * triples];
        for (int i = 0; i < triples; i++)
        {
            double big = i % 2 == 0 ? 1e15 : 3e14;
            amounts[3 * i] = big;
            amounts[(3 * i) + 1] = 0.37;
            amounts[(3 * i) + 2] = -big;
            exact[3 * i] = (decimal)big;
            exact[(3 * i) + 1] = 0.37m;
            exact[(3 * i) + 2] = -(decimal)big;
        }

        decimal reference = Clv.Historical(exact, 1m).Revenue;
        double naive = 0;
        foreach (double a in amounts)
        {
            naive += a;
        }

        double fast = Clv.Historical(amounts, 1).Revenue;
        Assert.Equal(0.37m * triples, reference);
        Assert.True(Math.Abs(naive - (double)reference) > 1, "the adversarial data must defeat a naive sum");
        Assert.True(Math.Abs(fast - (double)reference) <= 1e-12 * (double)reference, $"{fast} vs {reference}");

        HistoricalClvByCustomer<double> perCustomer = Clv.Historical(new int[amounts.Length], amounts, 1);
        Assert.True(Math.Abs(perCustomer.Revenue[0] - (double)reference) <= 1e-12 * (double)reference);
    }

    [Fact]
    public void Bad_input_names_argument_index_and_value()
    {
        var margin = Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Historical([1m], 30m));
        Assert.Equal("averageGrossMargin", margin.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Historical([1m], -0.1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Historical([1.0], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Historical([1.0], double.NaN));

        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Historical([1.0, 2.0, double.NaN, 4.0], 0.5));
        Assert.Equal("amounts", nan.ParamName);
        Assert.Contains("amounts[2] is NaN", nan.Message, StringComparison.Ordinal);
        var inf = Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Historical([1, 2], [1.0, double.NegativeInfinity], 0.5));
        Assert.Contains("amounts[1]", inf.Message, StringComparison.Ordinal);
        Assert.Throws<OverflowException>(() => Clv.Historical([double.MaxValue, double.MaxValue], 0.5));
        Assert.Throws<ArgumentException>(() => Clv.Historical([1, 2], [1m], 0.5m));
    }

    [Fact]
    public void Per_customer_log_groups_unsorted_rows()
    {
        HistoricalClvByCustomer<decimal> r = Clv.Historical([7, 3, 7, 9, 3], [10m, 1m, 20m, 5m, 2m], 0.5m);
        Assert.Equal([3, 7, 9], r.CustomerIds.ToArray());
        Assert.Equal([2, 2, 1], r.Transactions.ToArray());
        Assert.Equal([3m, 30m, 5m], r.Revenue.ToArray());
        Assert.Equal([1.5m, 15m, 2.5m], r.Value.ToArray());
        Assert.Equal(new HistoricalClv<decimal>(5, 38m, 19m), r.Total);
        Assert.Equal(new HistoricalClv<decimal>(2, 30m, 15m), r[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => r[3]);
    }

    [Fact]
    public void Per_customer_double_log_with_sparse_ids()
    {
        HistoricalClvByCustomer<double> r = Clv.Historical([int.MaxValue, int.MinValue, int.MaxValue], [1.5, 2.0, 2.5], 0.5);
        Assert.Equal([int.MinValue, int.MaxValue], r.CustomerIds.ToArray());
        Assert.Equal([2.0, 4.0], r.Revenue.ToArray());
        Assert.Equal([1.0, 2.0], r.Value.ToArray());
        Assert.Equal(new HistoricalClv<double>(2, 4.0, 2.0), r[1]);
        Assert.Equal(new HistoricalClv<double>(3, 6.0, 3.0), r.Total);
        Assert.Throws<ArgumentOutOfRangeException>(() => r[-1]);
        Assert.Empty(Clv.Historical(ReadOnlySpan<int>.Empty, ReadOnlySpan<double>.Empty, 0.5));
    }

    public sealed record Row(int Id, long Cents);

    private static Gen<Row[]> Logs =>
        (from id in Gen.Choose(-5, 40)
         from big in Gen.Elements(1L, 1L, 1_000L, 1_000_000_000L)
         from cents in Gen.Choose(-100_000, 100_000)
         select new Row(id, cents * big)).ArrayOf();

    [Property(MaxTest = 200)]
    public Property Per_customer_sums_add_up_to_the_total() =>
        Prop.ForAll(Logs.ToArbitrary(), rows =>
        {
            HistoricalClvByCustomer<decimal> r = Clv.Historical(rows.Select(x => x.Id).ToArray(), rows.Select(x => x.Cents / 100m).ToArray(), 0.37m);
            HistoricalClv<decimal> merged = default;
            for (int i = 0; i < r.Count; i++)
            {
                merged += r[i];
            }

            decimal independent = rows.Sum(x => x.Cents / 100m);
            return merged == r.Total && r.Total.Revenue == independent && r.Total.Value == independent * 0.37m
                && r.Transactions.ToArray().Sum() == rows.Length;
        });

    [Property(MaxTest = 200)]
    public Property Double_path_is_within_1e_12_relative_of_the_decimal_path() =>
        Prop.ForAll(Logs.ToArbitrary(), rows =>
        {
            int[] ids = rows.Select(x => x.Id).ToArray();
            HistoricalClvByCustomer<decimal> exact = Clv.Historical(ids, rows.Select(x => x.Cents / 100m).ToArray(), 1m);
            double[] amounts = rows.Select(x => x.Cents / 100.0).ToArray();
            HistoricalClvByCustomer<double> fast = Clv.Historical(ids, amounts, 1.0);
            for (int i = 0; i < exact.Count; i++)
            {
                // The inputs themselves are rounded to double (½ ulp each), so the bound scales with Σ|a|.
                double scale = rows.Where(x => x.Id == exact.CustomerIds[i]).Sum(x => Math.Abs(x.Cents / 100.0));
                if (Math.Abs(fast.Revenue[i] - (double)exact.Revenue[i]) > 1e-12 * Math.Max(Math.Abs((double)exact.Revenue[i]), scale * 1e-3))
                {
                    return false;
                }
            }

            double total = Clv.Historical(amounts, 1.0).Revenue;
            return Math.Abs(total - (double)exact.Total.Revenue) <= 1e-12 * amounts.Sum(Math.Abs);
        });

    [Property(MaxTest = 100)]
    public Property Merge_is_associative_and_commutative_with_default_as_identity() =>
        Prop.ForAll(Logs.ToArbitrary(), Logs.ToArbitrary(), Logs.ToArbitrary(), (a, b, c) =>
        {
            HistoricalClv<decimal> x = Clv.Historical(a.Select(r => r.Cents / 100m).ToArray(), 0.2m);
            HistoricalClv<decimal> y = Clv.Historical(b.Select(r => r.Cents / 100m).ToArray(), 0.5m);
            HistoricalClv<decimal> z = Clv.Historical(c.Select(r => r.Cents / 100m).ToArray(), 1m);
            return (x + y) + z == x + (y + z) && x + y == y + x && x + default(HistoricalClv<decimal>) == x
                && HistoricalClv<decimal>.Add(x, y) == x + y;
        });

    [Fact]
    public void Results_round_trip_through_json()
    {
        var clv = new HistoricalClv<decimal>(3, 123.45m, 37.035m);
        string json = JsonSerializer.Serialize(clv, CustomerMetricsJsonContext.Default.HistoricalClvDecimal);
        Assert.Equal(clv, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.HistoricalClvDecimal));
        var fast = new HistoricalClv<double>(3, 123.45, 37.035);
        json = JsonSerializer.Serialize(fast, CustomerMetricsJsonContext.Default.HistoricalClvDouble);
        Assert.Equal(fast, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.HistoricalClvDouble));
        Assert.Equal("Historical CLV 37.035 (3 transactions, revenue 123.45)", clv.ToString());
        Assert.Equal("Historical CLV 37.04 (3 transactions, revenue 123.45)", fast.ToString());
    }
}
