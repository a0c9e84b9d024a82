using CustomerMetrics.Value;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value;

/// <summary>
/// Per-customer results enumerate their rows as records (what a notebook renders as a table): the rows equal the
/// columns at each index and the input regrouped here by LINQ, one row per customer, none for an empty result.
/// </summary>
public class DisplayRowsTests
{
    private static readonly DateOnly End = new(2020, 3, 31);

    private static (int[] Ids, DateOnly[] Dates, double[] Amounts) Log(int[] draws) =>
        (draws.Select(d => 10 + Math.Abs(d % 17) * 3).ToArray(),
         draws.Select((d, i) => End.AddDays(-Math.Abs((d * 7 + i) % 80))).ToArray(),
         draws.Select((d, i) => (double)(Math.Abs(d) % 90) + 1 + i * 0.5).ToArray());

    [Property(MaxTest = 60)]
    public void RfmSummary_rows_are_the_columns_one_per_customer(int[] draws)
    {
        (int[] ids, DateOnly[] dates, double[] amounts) = Log(draws);
        RfmSummary summary = Rfm.Summarize(ids, dates, amounts, End, RfmOptions.Days);
        List<RfmRecord> rows = [.. summary];

        Assert.Equal(ids.Distinct().Order(), rows.Select(r => r.CustomerId));
        Assert.Equal(summary.Count, rows.Count);
        IReadOnlyList<RfmRecord> list = summary;
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal((summary.CustomerIds[i], summary.Frequency[i], summary.Recency[i], summary.Age[i], summary.MeanSpend[i], summary.TotalSpend[i]),
                (rows[i].CustomerId, rows[i].Frequency, rows[i].Recency, rows[i].Age, rows[i].MeanSpend, rows[i].TotalSpend));
            Assert.Equal(rows[i], list[i]);
        }
    }

    [Property(MaxTest = 40)]
    public void RfmScores_rows_carry_the_customer_scores_and_segment(int[] draws)
    {
        (int[] ids, DateOnly[] dates, double[] amounts) = Log(draws);
        RfmSummary summary = Rfm.Summarize(ids, dates, amounts, End, RfmOptions.Days);
        RfmScores scores = Rfm.Score(summary);
        List<RfmScoreRow> rows = [.. scores];

        Assert.Equal(ids.Distinct().Count(), rows.Count);
        IReadOnlyList<RfmScoreRow> list = scores;
        for (int i = 0; i < rows.Count; i++)
        {
            RfmScoreRow row = rows[i];
            Assert.Equal((scores.CustomerIds[i], scores.Recency[i], scores.Frequency[i], scores.Monetary[i]), (row.CustomerId, row.Recency, row.Frequency, row.Monetary));
            Assert.Equal(scores[i].Cell, row.Cell);
            Assert.Equal(Rfm.Segment(scores.Recency[i], scores.Frequency[i], scores.Monetary[i]), row.Segment);
            Assert.Equal(row, list[i]);
        }

        foreach (RfmSegment segment in Enum.GetValues<RfmSegment>())
        {
            Assert.Equal(scores.CountOf(segment), rows.Count(r => r.Segment == segment));
        }
    }

    [Property(MaxTest = 60)]
    public void HistoricalClv_rows_equal_the_log_regrouped(int[] draws)
    {
        int[] ids = draws.Select(d => Math.Abs(d % 11) - 3).ToArray();
        decimal[] amounts = draws.Select((d, i) => (d % 500) / 4m + i).ToArray();
        HistoricalClvByCustomer<decimal> clv = Clv.Historical(ids, amounts, 0.3m);
        var expected = ids.Zip(amounts).GroupBy(p => p.First).OrderBy(g => g.Key)
            .Select(g => (Id: g.Key, Count: g.Count(), Revenue: g.Sum(p => p.Second))).ToList();
        List<HistoricalClvRow<decimal>> rows = [.. clv];

        Assert.Equal(expected.Count, rows.Count);
        IReadOnlyList<HistoricalClvRow<decimal>> list = clv;
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i], (rows[i].CustomerId, rows[i].Transactions, rows[i].Revenue));
            Assert.Equal(clv.Value[i], rows[i].Value);
            Assert.Equal(rows[i], list[i]);
        }
    }

    [Property(MaxTest = 60)]
    public void Keyed_rows_carry_their_key_and_equal_the_log_regrouped(int[] draws)
    {
        string[] keys = draws.Select(d => "c" + Math.Abs(d % 9)).ToArray();
        decimal[] amounts = draws.Select((d, i) => (d % 300) / 8m + i).ToArray();
        DateOnly[] dates = draws.Select((d, i) => End.AddDays(-Math.Abs((d * 5 + i) % 70))).ToArray();

        KeyedHistoricalClv<string> clv = Clv.Historical<string>(keys, amounts, 0.25m, null);
        var expected = keys.Zip(amounts).GroupBy(p => p.First).ToDictionary(g => g.Key, g => (Count: g.Count(), Revenue: g.Sum(p => p.Second)));
        List<KeyedHistoricalClvRow<string>> clvRows = [.. clv];
        Assert.Equal(expected.Count, clvRows.Count);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), clvRows.Select(r => r.Key).Order(StringComparer.Ordinal));
        IReadOnlyList<KeyedHistoricalClvRow<string>> clvList = clv;
        for (int i = 0; i < clvRows.Count; i++)
        {
            Assert.Equal(expected[clvRows[i].Key], (clvRows[i].Transactions, clvRows[i].Revenue));
            Assert.Equal((clv.ByCustomer.CustomerIds[i], clv.ByCustomer.Value[i]), (clvRows[i].CustomerId, clvRows[i].Value));
            Assert.Equal(clvRows[i], clvList[i]);
        }

        KeyedRfmSummary<string> rfm = Rfm.Summarize<string>(keys, dates, amounts.Select(a => (double)Math.Abs(a)).ToArray(), End, RfmOptions.Days, null);
        List<KeyedRfmRecord<string>> rfmRows = [.. rfm];
        Assert.Equal(keys.Distinct().Count(), rfmRows.Count);
        IReadOnlyList<KeyedRfmRecord<string>> rfmList = rfm;
        for (int i = 0; i < rfmRows.Count; i++)
        {
            RfmRecord record = rfm.Summary[i];
            Assert.Equal((rfm.KeyAt(i), record.CustomerId, record.Frequency, record.Recency, record.Age, record.MeanSpend, record.TotalSpend),
                (rfmRows[i].Key, rfmRows[i].CustomerId, rfmRows[i].Frequency, rfmRows[i].Recency, rfmRows[i].Age, rfmRows[i].MeanSpend, rfmRows[i].TotalSpend));
            Assert.Equal(rfmRows[i], rfmList[i]);
        }
    }

    [Fact]
    public void Empty_results_enumerate_nothing_and_keep_their_one_line_text()
    {
        RfmSummary summary = Rfm.Summarize(ReadOnlySpan<int>.Empty, ReadOnlySpan<DateOnly>.Empty, ReadOnlySpan<double>.Empty, End, RfmOptions.Days);
        object[] results =
        [
            summary,
            Rfm.Score(summary),
            Clv.Historical(ReadOnlySpan<int>.Empty, ReadOnlySpan<decimal>.Empty, 0.5m),
            Clv.Historical(ReadOnlySpan<int>.Empty, ReadOnlySpan<double>.Empty, 0.5),
            Clv.Historical<string>(ReadOnlySpan<string>.Empty, ReadOnlySpan<decimal>.Empty, 0.5m, null),
            Rfm.Summarize<string>(ReadOnlySpan<string>.Empty, ReadOnlySpan<DateOnly>.Empty, ReadOnlySpan<double>.Empty, End, RfmOptions.Days, null),
        ];
        foreach (object result in results)
        {
            Assert.Empty(Assert.IsAssignableFrom<System.Collections.IEnumerable>(result));
            string text = result.ToString()!;
            Assert.DoesNotContain("\\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', text);
        }
    }

    [Fact]
    public void Reading_past_the_rows_through_the_list_interface_throws_naming_the_index()
    {
        HistoricalClvByCustomer<double> clv = Clv.Historical([1, 2], [3.0, 4.0], 0.5);
        IReadOnlyList<HistoricalClvRow<double>> list = clv;
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => list[2]).ParamName);
        RfmScores scores = Rfm.Score(RfmSummary.FromColumns([1], [0], [0], [3], [0], PeriodUnit.Week));
        IReadOnlyList<RfmScoreRow> rows = scores;
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => rows[-1]).ParamName);
    }
}
