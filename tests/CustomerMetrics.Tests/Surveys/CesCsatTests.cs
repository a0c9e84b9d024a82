using CustomerMetrics.Surveys;
using FsCheck;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

public class CesCsatTests
{
    [Fact]
    public void Ces_two_point_zero_scores_by_definition()
    {
        // 1..7 once each plus three 7s: n = 10, agree (5–7) = 6, net = %(6–7) − %(1–3) = (5 − 3)/10.
        byte[] ratings = [1, 2, 3, 4, 5, 6, 7, 7, 7, 7];
        CesResult result = Ces.Calculate(ratings, CesScale.SevenPointAgreement);
        Assert.Equal(10, result.Count);
        Assert.Equal(ratings.Average(r => (double)r), result.Mean, 12);
        Assert.Equal(0.6, result.AgreeShare!.Value, 12);
        Assert.Equal(20, result.NetIndex!.Value, 12);
        Assert.Equal(4, result.CountOf(7));
        Assert.Equal([1L, 1, 1, 1, 1, 1, 4], result.Counts);
    }

    [Fact]
    public void Ces_one_point_zero_has_a_mean_and_no_agreement_scores()
    {
        CesResult result = Ces.Calculate([1, 2, 2, 5], CesScale.FivePointEffort);
        Assert.Equal(2.5, result.Mean, 12);
        Assert.Null(result.AgreeShare);
        Assert.Null(result.NetIndex);
        Assert.Contains("ratings[1] is 6", Assert.Throws<ArgumentOutOfRangeException>(() => Ces.Calculate([1, 6], CesScale.FivePointEffort)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ces_mean_interval_matches_mathnet_t_interval_on_the_raw_ratings()
    {
        var random = new Random(7);
        byte[] ratings = Enumerable.Range(0, 333).Select(_ => (byte)random.Next(1, 8)).ToArray();
        CesResult result = Ces.Calculate(ratings, CesScale.SevenPointAgreement);
        double[] values = ratings.Select(r => (double)r).ToArray();
        double mean = MathNet.Numerics.Statistics.Statistics.Mean(values);
        double sd = MathNet.Numerics.Statistics.Statistics.StandardDeviation(values);
        double t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, values.Length - 1, 0.95);
        ConfidenceInterval interval = result.MeanInterval(0.90);
        Assert.Equal(mean - (t * sd / Math.Sqrt(values.Length)), interval.Lower, 10);
        Assert.Equal(mean + (t * sd / Math.Sqrt(values.Length)), interval.Upper, 10);
        Assert.Equal(sd, result.StandardDeviation, 10);
    }

    [Fact]
    public void Ces_edge_cases_are_explicit()
    {
        CesResult empty = Ces.Calculate([], CesScale.SevenPointAgreement);
        Assert.True(double.IsNaN(empty.Mean));
        Assert.True(double.IsNaN(empty.AgreeShare!.Value));
        Assert.Throws<InvalidOperationException>(() => empty.MeanInterval());
        Assert.Throws<InvalidOperationException>(() => Ces.Calculate([3], CesScale.SevenPointAgreement).MeanInterval());
        Assert.Throws<ArgumentException>(() => Ces.Calculate([3], CesScale.None));
        Assert.Throws<ArgumentException>(() => Ces.Calculate([3], (CesScale)6));
        Assert.Contains("ratings[0] is 0", Assert.Throws<ArgumentOutOfRangeException>(() => Ces.Calculate([0], CesScale.SevenPointAgreement)).Message, StringComparison.Ordinal);
        Assert.Equal(2, Ces.CalculateLenient([0, 8, 7], CesScale.SevenPointAgreement).Rejected);
        Assert.Throws<ArgumentException>(() => Ces.Calculate([1], CesScale.FivePointEffort) + Ces.Calculate([1], CesScale.SevenPointAgreement));
        Assert.Throws<ArgumentException>(() => new CesResult(CesScale.FivePointEffort, [1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CesResult(CesScale.FivePointEffort, [1, 2, 3, -4, 5]));
    }

    [Fact]
    public void Csat_uses_the_scale_aware_top_box()
    {
        Assert.Equal(1, Csat.DefaultTopBoxPoints(3));
        Assert.Equal(2, Csat.DefaultTopBoxPoints(5));
        Assert.Equal(2, Csat.DefaultTopBoxPoints(7));
        Assert.Equal(3, Csat.DefaultTopBoxPoints(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Csat.DefaultTopBoxPoints(9));

        CsatResult five = Csat.Calculate([5, 4, 3, 2, 1, 5, 4, 4]);
        Assert.Equal(5, five.Satisfied);
        Assert.Equal(5 / 8.0, five.SatisfiedShare, 15);

        CsatResult ten = Csat.Calculate([8, 9, 10, 7, 1], 10);
        Assert.Equal(0.6, ten.SatisfiedShare, 15);

        CsatResult three = Csat.Calculate([3, 2, 1, 3], 3);
        Assert.Equal(0.5, three.SatisfiedShare, 15);

        CsatResult custom = Csat.CalculateWithTopBox([9, 8, 7, 1], 9, 3);
        Assert.Equal(0.75, custom.SatisfiedShare, 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => Csat.CalculateWithTopBox([1], 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Csat.CalculateWithTopBox([1], 12, 2));
    }

    [Theory]
    [InlineData(8, 10, 0.95)]
    [InlineData(0, 25, 0.95)]
    [InlineData(0, 10, 0.95)]
    [InlineData(10, 10, 0.95)]
    [InlineData(25, 25, 0.99)]
    [InlineData(412, 1000, 0.90)]
    public void Csat_interval_is_the_wilson_score_interval(int satisfied, int n, double level)
    {
        // Independent form: the Wilson bounds are the roots π of (p̂ − π)² = z² π (1 − π) / n.
        CsatResult result = new(5, 2, [n - satisfied, 0, 0, 0, satisfied]);
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (level / 2));
        double p = satisfied / (double)n;
        (double r1, double r2) = MathNet.Numerics.FindRoots.Quadratic(
            p * p, -((2 * p) + (z * z / n)), 1 + (z * z / n)) is var (a, b) ? (a.Real, b.Real) : default;
        ConfidenceInterval interval = result.Interval(level);
        Assert.Equal(Math.Min(r1, r2), interval.Lower, 10);
        Assert.Equal(Math.Max(r1, r2), interval.Upper, 10);
        Assert.True(interval.Contains(result.SatisfiedShare));
        if (satisfied == 0)
        {
            Assert.Equal(0, interval.Lower);
        }

        if (satisfied == n)
        {
            Assert.Equal(1, interval.Upper);
        }
    }

    [Fact]
    public void Ratings_valid_for_csat_but_not_ces_leave_ces_empty()
    {
        // The counterexample FsCheck found for the bounds property: 9 is a valid 10-point CSAT rating, not a CES one.
        CesResult ces = Ces.CalculateLenient([9], CesScale.SevenPointAgreement);
        Assert.Equal(0, ces.Count);
        Assert.Equal(1, ces.Rejected);
        Assert.True(double.IsNaN(ces.Mean));
        Assert.Equal(1, Csat.CalculateLenient([9], 10).Count);
    }

    [Fact]
    public void Csat_edge_cases_are_explicit()
    {
        CsatResult empty = Csat.Calculate([]);
        Assert.True(double.IsNaN(empty.SatisfiedShare));
        Assert.Throws<InvalidOperationException>(() => empty.Interval());
        Assert.Throws<ArgumentOutOfRangeException>(() => Csat.Calculate([4]).Interval(1));
        Assert.Contains("ratings[2] is 6", Assert.Throws<ArgumentOutOfRangeException>(() => Csat.Calculate([4, 5, 6])).Message, StringComparison.Ordinal);
        Assert.Equal(3, Csat.CalculateLenient([0, 6, 255, 5]).Rejected);
        Assert.Throws<ArgumentException>(() => Csat.Calculate([1], 5) + Csat.Calculate([1], 7));
        Assert.Equal(Csat.Calculate([1, 5], 7), default(CsatResult) + Csat.Calculate([1, 5], 7));
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 100)]
    public void Ces_and_csat_merge_parts_to_the_whole_and_stay_in_bounds(Entries entries, NonNegativeInt cut)
    {
        byte[] values = entries.Values;
        int split = values.Length == 0 ? 0 : cut.Get % (values.Length + 1);
        CesResult ces = Ces.CalculateLenient(values, CesScale.SevenPointAgreement);
        Assert.Equal(ces, Ces.CalculateLenient(values.AsSpan(0, split), CesScale.SevenPointAgreement) + Ces.CalculateLenient(values.AsSpan(split), CesScale.SevenPointAgreement));
        Assert.Equal(ces, ces + default(CesResult));
        CsatResult csat = Csat.CalculateLenient(values, 10);
        Assert.Equal(csat, Csat.CalculateLenient(values.AsSpan(split), 10) + Csat.CalculateLenient(values.AsSpan(0, split), 10));
        if (csat.Count > 0)
        {
            Assert.InRange(csat.SatisfiedShare, 0, 1);
            Assert.True(csat.Interval().Contains(csat.SatisfiedShare));
        }

        if (ces.Count > 0)
        {
            Assert.InRange(ces.NetIndex!.Value, -100, 100);
            Assert.InRange(ces.Mean, 1, 7);
        }
        else
        {
            Assert.True(double.IsNaN(ces.Mean));
        }
    }

    [Property(MaxTest = 100)]
    public void Ces_merge_is_associative_and_commutative(byte[] a, byte[] b, byte[] c)
    {
        CesResult x = Ces.CalculateLenient(a, CesScale.FivePointEffort), y = Ces.CalculateLenient(b, CesScale.FivePointEffort), z = Ces.CalculateLenient(c, CesScale.FivePointEffort);
        Assert.Equal((x + y) + z, x + (y + z));
        Assert.Equal(x + y, y + x);
        Assert.Equal((x + y).GetHashCode(), (y + x).GetHashCode());
    }
}
