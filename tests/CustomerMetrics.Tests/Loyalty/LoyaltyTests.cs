using System.Text.Json;
using CustomerMetrics.Loyalty;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace CustomerMetrics.Tests.Loyalty;

public class LoyaltyTests(ITestOutputHelper output)
{
    [Fact]
    public void A_hand_computed_programme_report()
    {
        // Members 10, 20, 30, 40: mean 25, s² = (225 + 25 + 25 + 225)/3 = 500/3.
        // Non-members 5, 15, 10: mean 10, s² = (25 + 25 + 0)/2 = 25.
        // se² = (500/3)/4 + 25/3 = 50; Welch df = 50² / ((125/3)²/3 + (25/3)²/2) = 2500 / (15625/27 + 625/18).
        ProgrammeReport report = LoyaltyProgramme.Compare([10, 20, 30, 40], [5, 15, 10], Retention.Compare(80, 100, 60, 100));
        SpendComparison spend = report.Spend;
        Assert.Equal(15, spend.Difference, 12);
        Assert.Equal(2.5, spend.Ratio, 12);
        double df = 2500 / ((15625.0 / 27) + (625.0 / 18));
        double t = StudentT.InvCDF(0, 1, df, 0.975);
        ConfidenceInterval d = spend.DifferenceInterval();
        Assert.Equal(15 - (t * Math.Sqrt(50)), d.Lower, 9);
        Assert.Equal(15 + (t * Math.Sqrt(50)), d.Upper, 9);
        // Ratio: var(ln) = (500/3)/(4·625) + 25/(3·100) = 1/15 + 1/12 = 0.15; df = 0.15² / ((1/15)²/3 + (1/12)²/2).
        double dfRatio = 0.0225 / ((1.0 / 675) + (1.0 / 288));
        double tr = StudentT.InvCDF(0, 1, dfRatio, 0.975);
        ConfidenceInterval r = spend.RatioInterval();
        Assert.Equal(2.5 * Math.Exp(-tr * Math.Sqrt(0.15)), r.Lower, 9);
        Assert.Equal(2.5 * Math.Exp(tr * Math.Sqrt(0.15)), r.Upper, 9);
        // Geometric means: (10·20·30·40)^(1/4) and (5·15·10)^(1/3).
        Assert.Equal(Math.Pow(240_000, 0.25) / Math.Pow(750, 1.0 / 3), spend.GeometricMeanRatio, 12);
        Assert.Equal(0.2, report.Retention.Difference, 12);
        Assert.Equal(Retention.Compare(80, 100, 60, 100).DifferenceInterval(), report.Retention.DifferenceInterval());
        Assert.Contains("retention", report.ToString(), StringComparison.Ordinal);

        // ROI: 1,000 members × 15 × 40 % = 6,000 incremental gross profit against a cost of 4,000: ROI 50 %.
        ProgrammeRoi roi = LoyaltyProgramme.Roi(spend, 1000, 0.4, 4000);
        Assert.Equal(6000, roi.IncrementalGrossProfit, 9);
        Assert.Equal(0.5, roi.Roi, 12);
        Assert.Equal(((1000 * d.Lower * 0.4) - 4000) / 4000, roi.Interval.Lower, 9);
        Assert.Equal(((1000 * d.Upper * 0.4) - 4000) / 4000, roi.Interval.Upper, 9);
        Assert.Contains("ROI 50.0 %", roi.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rates_and_marketing_roi_follow_their_definitions()
    {
        ProgrammeRate active = LoyaltyProgramme.ActiveMemberRate(420, 1000);
        Assert.Equal(0.42, active.Rate);
        Assert.True(active.Interval().Contains(0.42));
        Assert.Equal(new ProgrammeRate(425, 1010), active + LoyaltyProgramme.RedemptionRate(5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoyaltyProgramme.RedemptionRate(11, 10));
        Assert.Throws<InvalidOperationException>(() => default(ProgrammeRate).Interval());
        Assert.True(double.IsNaN(default(ProgrammeRate).Rate));

        Assert.Equal(0.25, MarketingRoi.Roi(125, 100));
        Assert.Equal(-1, MarketingRoi.Roi(0, 100));
        Assert.Equal(1.25, MarketingRoi.RevenueToCostRatio(125, 100));
        Assert.Equal(2, MarketingRoi.ClvCampaignRoi(100, 300, 10_000)); // LTV:CAC 3 ↔ ROI 200 %.
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketingRoi.Roi(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketingRoi.RevenueToCostRatio(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoyaltyProgramme.Roi(default, 10, 1.5, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProgrammeRoi(10, 1, default, 0.5, 0));
    }

    [Fact]
    public void Bad_spend_throws_with_the_index_and_empty_groups_give_nan()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SpendSummary.Of([1, 2, -3]));
        Assert.Contains("spend[2]", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SpendSummary.Of([double.NaN]));
        SpendComparison empty = default;
        Assert.True(double.IsNaN(empty.Difference));
        Assert.True(double.IsNaN(empty.DifferenceInterval().Lower));
        Assert.True(double.IsNaN(empty.RatioInterval().Lower));
        Assert.True(double.IsNaN(empty.GeometricMeanRatioInterval().Upper));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpendSummary(2, 10, 1, 2, 0, 0)); // Σx² < (Σx)²/n.
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpendSummary(0, 5, 25, 0, 0, 0));
    }

    [Property(MaxTest = 100)]
    public void Summaries_merge_to_the_summary_of_the_concatenation(byte[] a, byte[] b)
    {
        double[] x = a.Select(v => v * 1.5).ToArray(), y = b.Select(v => v / 3.0).ToArray();
        SpendSummary merged = SpendSummary.Of(x) + SpendSummary.Of(y), whole = SpendSummary.Of([.. x, .. y]);
        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.PositiveCount, merged.PositiveCount);
        Assert.Equal(whole.Sum, merged.Sum, 1e-9 * (1 + whole.Sum));
        Assert.Equal(whole.SumOfSquares, merged.SumOfSquares, 1e-9 * (1 + whole.SumOfSquares));
        Assert.Equal(whole.LogSum, merged.LogSum, 1e-9 * (1 + Math.Abs(whole.LogSum)));
        Assert.Equal(SpendSummary.Of(x), SpendSummary.Of(x) + default(SpendSummary));
    }

    [Fact]
    public void Lift_ratio_and_roi_intervals_cover_the_true_values_about_95_percent_of_the_time()
    {
        // Log-normal spend (skewed): members μ = 3.2, non-members μ = 3.0, σ = 1; n = 200 and 300; 2,000 seeded runs.
        const int runs = 2000;
        double sigma = 1, muA = 3.2, muB = 3.0;
        double meanA = Math.Exp(muA + (sigma * sigma / 2)), meanB = Math.Exp(muB + (sigma * sigma / 2));
        double trueLift = meanA - meanB, trueRatio = meanA / meanB, trueGeometric = Math.Exp(muA - muB);
        double trueRoi = ((200 * trueLift * 0.3) - 500) / 500;
        var random = new Random(2024);
        int lift = 0, ratio = 0, geometric = 0, roi = 0;
        for (int run = 0; run < runs; run++)
        {
            double[] a = Sample(random, 200, muA, sigma), b = Sample(random, 300, muB, sigma);
            SpendComparison spend = LoyaltyProgramme.CompareSpend(a, b);
            lift += spend.DifferenceInterval().Contains(trueLift) ? 1 : 0;
            ratio += spend.RatioInterval().Contains(trueRatio) ? 1 : 0;
            geometric += spend.GeometricMeanRatioInterval().Contains(trueGeometric) ? 1 : 0;
            roi += LoyaltyProgramme.Roi(spend, 200, 0.3, 500).Interval.Contains(trueRoi) ? 1 : 0;
        }

        output.WriteLine($"coverage at 95 %: lift {lift / (double)runs:P1}, ratio {ratio / (double)runs:P1}, geometric {geometric / (double)runs:P1}, ROI {roi / (double)runs:P1}");
        foreach (int hits in new[] { lift, ratio, geometric, roi })
        {
            Assert.InRange(hits / (double)runs, 0.93, 0.97);
        }
    }

    [Fact]
    public void Loyalty_results_round_trip_through_json()
    {
        ProgrammeReport report = LoyaltyProgramme.Compare([10, 0, 30.5], [5, 15], Retention.Compare(8, 10, 6, 10));
        Assert.Equal(report, JsonSerializer.Deserialize(JsonSerializer.Serialize(report, CustomerMetricsJsonContext.Default.ProgrammeReport), CustomerMetricsJsonContext.Default.ProgrammeReport));
        Assert.Equal(default, JsonSerializer.Deserialize(JsonSerializer.Serialize(default(ProgrammeReport), CustomerMetricsJsonContext.Default.ProgrammeReport), CustomerMetricsJsonContext.Default.ProgrammeReport));
        ProgrammeRate rate = new(3, 7);
        Assert.Equal(rate, JsonSerializer.Deserialize(JsonSerializer.Serialize(rate, CustomerMetricsJsonContext.Default.ProgrammeRate), CustomerMetricsJsonContext.Default.ProgrammeRate));
        ProgrammeRoi roi = LoyaltyProgramme.Roi(report.Spend, 100, 0.5, 1000);
        Assert.Equal(roi, JsonSerializer.Deserialize(JsonSerializer.Serialize(roi, CustomerMetricsJsonContext.Default.ProgrammeRoi), CustomerMetricsJsonContext.Default.ProgrammeRoi));
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Deserialize("{\"count\":5,\"total\":3}", CustomerMetricsJsonContext.Default.ProgrammeRate));
    }

    private static double[] Sample(Random random, int n, double mu, double sigma)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = Math.Exp(mu + (sigma * z));
        }

        return values;
    }
}
