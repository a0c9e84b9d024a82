using CustomerMetrics.Surveys;

namespace CustomerMetrics.Tests.Surveys.Weights;

public class WeightsReadMeTests
{
    [Fact]
    public void ReadMe_weighting_snippet_runs_and_is_in_the_readme()
    {
        // A sample that over-represents the Enterprise plan and the EU region, with NPS, CES and CSAT answers.
        var random = new Random(11);
        int n = 2_000;
        byte[] plan = [.. Enumerable.Range(0, n).Select(_ => (byte)(random.NextDouble() < 0.5 ? 2 : random.Next(2)))];
        byte[] region = [.. Enumerable.Range(0, n).Select(_ => (byte)(random.NextDouble() < 0.6 ? 0 : 1 + random.Next(2)))];
        byte[] scores = [.. plan.Select(p => (byte)Math.Min(10, random.Next(8) + p + 1))];
        byte[] effort = [.. scores.Select(s => (byte)(1 + (s * 6 / 10)))];
        byte[] satisfaction = [.. scores.Select(s => (byte)(1 + (s * 4 / 10)))];

        // README weighting begin
        // The customer base: 60 % Starter, 30 % Pro, 10 % Enterprise; 40 % EU, 35 % US, 25 % APAC.
        RakingMargin[] margins =
        [
            RakingMargin.FromShares("plan", plan, [0.60, 0.30, 0.10]),       // codes 0..2, one per response
            RakingMargin.FromShares("region", region, [0.40, 0.35, 0.25]),
        ];
        var weights = new double[scores.Length];
        RakingResult raking = Raking.Rake(margins, weights, new RakingOptions { UpperTrim = 5 });
        Console.WriteLine(raking);   // converged, sweeps, max margin error, design effect, effective n

        WeightedNpsResult nps = Nps.CalculateWeighted(scores, weights);
        WeightedCesResult ces = Ces.CalculateWeighted(effort, weights, CesScale.SevenPointAgreement);
        WeightedCsatResult csat = Csat.CalculateWeighted(satisfaction, weights);
        Console.WriteLine($"{nps}, 95 % CI {nps.Interval()}");                 // intervals on Kish's effective n
        Console.WriteLine($"{ces}, mean 95 % CI {ces.MeanInterval()}");
        Console.WriteLine($"{csat}, 95 % CI {csat.Interval()}");
        // README weighting end

        Assert.True(raking.Converged, raking.Reason);
        Assert.Equal(0.10, Enumerable.Range(0, n).Where(i => plan[i] == 2).Sum(i => weights[i]) / n, 5);
        Assert.InRange(raking.DesignEffect, 1.1, 5);
        Assert.True(nps.Score < Nps.Calculate(scores).Score);   // Enterprise answers score higher and weigh less
        Assert.Equal(raking.EffectiveSampleSize, csat.EffectiveSampleSize, 6);
        Assert.Contains(ReadMeTests.Snippet("README weighting"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
