using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value;

public class RfmScoreTests
{
    [Fact]
    public void Quintiles_of_ten_distinct_values_pair_up()
    {
        var scores = new byte[10];
        Rfm.QuintileScores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], scores);
        Assert.Equal(new byte[] { 5, 5, 4, 4, 3, 3, 2, 2, 1, 1 }, scores);
    }

    [Fact]
    public void Ties_share_the_lower_quintile()
    {
        var scores = new byte[6];
        Rfm.QuintileScores([0, 0, 0, 0, 1, 2], scores);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 4, 5 }, scores); // 4 of 6 below → 1 + ⌊20/6⌋ = 4
        Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.QuintileScores([1, double.NaN], new byte[2]));
        Assert.Throws<ArgumentException>(() => Rfm.QuintileScores([1, 2], new byte[1]));
    }

    [Property(MaxTest = 200)]
    public Property Quintile_scores_are_monotone_and_in_range() =>
        Prop.ForAll(Gen.Choose(-20, 20).Select(i => (double)i).ArrayOf().ToArbitrary(), values =>
        {
            var scores = new byte[values.Length];
            Rfm.QuintileScores(values, scores);
            for (int i = 0; i < values.Length; i++)
            {
                int below = values.Count(v => v < values[i]);
                if (scores[i] != 1 + (5 * below / values.Length))
                {
                    return false;
                }
            }

            return true;
        });

    [Theory]
    [InlineData(5, 5, 5, RfmSegment.Champions)]
    [InlineData(4, 4, 3, RfmSegment.Champions)]
    [InlineData(5, 1, 1, RfmSegment.NewCustomers)]
    [InlineData(4, 1, 1, RfmSegment.Promising)]
    [InlineData(5, 2, 2, RfmSegment.PotentialLoyalists)]
    [InlineData(3, 5, 5, RfmSegment.LoyalCustomers)]
    [InlineData(3, 2, 2, RfmSegment.NeedAttention)]
    [InlineData(3, 1, 1, RfmSegment.AboutToSleep)]
    [InlineData(2, 5, 4, RfmSegment.AtRisk)]
    [InlineData(1, 5, 5, RfmSegment.CannotLoseThem)]
    [InlineData(2, 1, 1, RfmSegment.Hibernating)]
    [InlineData(1, 1, 1, RfmSegment.Lost)]
    public void Segment_grid(int r, int f, int m, RfmSegment expected) => Assert.Equal(expected, Rfm.Segment(r, f, m));

    [Fact]
    public void Every_score_triple_has_a_segment_and_bad_scores_throw()
    {
        var seen = new HashSet<RfmSegment>();
        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++)
            {
                for (int m = 1; m <= 5; m++)
                {
                    seen.Add(Rfm.Segment(r, f, m));
                }
            }
        }

        Assert.Equal(Enum.GetValues<RfmSegment>().Length, seen.Count);
        Assert.Equal("recency", Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.Segment(0, 1, 1)).ParamName);
        Assert.Equal("monetary", Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.Segment(1, 1, 6)).ParamName);
    }

    [Fact]
    public void Scores_a_summary_recent_frequent_big_spenders_high()
    {
        // Customer 1: recent, frequent, big; customer 5: long gone, once, small.
        int[] ids = [1, 1, 1, 2, 2, 3, 4, 5];
        DateOnly d = new(2020, 1, 1);
        DateOnly[] dates = [d, d.AddDays(10), d.AddDays(29), d.AddDays(5), d.AddDays(20), d.AddDays(15), d.AddDays(8), d];
        double[] amounts = [100, 100, 100, 50, 50, 40, 30, 5];
        RfmSummary summary = Rfm.Summarize(ids, dates, amounts, d.AddDays(30), RfmOptions.Days);
        RfmScores scores = Rfm.Score(summary);
        Assert.Equal(new RfmScore(5, 5, 5), scores[0]);
        Assert.Equal(RfmSegment.Champions, scores[0].Segment);
        Assert.Equal(new RfmScore(1, 1, 1), scores[4]);
        Assert.Equal(RfmSegment.Lost, scores[4].Segment);
        Assert.Equal(555, scores[0].Cell);
        Assert.Equal(summary.CustomerIds.ToArray(), scores.CustomerIds.ToArray());
        Assert.Equal(5, Enum.GetValues<RfmSegment>().Sum(s => scores.CountOf(s)));
        Assert.Contains("Champions 2", scores.ToString(), StringComparison.Ordinal);
        string json = JsonSerializer.Serialize(scores[0], CustomerMetricsJsonContext.Default.RfmScore);
        Assert.Equal(scores[0], JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.RfmScore));
        string record = JsonSerializer.Serialize(summary[0], CustomerMetricsJsonContext.Default.RfmRecord);
        Assert.Equal(summary[0], JsonSerializer.Deserialize(record, CustomerMetricsJsonContext.Default.RfmRecord));
    }
}
