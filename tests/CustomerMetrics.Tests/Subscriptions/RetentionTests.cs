using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Tests.Subscriptions;

public class RetentionTests
{
    [Fact]
    public void Customer_retention_rate_is_end_minus_new_over_start()
    {
        Assert.Equal(0.8, Retention.CustomerRetentionRate(50, 55, 15), 15);
        Assert.Equal(1, Retention.CustomerRetentionRate(50, 50, 0));
        Assert.Equal(0, Retention.CustomerRetentionRate(50, 15, 15));
        Assert.True(double.IsNaN(Retention.CustomerRetentionRate(0, 3, 3)));
    }

    [Fact]
    public void Customer_retention_rate_rejects_impossible_counts()
    {
        Assert.Equal("customersAtEnd", Assert.Throws<ArgumentOutOfRangeException>(() => Retention.CustomerRetentionRate(10, 5, 6)).ParamName);
        Assert.Equal("customersAtEnd", Assert.Throws<ArgumentOutOfRangeException>(() => Retention.CustomerRetentionRate(10, 21, 10)).ParamName);
        Assert.Equal("customersAtStart", Assert.Throws<ArgumentOutOfRangeException>(() => Retention.CustomerRetentionRate(-1, 0, 0)).ParamName);
    }

    // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (score, no continuity correction).
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    public void Newcombe_interval_reproduces_the_published_examples(int r1, int n1, int r2, int n2, double lower, double upper)
    {
        ConfidenceInterval ci = Retention.Compare(r1, n1, r2, n2).DifferenceInterval(0.95);
        Assert.Equal(lower, ci.Lower, 4);
        Assert.Equal(upper, ci.Upper, 4);
        Assert.Equal(0.95, ci.ConfidenceLevel);
    }

    [Fact]
    public void P_value_equals_the_pearson_chi_square_test_of_the_two_by_two_table()
    {
        var comparison = Retention.Compare(56, 70, 48, 80);
        // Independent oracle: Pearson χ² of the 2 × 2 table (no continuity correction), 1 degree of freedom.
        double[,] observed = { { 56, 14 }, { 48, 32 } };
        double total = 150, chi2 = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 2; c++)
            {
                double expected = (observed[r, 0] + observed[r, 1]) * (observed[0, c] + observed[1, c]) / total;
                chi2 += Math.Pow(observed[r, c] - expected, 2) / expected;
            }
        }

        Assert.Equal(chi2, comparison.ZScore * comparison.ZScore, 10);
        Assert.Equal(1 - ChiSquared.CDF(1, chi2), comparison.PValue, 10);
        Assert.Equal(0.2, comparison.Difference, 12);
        Assert.True(comparison.DifferenceInterval().Contains(comparison.Difference));
    }

    [Fact]
    public void Empty_groups_give_nan_not_zero()
    {
        var comparison = Retention.Compare(0, 0, 5, 10);
        Assert.True(double.IsNaN(comparison.RateA));
        Assert.True(double.IsNaN(comparison.Difference));
        Assert.True(double.IsNaN(comparison.PValue));
        Assert.True(double.IsNaN(comparison.DifferenceInterval().Lower));
        Assert.True(double.IsNaN(default(RetentionComparison).DifferenceInterval().Upper));
        // All retained in both groups: the z test is undefined.
        Assert.True(double.IsNaN(Retention.Compare(5, 5, 7, 7).ZScore));
    }

    [Fact]
    public void Compare_rejects_bad_counts_by_name()
    {
        Assert.Equal("retainedA", Assert.Throws<ArgumentOutOfRangeException>(() => Retention.Compare(6, 5, 1, 2)).ParamName);
        Assert.Equal("customersB", Assert.Throws<ArgumentOutOfRangeException>(() => Retention.Compare(1, 5, 0, -2)).ParamName);
        Assert.Equal("retainedB", Assert.Throws<ArgumentOutOfRangeException>(() => Retention.Compare(1, 5, -1, 2)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Retention.Compare(1, 5, 1, 2).DifferenceInterval(1));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Merge_is_associative_commutative_with_identity_and_interval_contains_difference(int a, int b, int c)
    {
        static RetentionComparison Make(int seed)
        {
            var random = new Random(seed);
            int n1 = random.Next(1, 500), n2 = random.Next(1, 500);
            return Retention.Compare(random.Next(0, n1 + 1), n1, random.Next(0, n2 + 1), n2);
        }

        RetentionComparison x = Make(a), y = Make(b), z = Make(c);
        ConfidenceInterval ci = (x + y).DifferenceInterval(0.9);
        return (x + y) + z == x + (y + z) && x + y == y + x && x + default(RetentionComparison) == x
            && ci.Contains((x + y).Difference) && ci.Lower >= -1 && ci.Upper <= 1;
    }

    [Fact]
    public void Json_round_trip_and_readable_text()
    {
        var comparison = Retention.Compare(56, 70, 48, 80);
        string json = JsonSerializer.Serialize(comparison, CustomerMetricsJsonContext.Default.RetentionComparison);
        Assert.Equal(comparison, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.RetentionComparison));
        Assert.Equal("A 80.0 % (56/70) vs B 60.0 % (48/80): +20.0 pts [5.2, 33.4] (95 %), p = 0.00805", comparison.ToString());
    }
}
