using System.Text.Json;
using CustomerMetrics.Loyalty;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value;

public class ValueByNpsTests
{
    [Fact]
    public void Hand_worked_groups_and_ratio()
    {
        // Promoters (9, 10, 10) spend 300, 100, 200: mean 200. Passives (7, 8): 50, 150: mean 100. Detractors (0, 6): 40, 60: mean 50.
        NpsGroupValue v = ValueByNps.Calculate([9, 7, 0, 10, 8, 6, 10], [300, 50, 40, 100, 150, 60, 200]);
        Assert.Equal(7, v.Count);
        Assert.Equal((3, 2, 2), (v.Promoters.Count, v.Passives.Count, v.Detractors.Count));
        Assert.Equal(200, v.Promoters.Mean, 12);
        Assert.Equal(100, v.Passives.Mean, 12);
        Assert.Equal(50, v.Detractors.Mean, 12);
        Assert.Equal(4, v.PromotersVsDetractors.Ratio, 12);
        Assert.Equal(2, v.PromotersVsPassives.Ratio, 12);
        Assert.Equal(2, v.PassivesVsDetractors.Ratio, 12);
        Assert.Equal(150, v.PromotersVsDetractors.Difference, 12);
        // Delta-method ratio interval by hand: var ln = s²_P/(n_P ȳ_P²) + s²_D/(n_D ȳ_D²) = 10000/(3·40000) + 200/(2·2500) = 1/12 + 1/25.
        double se = Math.Sqrt((1.0 / 12) + (1.0 / 25));
        ConfidenceInterval r = v.PromotersVsDetractors.RatioInterval();
        Assert.Equal(0, Math.Log(r.Lower) + Math.Log(r.Upper) - (2 * Math.Log(4)), 9); // symmetric on the log scale
        Assert.True(Math.Log(r.Upper / 4) > 1.96 * se);                                 // t quantile above z with few customers
        Assert.Contains("promoters ÷ detractors ×4.000", v.ToString(), StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public void Groups_equal_summaries_of_the_split_and_merge_as_concatenation(byte[] rawScores, int seed, int cut)
    {
        byte[] scores = [.. rawScores.Select(s => (byte)(s % 11))];
        var random = new Random(seed);
        double[] values = [.. scores.Select(_ => Math.Round(random.NextDouble() * 500, 2))];
        NpsGroupValue v = ValueByNps.Calculate(scores, values);
        double[] Pick(Func<byte, bool> f) => [.. values.Where((_, i) => f(scores[i]))];
        Assert.Equal(SpendSummary.Of(Pick(s => s >= 9)), v.Promoters);
        Assert.Equal(SpendSummary.Of(Pick(s => s is 7 or 8)), v.Passives);
        Assert.Equal(SpendSummary.Of(Pick(s => s <= 6)), v.Detractors);

        int k = scores.Length == 0 ? 0 : Math.Abs(cut % (scores.Length + 1));
        NpsGroupValue merged = ValueByNps.Calculate(scores.AsSpan(0, k), values.AsSpan(0, k)) + ValueByNps.Calculate(scores.AsSpan(k), values.AsSpan(k));
        Assert.Equal(v.Count, merged.Count);
        Assert.Equal(v.Promoters.Sum, merged.Promoters.Sum, 1e-9 * (1 + v.Promoters.Sum));
        Assert.Equal(v.Detractors.SumOfSquares, merged.Detractors.SumOfSquares, 1e-9 * (1 + v.Detractors.SumOfSquares));
        Assert.Equal(v, v + default(NpsGroupValue));
        Assert.Equal(NpsGroupValue.Add(merged, v), v + merged);
    }

    [Fact]
    public void Bad_input_names_argument_index_and_value()
    {
        Assert.Contains("scores[1] is 11", Assert.Throws<ArgumentOutOfRangeException>(() => ValueByNps.Calculate([9, 11], [1, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("values[0] is -1", Assert.Throws<ArgumentOutOfRangeException>(() => ValueByNps.Calculate([9, 1], [-1, 2])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ValueByNps.Calculate([9], [double.NaN]));
        Assert.Throws<ArgumentException>(() => ValueByNps.Calculate([9, 1], [1]));
        NpsGroupValue empty = ValueByNps.Calculate([], []);
        Assert.Equal(default, empty);
        Assert.True(double.IsNaN(empty.PromotersVsDetractors.Ratio));
    }

    [Fact]
    public void Round_trips_through_json()
    {
        NpsGroupValue v = ValueByNps.Calculate([9, 7, 0, 10, 8, 6], [300, 50, 40, 100, 150, 0]);
        string json = JsonSerializer.Serialize(v, CustomerMetricsJsonContext.Default.NpsGroupValue);
        Assert.Equal(v, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.NpsGroupValue));
    }
}
