using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Value;

/// <summary>
/// The one-pass path of <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/>
/// for logs sorted by customer (ascending ids, each customer's rows in date order) equals the counting-sort paths it replaces
/// for them and the partition path on the same rows in date order, bit for bit, with rows after the end anywhere.
/// </summary>
public class RfmCustomerRunsTests
{
    private static readonly DateOnly End = new(2024, 3, 31);

    public static TheoryData<int, int, int> Cases => new()
    {
        // customers, id spacing (1: compact ids; 1,000: ids spread too wide for the compact paths), option.
        { 3_000, 1, 0 },
        { 3_000, 1, 1 },
        { 3_000, 1, 2 },
        { 3_000, 1_000, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CustomerSortedLogEqualsTheOtherPathsBitwise(int customers, int spacing, int optionIndex)
    {
        (int[] ids, DateOnly[] dates, double[] amounts) = RfmOrderedTests.Log(30_000, customers, 71);
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = (ids[i] * spacing) - 1_500; // negative ids too
        }

        // Stable sort by customer: each customer's rows stay in date order, rows after the end stay among them.
        int[] byCustomer = [.. Enumerable.Range(0, ids.Length).OrderBy(i => ids[i])];
        int[] sortedIds = [.. byCustomer.Select(i => ids[i])];
        DateOnly[] sortedDates = [.. byCustomer.Select(i => dates[i])];
        double[] sortedAmounts = [.. byCustomer.Select(i => amounts[i])];
        RfmOptions options = RfmOrderedTests.Options(optionIndex);

        RfmSummary runs = Rfm.SummarizeCore(sortedIds, sortedDates, sortedAmounts, End, options, 1);
        RfmSummary countingSort = Rfm.SummarizeCore(sortedIds, sortedDates, sortedAmounts, End, options, 1, customerRunsPath: false);
        RfmOrderedTests.AssertSame(countingSort, runs);
        RfmOrderedTests.AssertSame(Rfm.SummarizeCore(ids, dates, amounts, End, options, 1), runs);
        RfmOrderedTests.AssertSame(runs, Rfm.Summarize(sortedIds, sortedDates, sortedAmounts, End, options));

        // Independent oracle: the distinct ids in the window, ascending, and each customer's total spend.
        var expected = Enumerable.Range(0, ids.Length).Where(i => dates[i] <= End).GroupBy(i => ids[i]).OrderBy(g => g.Key).ToArray();
        Assert.Equal(expected.Select(g => g.Key), runs.CustomerIds.ToArray());
        for (int c = 0; c < expected.Length; c++)
        {
            Assert.Equal(expected[c].Sum(i => amounts[i]), runs.TotalSpend[c], 1e-9);
        }
    }

    [Fact]
    public void RowsAfterTheEndDoNotBreakACustomersRun()
    {
        // Customer 1's rows around a row of customer 9 after the end, and customer 5's only row after the end: two customers.
        int[] ids = [1, 9, 1, 5, 7, 7];
        DateOnly[] dates = [End.AddDays(-30), End.AddDays(3), End.AddDays(-2), End.AddDays(1), End.AddDays(-10), End];
        double[] amounts = [10, 99, 20, 50, 5, 6];
        RfmSummary summary = Rfm.Summarize(ids, dates, amounts, End, RfmOptions.Days);
        Assert.Equal([1, 7], summary.CustomerIds.ToArray());
        Assert.Equal([1.0, 1.0], summary.Frequency.ToArray());
        Assert.Equal([28.0, 10.0], summary.Recency.ToArray());
        Assert.Equal([30.0, 10.0], summary.Age.ToArray());
        Assert.Equal([30.0, 11.0], summary.TotalSpend.ToArray());
        Assert.Equal(2, summary.ExcludedAfterEnd);
        RfmOrderedTests.AssertSame(Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, 1, customerRunsPath: false), summary);
    }

    [Theory]
    [InlineData(new[] { 1, 1, 2 }, new[] { 0, -1, 0 })] // a customer's rows out of date order
    [InlineData(new[] { 2, 2, 1 }, new[] { -3, -2, -1 })] // ids descending
    [InlineData(new[] { 1, 2, 1 }, new[] { -3, -2, -1 })] // a customer's rows not together
    public void LogsNotSortedByCustomerGiveTheSameSummaryThroughTheOtherPaths(int[] ids, int[] dayOffsets)
    {
        DateOnly[] dates = [.. dayOffsets.Select(d => End.AddDays(d))];
        double[] amounts = [.. Enumerable.Range(1, ids.Length).Select(i => i * 1.5)];
        RfmSummary summary = Rfm.Summarize(ids, dates, amounts, End, RfmOptions.Days);

        // Independent oracle: per customer, ascending id, frequency = distinct days − 1 and the total.
        var expected = ids.Select((id, i) => (id, i)).GroupBy(r => r.id).OrderBy(g => g.Key).ToArray();
        Assert.Equal(expected.Select(g => g.Key), summary.CustomerIds.ToArray());
        Assert.Equal(expected.Select(g => (double)(g.Select(r => dayOffsets[r.i]).Distinct().Count() - 1)), summary.Frequency.ToArray());
        Assert.Equal(expected.Select(g => g.Sum(r => amounts[r.i])), summary.TotalSpend.ToArray());
    }

    [Theory]
    // Sorted by customer, not by date (a later customer buys earlier), so that the customer-run path takes them.
    [InlineData(new[] { 1, 1, 1, 1, 1, 2 }, new[] { -5, -4, -3, -2, -1, -9 })] // one customer across the middle
    [InlineData(new[] { 0, 1, 1, 1, 1, 1 }, new[] { -1, -9, -8, -7, -6, -5 })] // no customer after the cut: one part
    [InlineData(new[] { 4, 5, 6, 7, 8, 8 }, new[] { 1, 2, 3, -1, -5, -4 })] // the first half all after the end
    [InlineData(new[] { 1, 1, 9, 1, 2, 2 }, new[] { -9, -8, 3, -7, -12, -11 })] // another id after the end inside a run
    [InlineData(new[] { 1, 2, 2, 2, 3, 3 }, new[] { -3, -9, -8, 2, -10, -5 })] // the middle row after the end
    public void CutBetweenCustomersOnTwoCoresGivesTheSameSummary(int[] ids, int[] dayOffsets)
    {
        DateOnly[] dates = [.. dayOffsets.Select(d => End.AddDays(d))];
        double[] amounts = [.. Enumerable.Range(1, ids.Length).Select(i => (i * 1.25) - 2)];
        RfmSummary countingSort = Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, int.MaxValue, customerRunsPath: false);
        RfmOrderedTests.AssertSame(countingSort, Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, 1));
        RfmOrderedTests.AssertSame(countingSort, Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, int.MaxValue));

        // Independent oracle: the distinct ids of the rows in the window, ascending.
        int[] expected = [.. ids.Where((_, i) => dayOffsets[i] <= 0).Distinct().Order()];
        Assert.Equal(expected, countingSort.CustomerIds.ToArray());
    }
}
