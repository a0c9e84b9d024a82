using CustomerMetrics.Surveys;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace CustomerMetrics.Tests.Surveys.Planning;

public class SurveyPlanningTests(ITestOutputHelper output)
{
    private const int Replications = 4_000;

    [Fact]
    public void Worst_case_sizes_match_the_textbook_closed_forms()
    {
        // Cochran's n0 = z² p(1 − p) / m² at p = 0.5, z = 1.959964: the 385 and 1,068 every survey calculator quotes.
        Assert.Equal(385, SurveyPlanning.CsatResponsesNeededWorstCase(0.05));
        Assert.Equal(1068, SurveyPlanning.CsatResponsesNeededWorstCase(0.03));
        // 99 %: z = 2.575829, 2.575829² · 0.25 / 0.05² = 663.5 → 664.
        Assert.Equal(664, SurveyPlanning.CsatResponsesNeededWorstCase(0.05, 0.99));
        // NPS worst case: variance 1 at p = d = 0.5, so 1.959964² / 0.05² = 1536.6 → 1537.
        Assert.Equal(1537, SurveyPlanning.NpsResponsesNeededWorstCase(5));
        Assert.Equal(SurveyPlanning.NpsResponsesNeeded(5, 0.5, 0.5), SurveyPlanning.NpsResponsesNeededWorstCase(5));
        // CES worst case: half the range, 2 on 1–5 and 3 on 1–7.
        Assert.Equal(SurveyPlanning.CesResponsesNeeded(0.2, 2), SurveyPlanning.CesResponsesNeededWorstCase(0.2, CesScale.FivePointEffort));
        Assert.Equal(SurveyPlanning.CesResponsesNeeded(0.2, 3), SurveyPlanning.CesResponsesNeededWorstCase(0.2, CesScale.SevenPointAgreement));
    }

    [Theory]
    [InlineData(5, 0.5, 0.2, 0.95)]
    [InlineData(3, 0.3, 0.3, 0.9)]
    [InlineData(10, 0.7, 0.05, 0.99)]
    public void Nps_size_is_the_smallest_n_whose_planned_half_width_meets_the_target(double margin, double p, double d, double level)
    {
        long n = SurveyPlanning.NpsResponsesNeeded(margin, p, d, level);
        double z = Normal.InvCDF(0, 1, 0.5 + (level / 2));
        double variance = p + d - ((p - d) * (p - d));
        Assert.True(100 * z * Math.Sqrt(variance / n) <= margin * (1 + 1e-12));
        Assert.True(100 * z * Math.Sqrt(variance / (n - 1)) > margin);
    }

    [Fact]
    public void Ces_size_is_the_smallest_n_whose_t_interval_meets_the_target()
    {
        foreach ((double margin, double sd) in new[] { (1.0, 1.0), (0.1, 1.5), (0.25, 2.0), (0.5, 0.4) })
        {
            long n = SurveyPlanning.CesResponsesNeeded(margin, sd);
            static double HalfWidth(long k, double s) => StudentT.InvCDF(0, 1, k - 1, 0.975) * s / Math.Sqrt(k);
            Assert.True(HalfWidth(n, sd) <= margin);
            Assert.True(n == 2 || HalfWidth(n - 1, sd) > margin);
        }

        // By hand: t(5) · 1/√6 = 1.050 > 1, t(6) · 1/√7 = 0.925 ≤ 1.
        Assert.Equal(7, SurveyPlanning.CesResponsesNeeded(1.0, 1.0));
    }

    [Fact]
    public void Simulated_nps_wald_half_width_at_the_planned_n_is_the_target_and_covers_at_95_percent()
    {
        const double p = 0.5, d = 0.2, margin = 5, trueNps = 30;
        long n = SurveyPlanning.NpsResponsesNeeded(margin, p, d);
        var random = new Random(20261126);
        var halfWidths = new double[Replications];
        int covered = 0;
        for (int r = 0; r < Replications; r++)
        {
            NpsResult result = DrawNps(random, (int)n, p, d);
            ConfidenceInterval ci = result.Interval(0.95, NpsIntervalMethod.Wald);
            halfWidths[r] = ci.Width / 2;
            covered += ci.Contains(trueNps) ? 1 : 0;
        }

        Array.Sort(halfWidths);
        output.WriteLine($"NPS n = {n}: median Wald half-width {halfWidths[Replications / 2]:0.0000}, coverage {covered / (double)Replications:0.0000}");
        Assert.InRange(halfWidths[Replications / 2], margin * 0.98, margin * 1.01);
        Assert.InRange(covered / (double)Replications, 0.935, 0.965);
    }

    [Fact]
    public void Simulated_csat_wilson_half_width_at_the_planned_n_is_the_target()
    {
        const double share = 0.8, margin = 0.03;
        long n = SurveyPlanning.CsatResponsesNeeded(margin, share);
        var random = new Random(11);
        var binomial = new Binomial(share, (int)n, random);
        var halfWidths = new double[Replications];
        for (int r = 0; r < Replications; r++)
        {
            long satisfied = binomial.Sample();
            var result = new CsatResult(5, 2, [0, 0, n - satisfied, satisfied, 0]);
            halfWidths[r] = result.Interval().Width / 2;
        }

        Array.Sort(halfWidths);
        output.WriteLine($"CSAT n = {n}: median Wilson half-width {halfWidths[Replications / 2]:0.00000}");
        Assert.InRange(halfWidths[Replications / 2], margin * 0.97, margin * 1.03);
    }

    [Fact]
    public void Simulated_ces_t_half_width_at_the_planned_n_is_the_target()
    {
        // Ratings 1..7 with these probabilities: the true SD is computed from them, not taken from the code.
        double[] probabilities = [0.05, 0.05, 0.1, 0.15, 0.25, 0.25, 0.15];
        double mean = probabilities.Select((q, i) => q * (i + 1)).Sum();
        double sd = Math.Sqrt(probabilities.Select((q, i) => q * (i + 1 - mean) * (i + 1 - mean)).Sum());
        const double margin = 0.1;
        long n = SurveyPlanning.CesResponsesNeeded(margin, sd);
        var random = new Random(5);
        var halfWidths = new double[2_000];
        var ratings = new byte[n];
        for (int r = 0; r < halfWidths.Length; r++)
        {
            for (int i = 0; i < n; i++)
            {
                double u = random.NextDouble();
                int k = 0;
                while (k < 6 && u >= probabilities[k])
                {
                    u -= probabilities[k];
                    k++;
                }

                ratings[i] = (byte)(k + 1);
            }

            halfWidths[r] = Ces.Calculate(ratings, CesScale.SevenPointAgreement).MeanInterval().Width / 2;
        }

        Array.Sort(halfWidths);
        output.WriteLine($"CES n = {n}: median t half-width {halfWidths[halfWidths.Length / 2]:0.00000}");
        Assert.InRange(halfWidths[halfWidths.Length / 2], margin * 0.97, margin * 1.03);
    }

    [Fact]
    public void Simulated_power_of_the_nps_z_test_at_the_minimum_detectable_difference_is_the_target_within_3_points()
    {
        // Group 1: 45 % promoters, 20 % detractors (NPS 25, variance 0.5875). Group 2 differs by the MDD with the same
        // variance, so the planning assumption (one variance for both) holds: p₂ + d₂ = σ² + N₂², p₂ − d₂ = N₂.
        const double p1 = 0.45, d1 = 0.20;
        const int n = 500;
        double variance = p1 + d1 - ((p1 - d1) * (p1 - d1));
        double mdd = SurveyPlanning.NpsMinimumDetectableDifference(n, n, p1, d1, power: 0.8, alpha: 0.05);
        double nps2 = (p1 - d1) + (mdd / 100);
        double sum2 = variance + (nps2 * nps2);
        double p2 = (sum2 + nps2) / 2, d2 = (sum2 - nps2) / 2;
        var random = new Random(42);
        int rejected = 0;
        for (int r = 0; r < Replications; r++)
        {
            NpsComparison comparison = Nps.Compare(DrawNps(random, n, p2, d2), DrawNps(random, n, p1, d1));
            rejected += comparison.PValue < 0.05 ? 1 : 0;
        }

        output.WriteLine($"MDD {mdd:0.000} points at 500 vs 500: empirical power {rejected / (double)Replications:0.0000}");
        Assert.InRange(rejected / (double)Replications, 0.77, 0.83);
        // The inverse gives back the 500 per group for that difference.
        Assert.Equal(n, SurveyPlanning.NpsResponsesPerGroup(mdd * (1 + 1e-9), p1, d1));
    }

    [Fact]
    public void Simulated_power_at_the_planned_n_per_group_is_the_target_within_3_points()
    {
        const double p = 0.4, d = 0.25, difference = 10;
        long n = SurveyPlanning.NpsResponsesPerGroup(difference, p, d, power: 0.9);
        double variance = p + d - ((p - d) * (p - d));
        double nps2 = (p - d) + (difference / 100), sum2 = variance + (nps2 * nps2);
        var random = new Random(9);
        int rejected = 0;
        for (int r = 0; r < Replications; r++)
        {
            rejected += Nps.Compare(DrawNps(random, (int)n, (sum2 + nps2) / 2, (sum2 - nps2) / 2), DrawNps(random, (int)n, p, d)).PValue < 0.05 ? 1 : 0;
        }

        output.WriteLine($"n = {n} a group for 10 points: empirical power {rejected / (double)Replications:0.0000}");
        Assert.InRange(rejected / (double)Replications, 0.87, 0.93);
    }

    [Fact]
    public void Bad_input_throws_naming_the_argument_and_value_and_undefined_targets_never_give_zero()
    {
        AssertNamed("marginOfError", "0", () => SurveyPlanning.NpsResponsesNeededWorstCase(0));
        AssertNamed("marginOfError", "NaN", () => SurveyPlanning.CsatResponsesNeededWorstCase(double.NaN));
        AssertNamed("marginOfError", "-1", () => SurveyPlanning.CesResponsesNeeded(-1, 1));
        AssertNamed("marginOfError", "1E-300", () => SurveyPlanning.NpsResponsesNeededWorstCase(1e-300));
        AssertNamed("confidenceLevel", "1", () => SurveyPlanning.NpsResponsesNeededWorstCase(5, 1));
        AssertNamed("detractorShare", "0.6", () => SurveyPlanning.NpsResponsesNeeded(5, 0.5, 0.6));
        AssertNamed("promoterShare", "1.5", () => SurveyPlanning.NpsResponsesNeeded(5, 1.5, 0));
        AssertNamed("promoterShare", "1", () => SurveyPlanning.NpsResponsesNeeded(5, 1, 0));      // no variance
        AssertNamed("expectedShare", "0", () => SurveyPlanning.CsatResponsesNeeded(0.05, 0));
        AssertNamed("standardDeviation", "0", () => SurveyPlanning.CesResponsesNeeded(0.1, 0));
        AssertNamed("firstCount", "0", () => SurveyPlanning.NpsMinimumDetectableDifference(0, 10, 0.5, 0.2));
        AssertNamed("power", "1", () => SurveyPlanning.NpsMinimumDetectableDifference(10, 10, 0.5, 0.2, power: 1));
        AssertNamed("alpha", "0", () => SurveyPlanning.NpsMinimumDetectableDifference(10, 10, 0.5, 0.2, alpha: 0));
        AssertNamed("difference", "0", () => SurveyPlanning.NpsResponsesPerGroup(0, 0.5, 0.2));
        Assert.Throws<ArgumentException>(() => SurveyPlanning.CesResponsesNeededWorstCase(0.1, CesScale.None));
    }

    private static void AssertNamed(string name, string value, Func<object> act)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => act());
        Assert.Equal(name, exception.ParamName);
        Assert.Contains($"{name} is {value}", exception.Message, StringComparison.Ordinal);
    }

    internal static NpsResult DrawNps(Random random, int n, double p, double d)
    {
        long promoters = 0, detractors = 0;
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            promoters += u < p ? 1 : 0;
            detractors += u >= p && u < p + d ? 1 : 0;
        }

        return new NpsResult(promoters, n - promoters - detractors, detractors);
    }
}
