using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys.Planning;

/// <summary>An exported answer built around a known score, for the round-trip property.</summary>
public sealed record LabelledAnswer(int Score, string Text)
{
    public override string ToString() => $"{Score} ← \"{Text}\"";
}

/// <summary>Text with no digit at all.</summary>
public sealed record Garbage(string Text)
{
    public override string ToString() => $"\"{Text}\"";
}

public static class ScoreTextArbitraries
{
    private static readonly string[] Spaces = ["", " ", "  ", "\t", "\u00A0", " \t "];
    private static readonly string[] Separators = [" - ", " – ", " — ", ": ", " ", ") ", ". ", ", ", "-", "–", " (", " / "];
    private static readonly string[] Labels = ["Extremely likely", "Not at all likely", "neutral", "Very satisfied", "Don't know", "x", "N/A", "5 stars"];

    public static Arbitrary<LabelledAnswer> LabelledAnswer() =>
        (from score in Gen.Choose(0, 10)
         from before in Gen.Elements(Spaces)
         from after in Gen.Elements(Spaces)
         from labelled in Gen.Elements(false, true)
         from separator in Gen.Elements(Separators)
         from label in Gen.Elements(Labels)
         from fraction in Gen.Elements(false, false, true)
         let number = score.ToString(System.Globalization.CultureInfo.InvariantCulture) + (fraction ? "/10" : "")
         select new LabelledAnswer(score, before + number + (labelled ? separator + label : "") + after)).ToArbitrary();

    public static Arbitrary<Garbage> Garbage() =>
        Gen.ArrayOf(Gen.Elements("abcXYZ /-–.:,'?!()NA\t\u00A0é".ToCharArray()))
            .Select(chars => new Garbage(new string(chars)))
            .ToArbitrary();
}

public class ScoreTextTests
{
    [Theory]
    [InlineData(" 9 ", 9)]
    [InlineData("10 - Extremely likely", 10)]
    [InlineData("0 – Not at all likely", 0)]
    [InlineData("10: Extremely likely", 10)]
    [InlineData("7 (neutral)", 7)]
    [InlineData("9/10", 9)]
    [InlineData("+8", 8)]
    [InlineData("6.", 6)]
    [InlineData("\u00A05\t", 5)]
    public void Reads_the_leading_score_of_an_export(string text, int expected)
    {
        Assert.True(ScoreText.TryParse(text, 0, 10, out int score, out ScoreRejection rejection));
        Assert.Equal(expected, score);
        Assert.Equal(ScoreRejection.None, rejection);
    }

    [Theory]
    [InlineData("", ScoreRejection.Blank)]
    [InlineData("   ", ScoreRejection.Blank)]
    [InlineData("N/A", ScoreRejection.NoNumber)]
    [InlineData("Don't know", ScoreRejection.NoNumber)]
    [InlineData("Extremely likely - 10", ScoreRejection.NoNumber)]
    [InlineData("7.5", ScoreRejection.NotAnInteger)]
    [InlineData("7,5", ScoreRejection.NotAnInteger)]
    [InlineData("10.0", ScoreRejection.NotAnInteger)]
    [InlineData("11", ScoreRejection.OutOfScale)]
    [InlineData("-1", ScoreRejection.OutOfScale)]
    [InlineData("4/5", ScoreRejection.OutOfScale)]
    [InlineData("99999999999999999999", ScoreRejection.OutOfScale)]
    [InlineData("9abc", ScoreRejection.Malformed)]
    [InlineData("9/", ScoreRejection.Malformed)]
    public void Rejects_and_names_the_reason(string text, ScoreRejection reason)
    {
        Assert.False(ScoreText.TryParse(text, 0, 10, out int score, out ScoreRejection rejection));
        Assert.Equal(reason, rejection);
        Assert.Equal(0, score);
    }

    [Property(Arbitrary = [typeof(ScoreTextArbitraries)], MaxTest = 500)]
    public void Any_valid_score_with_whitespace_and_a_label_parses_to_itself(LabelledAnswer answer)
    {
        Assert.True(ScoreText.TryParse(answer.Text, 0, 10, out int score, out _));
        Assert.Equal(answer.Score, score);
    }

    [Property(Arbitrary = [typeof(ScoreTextArbitraries)], MaxTest = 500)]
    public void Text_without_a_digit_never_parses(Garbage garbage)
    {
        Assert.False(ScoreText.TryParse(garbage.Text, 0, 10, out _, out ScoreRejection rejection));
        Assert.True(rejection is ScoreRejection.Blank or ScoreRejection.NoNumber);
    }

    [Fact]
    public void Bulk_parse_counts_each_reason_and_marks_rejected_rows_for_the_lenient_calculators()
    {
        string?[] answers = ["10 - Extremely likely", " 9 ", "N/A", "", null, "Don't know", "7.5", "11", "0 – Not at all likely", "6", "9abc"];
        var scores = new byte[answers.Length];
        ScoreParseResult result = ScoreText.Parse(answers, scores, NpsScale.ZeroToTen);
        Assert.Equal(new ScoreParseResult(parsed: 4, blank: 2, noNumber: 2, notAnInteger: 1, outOfScale: 1, malformed: 1), result);
        Assert.Equal(7, result.Rejected);
        Assert.Equal(11, result.Total);
        Assert.Equal([10, 9, 255, 255, 255, 255, 255, 255, 0, 6, 255], scores);
        NpsResult nps = Nps.CalculateLenient(scores);
        Assert.Equal(new NpsResult(2, 0, 2, 7), nps);
        Assert.Equal(2, result.CountOf(ScoreRejection.NoNumber));
        Assert.Equal(4, result.CountOf(ScoreRejection.None));
        Assert.Equal("parsed 4 of 11; rejected 7 (blank 2, no number 2, decimal 1, out of scale 1, malformed 1)", result.ToString());
        Assert.Equal(result, JsonSerializer.Deserialize(JsonSerializer.Serialize(result, CustomerMetricsJsonContext.Default.ScoreParseResult), CustomerMetricsJsonContext.Default.ScoreParseResult));

        // 1–5 CSAT ratings: 0 and 6 are off the scale.
        byte[] ratings = new byte[4];
        ScoreParseResult csat = ScoreText.Parse(["5 - Very satisfied", "0", "6", "3"], ratings, 1, 5);
        Assert.Equal((2L, 2L), (csat.Parsed, csat.OutOfScale));
        Assert.Equal(2, Csat.CalculateLenient(ratings).Rejected);
    }

    [Fact]
    public void Bulk_parse_allocates_nothing_and_merges_over_chunks()
    {
        string?[] answers = [.. Enumerable.Range(0, 1_000).Select(i => (i % 7) switch { 0 => "N/A", 1 => $"{i % 11} - label", 2 => "", _ => $" {i % 12} " })];
        var scores = new byte[answers.Length];
        ScoreParseResult whole = ScoreText.Parse(answers, scores, 0, 10);
        long before = GC.GetAllocatedBytesForCurrentThread();
        whole = ScoreText.Parse(answers, scores, 0, 10);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(whole, ScoreText.Parse(answers.AsSpan(0, 400), scores, 0, 10) + ScoreText.Parse(answers.AsSpan(400), scores, 0, 10));
        Assert.Equal(whole, whole + default(ScoreParseResult));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ScoreText.Parse(["1", "2"], new byte[1], 0, 10)).ParamName);
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => ScoreText.TryParse("1", 0, 255, out _, out _)).ParamName);
        Assert.Equal("blank", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreParseResult(0, -1, 0, 0, 0, 0)).ParamName);
    }
}
