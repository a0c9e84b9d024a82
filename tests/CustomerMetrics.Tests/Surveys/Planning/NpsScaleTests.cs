using CustomerMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys.Planning;

public class NpsScaleTests
{
    /// <summary>Independent reference: classify each entry by the scale's bounds with LINQ.</summary>
    private static NpsResult Reference(IEnumerable<long> scores, NpsScale scale)
    {
        long[] all = [.. scores];
        long[] valid = [.. all.Where(v => v >= scale.Minimum && v <= scale.Maximum)];
        long promoters = valid.Count(v => v >= scale.PromoterMinimum), detractors = valid.Count(v => v <= scale.DetractorMaximum);
        return new NpsResult(promoters, valid.Length - promoters - detractors, detractors, all.Length - valid.Length);
    }

    [Fact]
    public void Default_is_zero_to_ten_with_bains_split()
    {
        Assert.Equal(NpsScale.ZeroToTen, default);
        Assert.Equal((0, 10, 6, 9), (NpsScale.ZeroToTen.Minimum, NpsScale.ZeroToTen.Maximum, NpsScale.ZeroToTen.DetractorMaximum, NpsScale.ZeroToTen.PromoterMinimum));
        Assert.Equal((1, 10, 6, 9), (NpsScale.OneToTen.Minimum, NpsScale.OneToTen.Maximum, NpsScale.OneToTen.DetractorMaximum, NpsScale.OneToTen.PromoterMinimum));
        Assert.Equal("0–10 (detractors 0–6, passives 7–8, promoters 9–10)", NpsScale.ZeroToTen.ToString());
        Assert.Equal("1–5 (detractors 1–3, no passives, promoters 4–5)", new NpsScale(1, 5, 3, 4).ToString());
        // A 6 is a detractor (Bain), not in no group ("below 6").
        Assert.Equal(NpsResult.FromCounts(0, 0, 1), Nps.Calculate([6], NpsScale.ZeroToTen));
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 100)]
    public void Every_scale_equals_the_reference_on_bytes_and_ints(Entries entries)
    {
        foreach (NpsScale scale in new[] { NpsScale.ZeroToTen, NpsScale.OneToTen, new NpsScale(3, 10, 6, 9), new NpsScale(1, 5, 2, 5), new NpsScale(0, 100, 60, 90) })
        {
            NpsResult expected = Reference(entries.Values.Select(v => (long)v), scale);
            Assert.Equal(expected, Nps.CalculateLenient(entries.Values, scale));
            int[] ints = [.. entries.Values.Select((v, i) => i % 13 == 5 ? -v : v)];
            Assert.Equal(Reference(ints.Select(v => (long)v), scale), Nps.CalculateLenient(ints, scale));
            if (expected.Rejected == 0)
            {
                Assert.Equal(expected, Nps.Calculate(entries.Values, scale));
            }
            else
            {
                int index = Array.FindIndex(entries.Values, v => !scale.Contains(v));
                var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(entries.Values, scale));
                Assert.Contains($"scores[{index}] is {entries.Values[index]}; valid values are {scale.Minimum} to {scale.Maximum}", exception.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void One_to_ten_rejects_a_zero_strictly_and_counts_it_leniently()
    {
        byte[] scores = [10, 9, 1, 0, 7, 6];
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(scores, NpsScale.OneToTen));
        Assert.Equal("scores", exception.ParamName);
        Assert.Contains("scores[3] is 0; valid values are 1 to 10", exception.Message, StringComparison.Ordinal);
        Assert.Equal(new NpsResult(2, 1, 2, 1), Nps.CalculateLenient(scores, NpsScale.OneToTen));
        Assert.Contains("scores[1] is -2", Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate([5, -2], NpsScale.OneToTen)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inconsistent_bounds_throw_naming_the_bound()
    {
        Assert.Equal("minimum", Assert.Throws<ArgumentOutOfRangeException>(() => new NpsScale(-1, 10, 6, 9)).ParamName);
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => new NpsScale(5, 5, 5, 5)).ParamName);
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => new NpsScale(0, 255, 6, 9)).ParamName);
        Assert.Equal("detractorMaximum", Assert.Throws<ArgumentOutOfRangeException>(() => new NpsScale(1, 10, 0, 9)).ParamName);
        Assert.Equal("promoterMinimum", Assert.Throws<ArgumentOutOfRangeException>(() => new NpsScale(0, 10, 6, 6)).ParamName);
        Assert.Equal("promoterMinimum", Assert.Throws<ArgumentOutOfRangeException>(() => new NpsScale(0, 10, 6, 11)).ParamName);
    }

    [Property(MaxTest = 200)]
    public void Any_consistent_scale_round_trips_its_bounds(byte a, byte b, byte c, byte d)
    {
        int[] sorted = [.. new[] { a % 250, b % 250, c % 250, d % 250 }.Order()];
        int min = sorted[0], det = sorted[1], pro = sorted[2] + 1, max = sorted[3] + 2;
        var scale = new NpsScale(min, max, det, pro);
        Assert.Equal((min, max, det, pro), (scale.Minimum, scale.Maximum, scale.DetractorMaximum, scale.PromoterMinimum));
        Assert.Equal(scale == NpsScale.ZeroToTen, (min, max, det, pro) == (0, 10, 6, 9));
    }
}
