using CustomerMetrics.Surveys;

namespace Quickstart;

/// <summary>Survey planning, NPS on a 1–10 scale, a messy text export, and two-group CES and CSAT comparisons.</summary>
internal static class PlanningSection
{
    public static void Print(TextWriter output)
    {
        output.WriteLine("== Survey planning, scales and messy exports");

        output.WriteLine($"Responses for NPS ±5 points at 95 %: {SurveyPlanning.NpsResponsesNeededWorstCase(5):N0} (shares unknown), " +
            $"{SurveyPlanning.NpsResponsesNeeded(5, 0.45, 0.20):N0} (45 % promoters, 20 % detractors)");
        output.WriteLine($"Responses for CSAT ±3 points at 95 %: {SurveyPlanning.CsatResponsesNeededWorstCase(0.03):N0}; " +
            $"CES 2.0 mean ±0.1 with SD 1.5: {SurveyPlanning.CesResponsesNeeded(0.1, 1.5):N0}");
        output.WriteLine($"Smallest NPS difference 800 vs 800 responses detect (power 0.8, α 0.05): " +
            $"{SurveyPlanning.NpsMinimumDetectableDifference(800, 800, 0.45, 0.20):0.0} points; " +
            $"5 points needs {SurveyPlanning.NpsResponsesPerGroup(5, 0.45, 0.20):N0} a group");

        string?[] export = ["10 - Extremely likely", " 9 ", "N/A", "", "Don't know", "7.5", "0 – Not at all likely", "6", "11", "8/10"];
        var scores = new byte[export.Length];
        ScoreParseResult parsed = ScoreText.Parse(export, scores, NpsScale.ZeroToTen);
        output.WriteLine($"Text export: {parsed}; {Nps.CalculateLenient(scores)}");

        byte[] oneToTen = SyntheticData.NpsScores(count: 1_000, promoterShare: 0.4, detractorShare: 0.25, seed: 11);
        for (int i = 0; i < oneToTen.Length; i += 50)
        {
            oneToTen[i] = 0;   // a few zeros, off a 1–10 scale
        }

        output.WriteLine($"Asked on {NpsScale.OneToTen}: {Nps.CalculateLenient(oneToTen, NpsScale.OneToTen)}");

        byte[] storeA = SyntheticData.Ratings(count: 600, points: 5, seed: 12, skew: 1.5);
        byte[] storeB = SyntheticData.Ratings(count: 500, points: 5, seed: 13, skew: 1.2);
        output.WriteLine(Csat.Compare(Csat.Calculate(storeA), Csat.Calculate(storeB)));
        byte[] chatA = SyntheticData.Ratings(count: 400, points: 7, seed: 14, skew: 1.6);
        byte[] chatB = SyntheticData.Ratings(count: 350, points: 7, seed: 15, skew: 1.3);
        output.WriteLine(Ces.Compare(Ces.Calculate(chatA, CesScale.SevenPointAgreement), Ces.Calculate(chatB, CesScale.SevenPointAgreement)));
        output.WriteLine();
    }
}
