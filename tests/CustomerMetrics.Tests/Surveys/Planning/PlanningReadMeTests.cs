using CustomerMetrics.Surveys;

namespace CustomerMetrics.Tests.Surveys.Planning;

public class PlanningReadMeTests
{
    [Fact]
    public void ReadMe_planning_snippet_runs_and_is_in_the_readme()
    {
        var random = new Random(4);
        byte[] storeA = [.. Enumerable.Range(0, 400).Select(_ => (byte)Math.Min(5, random.Next(1, 7)))];
        byte[] storeB = [.. Enumerable.Range(0, 300).Select(_ => (byte)random.Next(1, 6))];
        byte[] chatA = [.. Enumerable.Range(0, 250).Select(_ => (byte)random.Next(3, 8))];
        byte[] chatB = [.. Enumerable.Range(0, 200).Select(_ => (byte)random.Next(1, 8))];
        var output = new StringWriter();

        // README survey planning begin
        long worstCase = SurveyPlanning.NpsResponsesNeededWorstCase(marginOfError: 5);      // ±5 points at 95 %: 1,537
        long expected = SurveyPlanning.NpsResponsesNeeded(5, promoterShare: 0.45, detractorShare: 0.20);
        double detectable = SurveyPlanning.NpsMinimumDetectableDifference(800, 800, 0.45, 0.20); // points; power 0.8, α 0.05
        long perGroup = SurveyPlanning.NpsResponsesPerGroup(difference: 5, 0.45, 0.20);
        output.WriteLine($"NPS ±5: {worstCase} (worst case), {expected} (45 % / 20 %); 800 vs 800 detects {detectable:0.0} points; 5 points needs {perGroup} a group");

        string?[] export = ["10 - Extremely likely", " 9 ", "N/A", "", "Don't know", "7.5", "0 – Not at all likely", "6"];
        var scores = new byte[export.Length];
        ScoreParseResult parsed = ScoreText.Parse(export, scores, NpsScale.ZeroToTen); // a rejected row becomes 255
        NpsResult nps = Nps.CalculateLenient(scores);                                   // ... which Rejected counts
        byte[] askedOneToTen = [1, 10, 9, 0, 7];
        NpsResult oneToTen = Nps.CalculateLenient(askedOneToTen, NpsScale.OneToTen);    // 0 is off a 1–10 scale
        output.WriteLine($"{parsed}; {nps}; {oneToTen}");

        CsatComparison csat = Csat.Compare(Csat.Calculate(storeA), Csat.Calculate(storeB));   // Newcombe interval, z test
        CesComparison ces = Ces.Compare(Ces.Calculate(chatA, CesScale.SevenPointAgreement),
            Ces.Calculate(chatB, CesScale.SevenPointAgreement));                                // Welch interval and p
        output.WriteLine(csat);
        output.WriteLine(ces);
        // README survey planning end

        Assert.Equal(1537, worstCase);
        Assert.Equal(4, parsed.Parsed);
        Assert.Equal(4, nps.Rejected);
        Assert.Equal(1, oneToTen.Rejected);
        Assert.True(ces.Difference > 0);
        Assert.Contains("ΔCSAT", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(ReadMeTests.Snippet("README survey planning"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
