using CustomerMetrics.Surveys;

namespace Quickstart;

/// <summary>Weighting a sample to the customer base by raking, then weighted NPS, CES and CSAT on Kish's effective n.</summary>
internal static class WeightsSection
{
    public static void Print(TextWriter output)
    {
        output.WriteLine("== Surveys: weighting to the population (raking)");

        // 3,000 responses that over-represent the Enterprise plan (code 2) and the EU (code 0).
        var random = new Random(5);
        int n = 3_000;
        byte[] plan = [.. Enumerable.Range(0, n).Select(_ => (byte)(random.NextDouble() < 0.45 ? 2 : random.Next(2)))];
        byte[] region = [.. Enumerable.Range(0, n).Select(_ => (byte)(random.NextDouble() < 0.55 ? 0 : 1 + random.Next(2)))];
        byte[] scores = [.. plan.Select(p => (byte)Math.Min(10, random.Next(8) + p + 1))];
        byte[] effort = [.. scores.Select(s => (byte)(1 + (s * 6 / 10)))];
        byte[] satisfaction = [.. scores.Select(s => (byte)(1 + (s * 4 / 10)))];

        RakingMargin[] margins =
        [
            RakingMargin.FromShares("plan", plan, [0.60, 0.30, 0.10]),
            RakingMargin.FromShares("region", region, [0.40, 0.35, 0.25]),
        ];
        var weights = new double[n];
        RakingResult raking = Raking.Rake(margins, weights, new RakingOptions { UpperTrim = 5 });
        output.WriteLine(raking);
        output.WriteLine($"Unweighted {Nps.Calculate(scores)}");
        WeightedNpsResult nps = Nps.CalculateWeighted(scores, weights);
        output.WriteLine($"Weighted   {nps}, 95 % CI {nps.Interval()}");
        WeightedCesResult ces = Ces.CalculateWeighted(effort, weights, CesScale.SevenPointAgreement);
        output.WriteLine($"{ces}, mean 95 % CI {ces.MeanInterval()}");
        WeightedCsatResult csat = Csat.CalculateWeighted(satisfaction, weights);
        output.WriteLine($"{csat}, 95 % CI {csat.Interval()} (fractions)");
        output.WriteLine();
    }
}
