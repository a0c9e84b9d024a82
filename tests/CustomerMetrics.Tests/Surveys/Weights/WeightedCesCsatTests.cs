using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys.Weights;

public class WeightedCesCsatTests
{
    [Fact]
    public void Weighted_scores_by_hand()
    {
        // Ratings 7, 6, 2, 5 with weights 1, 2, 3, 4: Σw = 10; mean (7 + 12 + 6 + 20)/10 = 4.5; agree (5–7) 7/10;
        // net 100 (6–7: 3 − 1–3: 3)/10 = 0; effective n 100/30.
        WeightedCesResult ces = Ces.CalculateWeighted([7, 6, 2, 5], [1, 2, 3, 4], CesScale.SevenPointAgreement);
        Assert.Equal(4.5, ces.Mean, 12);
        Assert.Equal(0.7, ces.AgreeShare!.Value, 12);
        Assert.Equal(0, ces.NetIndex!.Value, 12);
        Assert.Equal(100.0 / 30, ces.EffectiveSampleSize, 12);
        Assert.Equal(4, ces.Count);
        Assert.Null(Ces.CalculateWeighted([1, 5], [1, 1], CesScale.FivePointEffort).AgreeShare);

        // CSAT 1–5, top 2: ratings 5, 4, 3, 1 with weights 1, 2, 3, 4 → satisfied 3/10.
        WeightedCsatResult csat = Csat.CalculateWeighted([5, 4, 3, 1], [1, 2, 3, 4]);
        Assert.Equal(0.3, csat.SatisfiedShare, 12);
        Assert.Equal((5 + 8 + 9 + 4) / 10.0, csat.Mean, 12);
        Assert.Equal(0.6, Csat.CalculateWeightedWithTopBox([5, 4, 3, 1], [1, 2, 3, 4], 5, 3).SatisfiedShare, 12); // 3–5: 6/10
    }

    [Fact]
    public void Equal_weights_give_the_unweighted_results_and_intervals()
    {
        byte[] ratings = [1, 2, 3, 4, 5, 5, 4, 7, 6, 6, 2, 7, 7, 5];
        double[] weights = Enumerable.Repeat(0.25, ratings.Length).ToArray();
        CesResult plain = Ces.Calculate(ratings, CesScale.SevenPointAgreement);
        WeightedCesResult weighted = Ces.CalculateWeighted(ratings, weights, CesScale.SevenPointAgreement);
        Assert.Equal(plain.Mean, weighted.Mean, 12);
        Assert.Equal(plain.StandardDeviation, weighted.StandardDeviation, 12);
        Assert.Equal(plain.NetIndex!.Value, weighted.NetIndex!.Value, 12);
        Assert.Equal(plain.MeanInterval(0.9).Lower, weighted.MeanInterval(0.9).Lower, 10);
        Assert.Equal(plain.MeanInterval(0.9).Upper, weighted.MeanInterval(0.9).Upper, 10);

        byte[] five = ratings.Select(r => (byte)Math.Min((int)r, 5)).ToArray();
        CsatResult csat = Csat.Calculate(five);
        WeightedCsatResult weightedCsat = Csat.CalculateWeighted(five, weights);
        Assert.Equal(csat.SatisfiedShare, weightedCsat.SatisfiedShare, 12);
        Assert.Equal(csat.Interval().Lower, weightedCsat.Interval().Lower, 10);
        Assert.Equal(csat.Interval().Upper, weightedCsat.Interval().Upper, 10);
        Assert.Equal(five.Length, weightedCsat.EffectiveSampleSize, 10);
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 100)]
    public void Split_results_merge_to_the_whole_and_lenient_counts_what_it_skips(Entries entries)
    {
        byte[] values = entries.Values;
        double[] weights = WeightedNpsKernelTests.Weights(values.Length, values.Length + 3, dirty: true);
        int cut = values.Length / 3;
        WeightedCesResult whole = Ces.CalculateWeightedLenient(values, weights, CesScale.SevenPointAgreement);
        WeightedCesResult merged = Ces.CalculateWeightedLenient(values.AsSpan(0, cut), weights.AsSpan(0, cut), CesScale.SevenPointAgreement)
            + WeightedCesResult.Add(default, Ces.CalculateWeightedLenient(values.AsSpan(cut), weights.AsSpan(cut), CesScale.SevenPointAgreement));
        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.Rejected, merged.Rejected);
        Assert.Equal(values.Length, whole.Count + whole.Rejected);
        long expectedValid = Enumerable.Range(0, values.Length).Count(i => values[i] is >= 1 and <= 7 && weights[i] >= 0 && double.IsFinite(weights[i]));
        Assert.Equal(expectedValid, whole.Count);
        for (int k = 0; k < 7; k++)
        {
            double expected = Enumerable.Range(0, values.Length).Where(i => values[i] == k + 1 && weights[i] >= 0 && double.IsFinite(weights[i])).Sum(i => weights[i]);
            Assert.Equal(expected, whole.Weights[k], 1e-12 * Math.Max(1, expected));
            Assert.Equal(whole.Weights[k], merged.Weights[k], 1e-12 * Math.Max(1, whole.Weights[k]));
        }

        WeightedCsatResult csat = Csat.CalculateWeightedLenient(values, weights, 10);
        WeightedCsatResult csatMerged = Csat.CalculateWeightedLenient(values.AsSpan(cut), weights.AsSpan(cut), 10) + Csat.CalculateWeightedLenient(values.AsSpan(0, cut), weights.AsSpan(0, cut), 10);
        Assert.Equal(csat.Count, csatMerged.Count);
        Assert.Equal(csat.SatisfiedWeight, csatMerged.SatisfiedWeight, 1e-12 * Math.Max(1, csat.SatisfiedWeight));
        Assert.Equal(csat.SumOfSquaredWeights, csatMerged.SumOfSquaredWeights, 1e-12 * Math.Max(1, csat.SumOfSquaredWeights));

        Assert.Equal(whole, JsonSerializer.Deserialize(JsonSerializer.Serialize(whole, CustomerMetricsJsonContext.Default.WeightedCesResult), CustomerMetricsJsonContext.Default.WeightedCesResult));
        Assert.Equal(csat, JsonSerializer.Deserialize(JsonSerializer.Serialize(csat, CustomerMetricsJsonContext.Default.WeightedCsatResult), CustomerMetricsJsonContext.Default.WeightedCsatResult));
    }

    [Fact]
    public void Bad_input_is_named_and_empty_is_nan()
    {
        Assert.Contains("ratings has 2 elements but weights has 1", Assert.Throws<ArgumentException>(() => Ces.CalculateWeighted([1, 2], [1], CesScale.FivePointEffort)).Message, StringComparison.Ordinal);
        Assert.Contains("ratings[1] is 6; valid values are 1 to 5", Assert.Throws<ArgumentOutOfRangeException>(() => Ces.CalculateWeighted([1, 6], [1, 1], CesScale.FivePointEffort)).Message, StringComparison.Ordinal);
        Assert.Contains("weights[0] is -1", Assert.Throws<ArgumentOutOfRangeException>(() => Csat.CalculateWeighted([1, 2], [-1, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("ratings[0] is 0", Assert.Throws<ArgumentOutOfRangeException>(() => Csat.CalculateWeighted([0, 2], [1, double.NaN])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ces.CalculateWeighted([1], [1], CesScale.None));
        Assert.Throws<ArgumentException>(() => Ces.CalculateWeighted([1], [1], CesScale.FivePointEffort) + Ces.CalculateWeighted([1], [1], CesScale.SevenPointAgreement));
        Assert.Throws<ArgumentException>(() => Csat.CalculateWeighted([1], [1]) + Csat.CalculateWeighted([1], [1], 10));

        WeightedCesResult none = Ces.CalculateWeighted([3, 4], [0, 0], CesScale.FivePointEffort);
        Assert.True(double.IsNaN(none.Mean));
        Assert.Throws<InvalidOperationException>(() => none.MeanInterval());
        WeightedCsatResult empty = Csat.CalculateWeighted([], []);
        Assert.True(double.IsNaN(empty.SatisfiedShare));
        Assert.Throws<InvalidOperationException>(() => empty.Interval());

        Assert.Equal("sumOfSquaredWeights", Assert.Throws<ArgumentException>(() => new WeightedCsatResult(5, 2, [1, 1, 0, 0, 0], 10, 2, 0)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => new WeightedCesResult(CesScale.FivePointEffort, [1, 1], 1, 2, 0)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentException>(() => new WeightedCesResult(CesScale.None, [], 0, 3, 0)).ParamName);
    }

    /// <summary>
    /// Coverage by seeded simulation: 2,000 samples of n = 300 with lognormal weights (σ = 0.8, design effect about
    /// 1.9) independent of the ratings; at 95 % the Kish-effective-n intervals must cover the true values 93–97 % of the time.
    /// </summary>
    [Fact]
    public void Intervals_on_the_effective_sample_size_cover_at_the_nominal_rate()
    {
        double[] probabilities = [0.05, 0.05, 0.10, 0.15, 0.25, 0.25, 0.15]; // ratings 1..7
        double trueMean = probabilities.Select((p, k) => p * (k + 1)).Sum();
        double trueTopBox = probabilities[5] + probabilities[6];             // CSAT with 7 points: top 2
        var random = new Random(20261126);
        const int Replications = 2000, N = 300;
        int cesCovered = 0, csatCovered = 0;
        var ratings = new byte[N];
        var weights = new double[N];
        for (int r = 0; r < Replications; r++)
        {
            for (int i = 0; i < N; i++)
            {
                double u = random.NextDouble();
                int k = 0;
                while (k < 6 && u >= probabilities[k])
                {
                    u -= probabilities[k];
                    k++;
                }

                ratings[i] = (byte)(k + 1);
                double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                weights[i] = Math.Exp(0.8 * z);
            }

            ConfidenceInterval mean = Ces.CalculateWeighted(ratings, weights, CesScale.SevenPointAgreement).MeanInterval(0.95);
            cesCovered += mean.Lower <= trueMean && trueMean <= mean.Upper ? 1 : 0;
            ConfidenceInterval share = Csat.CalculateWeighted(ratings, weights, 7).Interval(0.95);
            csatCovered += share.Lower <= trueTopBox && trueTopBox <= share.Upper ? 1 : 0;
        }

        Assert.InRange(cesCovered / (double)Replications, 0.93, 0.97);
        Assert.InRange(csatCovered / (double)Replications, 0.93, 0.97);
    }
}
