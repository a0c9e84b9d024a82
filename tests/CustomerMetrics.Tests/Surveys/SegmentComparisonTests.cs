using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;

namespace CustomerMetrics.Tests.Surveys;

public class SegmentComparisonTests
{
    [Fact]
    public void Chi_square_matches_the_closed_form_for_two_degrees_of_freedom()
    {
        // Rows (promoters, passives, detractors) 50/30/20 and 30/30/40: expected 40/30/30 in each row,
        // χ² = 2 × (10²/40 + 10²/30) = 35/3, and with two degrees of freedom P(χ² ≥ x) = exp(−x/2).
        NpsSegmentComparison result = Nps.CompareSegments([NpsResult.FromCounts(50, 30, 20), NpsResult.FromCounts(30, 30, 40)]);
        Assert.Equal(35.0 / 3, result.Homogeneity.ChiSquare, 12);
        Assert.Equal(2, result.Homogeneity.DegreesOfFreedom);
        Assert.Equal(Math.Exp(-35.0 / 6), result.Homogeneity.PValue, 12);
    }

    [Fact]
    public void Chi_square_p_value_matches_mathnet_for_a_larger_table()
    {
        NpsResult[] segments = [NpsResult.FromCounts(120, 80, 50), NpsResult.FromCounts(90, 70, 60), NpsResult.FromCounts(60, 40, 30), NpsResult.FromCounts(200, 90, 110)];
        NpsHomogeneityTest test = Nps.CompareSegments(segments).Homogeneity;
        double total = segments.Sum(s => s.Count);
        double[] columns = [segments.Sum(s => s.Promoters), segments.Sum(s => s.Passives), segments.Sum(s => s.Detractors)];
        double expectedStatistic = segments.Sum(s =>
            Sq(s.Promoters - (s.Count * columns[0] / total)) / (s.Count * columns[0] / total)
            + (Sq(s.Passives - (s.Count * columns[1] / total)) / (s.Count * columns[1] / total))
            + (Sq(s.Detractors - (s.Count * columns[2] / total)) / (s.Count * columns[2] / total)));
        Assert.Equal(expectedStatistic, test.ChiSquare, 10);
        Assert.Equal(6, test.DegreesOfFreedom);
        Assert.Equal(1 - MathNet.Numerics.Distributions.ChiSquared.CDF(6, expectedStatistic), test.PValue, 10);

        static double Sq(double x) => x * x;
    }

    [Fact]
    public void Pairs_are_the_two_sample_tests_with_holm_and_bonferroni_adjustment()
    {
        NpsResult[] segments = [NpsResult.FromCounts(50, 30, 20), NpsResult.FromCounts(30, 30, 40), NpsResult.FromCounts(45, 35, 20)];
        NpsSegmentComparison result = Nps.CompareSegments(segments);
        Assert.Equal(3, result.Pairs.Count);
        double[] raw = [.. result.Pairs.Select(p => p.Comparison.PValue)];
        foreach (NpsPairwiseDifference pair in result.Pairs)
        {
            Assert.Equal(Nps.Compare(segments[pair.First], segments[pair.Second]), pair.Comparison);
            Assert.Equal(Math.Min(1, 3 * pair.Comparison.PValue), pair.BonferroniPValue, 15);
            Assert.Equal(pair, result.Pair(pair.Second, pair.First));
        }

        // Holm by hand: sort ascending, multiply by 3, 2, 1, running maximum.
        int[] order = [.. Enumerable.Range(0, 3).OrderBy(i => raw[i])];
        double a = Math.Min(1, 3 * raw[order[0]]);
        double b = Math.Max(a, Math.Min(1, 2 * raw[order[1]]));
        double c = Math.Max(b, Math.Min(1, raw[order[2]]));
        Assert.Equal(a, result.Pairs[order[0]].HolmPValue, 15);
        Assert.Equal(b, result.Pairs[order[1]].HolmPValue, 15);
        Assert.Equal(c, result.Pairs[order[2]].HolmPValue, 15);
    }

    [Fact]
    public void Holm_adjustment_of_a_textbook_example()
    {
        // p = 0.01, 0.04, 0.03, 0.005 → sorted 0.005, 0.01, 0.03, 0.04 × 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 → monotone 0.02, 0.03, 0.06, 0.06.
        double[] adjusted = Nps.Holm([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void Under_the_null_the_tests_keep_their_size_in_simulation()
    {
        // Four segments of 200 responses from one distribution (p 0.45, passives 0.30, d 0.25), 2,000 seeded replicates:
        // the χ² test rejects at 5 % about 5 % of the time, and Holm keeps the family-wise error at or below 5 %.
        var random = new Random(9);
        int chiRejections = 0, holmFamilyErrors = 0, bonferroniFamilyErrors = 0;
        const int Replicates = 2000;
        var segments = new NpsResult[4];
        for (int r = 0; r < Replicates; r++)
        {
            for (int g = 0; g < segments.Length; g++)
            {
                long p = 0, pa = 0, d = 0;
                for (int i = 0; i < 200; i++)
                {
                    double u = random.NextDouble();
                    if (u < 0.45)
                    {
                        p++;
                    }
                    else if (u < 0.75)
                    {
                        pa++;
                    }
                    else
                    {
                        d++;
                    }
                }

                segments[g] = NpsResult.FromCounts(p, pa, d);
            }

            NpsSegmentComparison result = Nps.CompareSegments(segments);
            chiRejections += result.Homogeneity.PValue < 0.05 ? 1 : 0;
            holmFamilyErrors += result.Pairs.Any(x => x.HolmPValue < 0.05) ? 1 : 0;
            bonferroniFamilyErrors += result.Pairs.Any(x => x.BonferroniPValue < 0.05) ? 1 : 0;
        }

        double size = (double)chiRejections / Replicates;
        Assert.InRange(size, 0.035, 0.065);
        Assert.InRange((double)holmFamilyErrors / Replicates, 0.0, 0.06);
        Assert.True(bonferroniFamilyErrors <= holmFamilyErrors);
    }

    [Fact]
    public void Bad_input_throws_and_degenerate_tables_give_nan()
    {
        Assert.Throws<ArgumentException>(() => Nps.CompareSegments([NpsResult.FromCounts(1, 1, 1)]));
        var exception = Assert.Throws<ArgumentException>(() => Nps.CompareSegments([NpsResult.FromCounts(1, 1, 1), NpsResult.Empty]));
        Assert.Contains("segments[1]", exception.Message, StringComparison.Ordinal);
        NpsHomogeneityTest test = Nps.CompareSegments([NpsResult.FromCounts(3, 0, 0), NpsResult.FromCounts(5, 0, 0)]).Homogeneity;
        Assert.Equal(0, test.DegreesOfFreedom);
        Assert.True(double.IsNaN(test.PValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsHomogeneityTest(-1, 2, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsPairwiseDifference(1, 1, default, 0.5, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsPairwiseDifference(0, 1, default, 1.5, 0.5));
    }

    [Fact]
    public void Comparison_types_round_trip_through_json()
    {
        NpsSegmentComparison result = Nps.CompareSegments([NpsResult.FromCounts(50, 30, 20), NpsResult.FromCounts(30, 30, 40), NpsResult.FromCounts(45, 35, 20)]);
        string json = JsonSerializer.Serialize(result, CustomerMetricsJsonContext.Default.NpsSegmentComparison);
        NpsSegmentComparison back = JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.NpsSegmentComparison)!;
        Assert.Equal(result.Pairs, back.Pairs);
        Assert.Equal(result.Homogeneity, back.Homogeneity);
        NpsHomogeneityTest nan = new(double.NaN, 0, double.NaN);
        Assert.Equal(nan, JsonSerializer.Deserialize(JsonSerializer.Serialize(nan, CustomerMetricsJsonContext.Default.NpsHomogeneityTest), CustomerMetricsJsonContext.Default.NpsHomogeneityTest));
        NpsPairwiseDifference empty = default;
        Assert.Equal(empty, JsonSerializer.Deserialize(JsonSerializer.Serialize(empty, CustomerMetricsJsonContext.Default.NpsPairwiseDifference), CustomerMetricsJsonContext.Default.NpsPairwiseDifference));
    }
}
