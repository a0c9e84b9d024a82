using System.Globalization;
using CustomerMetrics.Surveys;

namespace Quickstart;

/// <summary>Survey metrics on built-in synthetic responses: NPS with intervals and a comparison, CES 2.0 and CSAT.</summary>
internal static class SurveysSection
{
    public static void Print(TextWriter output)
    {
        output.WriteLine("== Surveys: NPS, CES, CSAT");

        // Two regions' NPS answers, drawn from fixed trinomials with a fixed seed.
        byte[] north = SyntheticData.NpsScores(count: 2_000, promoterShare: 0.48, detractorShare: 0.17, seed: 1);
        byte[] south = SyntheticData.NpsScores(count: 1_500, promoterShare: 0.41, detractorShare: 0.22, seed: 2);
        NpsResult northNps = Nps.Calculate(north);
        NpsResult southNps = Nps.Calculate(south);
        output.WriteLine($"North  {northNps}");
        output.WriteLine($"       95 % adjusted Wald {northNps.Interval()}, score {northNps.Interval(0.95, NpsIntervalMethod.Score)}");
        output.WriteLine($"South  {southNps}");
        output.WriteLine($"All    {northNps + southNps}   (merged from the two regions)");
        NpsComparison comparison = Nps.Compare(northNps, southNps);
        output.WriteLine($"North − South: {comparison}, 95 % CI {comparison.Interval()}");

        // The north answers as two months (first and second 1,000): each month's change from the one before.
        NpsResult[] northMonths = [Nps.Calculate(north.AsSpan(0, 1_000)), Nps.Calculate(north.AsSpan(1_000))];
        var monthChanges = new NpsComparison[2];
        Nps.PeriodOverPeriod(northMonths, monthChanges);
        output.WriteLine($"North month 2 − month 1: {monthChanges[1]}, 95 % CI {monthChanges[1].Interval()}");

        // A survey export with blanks coded 255 and "don't know" coded 99: the lenient path counts what it skips.
        byte[] export = [.. north.Take(20), 255, 99, 10, 9];
        output.WriteLine($"Dirty export (lenient): {Nps.CalculateLenient(export)}");

        // Survey weights (e.g. to match the customer base by plan): Kish's effective n drives the interval.
        double[] weights = north.Select((_, i) => i % 4 == 0 ? 2.0 : 0.8).ToArray();
        WeightedNpsResult weighted = Nps.CalculateWeighted(north, weights);
        output.WriteLine($"North {weighted}, 95 % CI {weighted.Interval()}");

        byte[] ces = SyntheticData.Ratings(count: 1_200, points: 7, seed: 3, skew: 1.6);
        CesResult effort = Ces.Calculate(ces, CesScale.SevenPointAgreement);
        output.WriteLine(effort);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"       mean 95 % CI {effort.MeanInterval()}"));

        byte[] csat = SyntheticData.Ratings(count: 900, points: 5, seed: 4, skew: 1.9);
        CsatResult satisfaction = Csat.Calculate(csat);
        output.WriteLine(satisfaction);
        output.WriteLine($"       95 % Wilson CI {satisfaction.Interval()} (fractions)");
        output.WriteLine();
    }
}
