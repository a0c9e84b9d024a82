using System.Text.Json;
using CustomerMetrics.Internal;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CustomerMetrics.Tests.Surveys.Planning;

public class TwoGroupComparisonTests
{
    private static CsatResult Satisfied(long satisfied, long count) => new(5, 2, [0, 0, count - satisfied, satisfied, 0]);

    // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10: the published bounds.
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    public void Csat_difference_interval_reproduces_newcombes_published_examples(int x1, int n1, int x2, int n2, double lower, double upper)
    {
        CsatComparison comparison = Csat.Compare(Satisfied(x1, n1), Satisfied(x2, n2));
        ConfidenceInterval ci = comparison.DifferenceInterval(0.95);
        Assert.Equal(lower, ci.Lower, 4);
        Assert.Equal(upper, ci.Upper, 4);
        Assert.Equal(((double)x1 / n1) - ((double)x2 / n2), comparison.Difference, 12);
    }

    [Fact]
    public void Csat_p_value_is_pearsons_chi_square_of_the_two_by_two_table()
    {
        CsatComparison comparison = Csat.Compare(Satisfied(56, 70), Satisfied(48, 80));
        double[,] observed = { { 56, 14 }, { 48, 32 } };
        double total = 150, chi2 = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 2; c++)
            {
                double expected = (observed[r, 0] + observed[r, 1]) * (observed[0, c] + observed[1, c]) / total;
                chi2 += (observed[r, c] - expected) * (observed[r, c] - expected) / expected;
            }
        }

        Assert.Equal(1 - ChiSquared.CDF(1, chi2), comparison.PValue, 10);
        Assert.Equal(chi2, comparison.ZScore * comparison.ZScore, 9);
    }

    [Fact]
    public void Retention_and_csat_share_one_newcombe_implementation()
    {
        var retention = new CustomerMetrics.Subscriptions.RetentionComparison(56, 70, 48, 80);
        CsatComparison csat = Csat.Compare(Satisfied(56, 70), Satisfied(48, 80));
        Assert.Equal(retention.DifferenceInterval(0.9), csat.DifferenceInterval(0.9));
        Assert.Equal(retention.PValue, csat.PValue);
    }

    [Fact]
    public void Welch_reproduces_the_published_sleep_data_example()
    {
        // Student's sleep data (Cushny & Peebles 1905), R's t.test(extra ~ group, data = sleep) (Welch):
        // t = −1.8608, df = 17.776, p-value = 0.07939, 95 % CI −3.3654832 to 0.2054832.
        double[] a = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        double[] b = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
        (double se, double df) = Stats.Welch(a.Variance(), a.Length, b.Variance(), b.Length);
        double difference = a.Mean() - b.Mean();
        Assert.Equal(-1.8608, difference / se, 4);
        Assert.Equal(17.776, df, 3);
        Assert.Equal(0.07939, Stats.TwoSidedTPValue(difference / se, df), 5);
        double halfWidth = Stats.TwoSidedT(0.95, df) * se;
        Assert.Equal(-3.3654832, difference - halfWidth, 6);
        Assert.Equal(0.2054832, difference + halfWidth, 6);
    }

    [Fact]
    public void Ces_comparison_matches_a_direct_welch_computation_on_the_raw_ratings()
    {
        var random = new Random(3);
        byte[] first = [.. Enumerable.Range(0, 140).Select(_ => (byte)random.Next(3, 8))];
        byte[] second = [.. Enumerable.Range(0, 95).Select(_ => (byte)random.Next(1, 8))];
        CesComparison comparison = Ces.Compare(Ces.Calculate(first, CesScale.SevenPointAgreement), Ces.Calculate(second, CesScale.SevenPointAgreement));

        double[] x = [.. first.Select(r => (double)r)], y = [.. second.Select(r => (double)r)];
        double vx = x.Variance() / x.Length, vy = y.Variance() / y.Length;
        double se = Math.Sqrt(vx + vy);
        double df = (vx + vy) * (vx + vy) / ((vx * vx / (x.Length - 1)) + (vy * vy / (y.Length - 1)));
        double t = (x.Mean() - y.Mean()) / se;
        Assert.Equal(x.Mean() - y.Mean(), comparison.Difference, 12);
        Assert.Equal(se, comparison.StandardError, 12);
        Assert.Equal(df, comparison.DegreesOfFreedom, 8);
        Assert.Equal(2 * StudentT.CDF(0, 1, df, -Math.Abs(t)), comparison.PValue, 10);
        ConfidenceInterval ci = comparison.DifferenceInterval(0.9);
        Assert.Equal(x.Mean() - y.Mean() - (StudentT.InvCDF(0, 1, df, 0.95) * se), ci.Lower, 10);
        Assert.Equal(x.Mean() - y.Mean() + (StudentT.InvCDF(0, 1, df, 0.95) * se), ci.Upper, 10);
    }

    [Fact]
    public void Comparisons_merge_as_their_parts_and_default_is_the_identity()
    {
        var random = new Random(8);
        byte[] a = [.. Enumerable.Range(0, 200).Select(_ => (byte)random.Next(1, 6))];
        byte[] b = [.. Enumerable.Range(0, 150).Select(_ => (byte)random.Next(1, 6))];
        CesComparison whole = Ces.Compare(Ces.Calculate(a, CesScale.FivePointEffort), Ces.Calculate(b, CesScale.FivePointEffort));
        CesComparison left = Ces.Compare(Ces.Calculate(a.AsSpan(0, 70), CesScale.FivePointEffort), Ces.Calculate(b.AsSpan(0, 10), CesScale.FivePointEffort));
        CesComparison right = Ces.Compare(Ces.Calculate(a.AsSpan(70), CesScale.FivePointEffort), Ces.Calculate(b.AsSpan(10), CesScale.FivePointEffort));
        Assert.Equal(whole, left + right);
        Assert.Equal(whole, CesComparison.Add(right, left));
        Assert.Equal(whole, whole + default(CesComparison));

        CsatComparison csat = Csat.Compare(Csat.Calculate(a), Csat.Calculate(b));
        CsatComparison csatParts = Csat.Compare(Csat.Calculate(a.AsSpan(0, 70)), Csat.Calculate(b.AsSpan(0, 10)))
            + Csat.Compare(Csat.Calculate(a.AsSpan(70)), Csat.Calculate(b.AsSpan(10)));
        Assert.Equal(csat, csatParts);
        Assert.Equal(csat, default(CsatComparison) + csat);
    }

    [Fact]
    public void Empty_unanimous_and_mismatched_sides_are_nan_or_throw()
    {
        CesComparison empty = default;
        Assert.True(double.IsNaN(empty.Difference));
        Assert.True(double.IsNaN(empty.PValue));
        Assert.True(double.IsNaN(empty.DifferenceInterval().Lower));

        CesComparison unanimous = Ces.Compare(Ces.Calculate([5, 5, 5], CesScale.FivePointEffort), Ces.Calculate([4, 4], CesScale.FivePointEffort));
        Assert.Equal(1, unanimous.Difference, 12);
        Assert.Equal(0, unanimous.PValue);
        Assert.Equal(new ConfidenceInterval(1, 1, 0.95), unanimous.DifferenceInterval());
        Assert.True(double.IsNaN(unanimous.DegreesOfFreedom));

        Assert.Equal("second", Assert.Throws<ArgumentException>(() => Ces.Compare(
            Ces.Calculate([1], CesScale.FivePointEffort), Ces.Calculate([1], CesScale.SevenPointAgreement))).ParamName);
        Assert.Equal("second", Assert.Throws<ArgumentException>(() => Csat.Compare(
            Csat.Calculate([1], 5), Csat.Calculate([1], 10))).ParamName);

        CsatComparison oneSided = Csat.Compare(Satisfied(3, 4), default);
        Assert.True(double.IsNaN(oneSided.Difference));
        Assert.True(double.IsNaN(oneSided.DifferenceInterval().Upper));
        Assert.True(double.IsNaN(Csat.Compare(Satisfied(4, 4), Satisfied(2, 2)).PValue));
    }

    [Fact]
    public void Comparisons_round_trip_through_json_and_read_well()
    {
        CesComparison ces = Ces.Compare(Ces.Calculate([1, 2, 7, 7, 6], CesScale.SevenPointAgreement), Ces.Calculate([3, 4, 5], CesScale.SevenPointAgreement));
        Assert.Equal(ces, JsonSerializer.Deserialize(JsonSerializer.Serialize(ces, CustomerMetricsJsonContext.Default.CesComparison), CustomerMetricsJsonContext.Default.CesComparison));
        CsatComparison csat = Csat.Compare(Satisfied(56, 70), Satisfied(48, 80));
        Assert.Equal(csat, JsonSerializer.Deserialize(JsonSerializer.Serialize(csat, CustomerMetricsJsonContext.Default.CsatComparison), CustomerMetricsJsonContext.Default.CsatComparison));
        Assert.Equal("ΔCSAT +20.0 pts (80.0 % of 70 vs 60.0 % of 80): [5.2, 33.4] (95 %), z 2.65, p = 0.00805", csat.ToString());
        Assert.StartsWith("ΔCES +0.60 (4.60 vs 4.00; n 5 vs 3)", ces.ToString(), StringComparison.Ordinal);
    }
}
