using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Value;

/// <summary>
/// The date-ordered compact-id path of <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/>
/// (row-split count and scatter, id-split apply, prefetch) and the forked first pass equal the previous one-core path bit for
/// bit, on one core and with the fork forced; the first bad row is still the one named.
/// </summary>
public class RfmOrderedTests
{
    private static readonly DateOnly End = new(2024, 3, 31);

    public static TheoryData<int, int, int, int> Cases => new()
    {
        // rows, customers, option, seed: three id blocks of 1,024 and one chunk; 2^20 + rows over 100,000 ids (two chunks).
        { 30_000, 3_000, 0, 1 },
        { 30_000, 3_000, 1, 2 },
        { 30_000, 3_000, 2, 3 },
        { 20_000, 700, 1, 4 },
        { (1 << 20) + 150_001, 100_000, 1, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OrderedPathEqualsPreviousOneCoreBitwise(int rows, int customers, int optionIndex, int seed)
    {
        (int[] ids, DateOnly[] dates, double[] amounts) = Log(rows, customers, seed);
        RfmOptions options = Options(optionIndex);
        RfmSummary previous = Rfm.SummarizeCore(ids, dates, amounts, End, options, int.MaxValue, previousOrderedPath: true);
        foreach (int forkRows in new[] { int.MaxValue, 1 })
        {
            RfmSummary summary = Rfm.SummarizeCore(ids, dates, amounts, End, options, forkRows);
            AssertSame(previous, summary);
        }

        // Independent oracle on a few customers: distinct periods - 1 and the total spend straight from the rows.
        for (int k = 0; k < previous.Count; k += Math.Max(1, previous.Count / 50))
        {
            int id = previous.CustomerIds[k];
            int[] mine = [.. Enumerable.Range(0, ids.Length).Where(i => ids[i] == id && dates[i] <= End)];
            int periods = mine.Select(i => options.Counting == PeriodCounting.WholePeriods
                ? (dates[i].Year * 12) + dates[i].Month
                : dates[i].DayNumber).Distinct().Count();
            Assert.Equal(periods - 1, previous.Frequency[k]);
            Assert.Equal(mine.Sum(i => amounts[i]), previous.TotalSpend[k], 9);
        }
    }

    [Fact]
    public void HalvesOrderedButNotAcrossTheSplitTakeTheUnorderedPath()
    {
        // Each row half is in date order, but the second starts before the first ends: the log is not in date order.
        (int[] ids, DateOnly[] dates, double[] amounts) = Log(20_000, 2_500, 7);
        int half = ids.Length / 2;
        int[] order = [.. Enumerable.Range(0, half).Select(i => 2 * i).Concat(Enumerable.Range(0, half).Select(i => (2 * i) + 1))];
        ids = [.. order.Select(i => ids[i])];
        dates = [.. order.Select(i => dates[i])];
        amounts = [.. order.Select(i => amounts[i])];
        RfmSummary previous = Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, int.MaxValue, previousOrderedPath: true);
        AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, 1));
        AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, int.MaxValue));

        var byCustomer = Enumerable.Range(0, ids.Length).Where(i => dates[i] <= End).GroupBy(i => ids[i]).OrderBy(g => g.Key).ToArray();
        Assert.Equal(byCustomer.Select(g => g.Key).ToArray(), previous.CustomerIds.ToArray());
        for (int k = 0; k < byCustomer.Length; k++)
        {
            Assert.Equal(byCustomer[k].Select(i => dates[i]).Distinct().Count() - 1, previous.Frequency[k]);
            Assert.Equal(byCustomer[k].Max(i => dates[i]).DayNumber - byCustomer[k].Min(i => dates[i]).DayNumber, previous.Recency[k]);
        }
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    public void FirstBadRowIsNamedWhenTheScanIsSplit(int forkRows)
    {
        (int[] ids, DateOnly[] dates, double[] amounts) = Log(10_000, 1_000, 8);
        double[] bad = [.. amounts];
        bad[7_000] = double.NaN;
        bad[2_000] = double.PositiveInfinity;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.SummarizeCore(ids, dates, bad, End, RfmOptions.Days, forkRows));
        Assert.Contains("amounts[2000] is Infinity", error.Message, StringComparison.Ordinal);

        bad = [.. amounts];
        bad[9_000] = double.NaN;
        error = Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.SummarizeCore(ids, dates, bad, End, RfmOptions.Days, forkRows));
        Assert.Contains("amounts[9000] is NaN", error.Message, StringComparison.Ordinal);

        // The log runs past the end: strict counting names the first late row, which lies in the right half.
        int firstLate = Array.FindIndex(dates, d => d > End);
        Assert.True(firstLate > dates.Length / 2);
        var strict = new RfmOptions(PeriodUnit.Day, PeriodCounting.FractionalDays, RowsAfterEnd.Throw);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.SummarizeCore(ids, dates, amounts, End, strict, forkRows));
        Assert.Contains($"dates[{firstLate}] is {dates[firstLate]:yyyy-MM-dd}", error.Message, StringComparison.Ordinal);

        RfmSummary counted = Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, forkRows);
        Assert.Equal(dates.Count(d => d > End), counted.ExcludedAfterEnd);
        Assert.Equal(dates.Count(d => d <= End), counted.TransactionsUsed);
    }

    internal static RfmOptions Options(int index) => index switch
    {
        0 => RfmOptions.Days,
        1 => RfmOptions.Weeks,
        _ => new RfmOptions(PeriodUnit.Month, PeriodCounting.WholePeriods),
    };

    internal static void AssertSame(RfmSummary expected, RfmSummary actual)
    {
        Assert.Equal(expected.CustomerIds.ToArray(), actual.CustomerIds.ToArray());
        AssertBitwise(expected.Frequency, actual.Frequency);
        AssertBitwise(expected.Recency, actual.Recency);
        AssertBitwise(expected.Age, actual.Age);
        AssertBitwise(expected.MeanSpend, actual.MeanSpend);
        AssertBitwise(expected.TotalSpend, actual.TotalSpend);
        Assert.Equal(expected.TransactionsUsed, actual.TransactionsUsed);
        Assert.Equal(expected.ExcludedAfterEnd, actual.ExcludedAfterEnd);
    }

    private static void AssertBitwise(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"index {i}: {expected[i]:R} vs {actual[i]:R}");
        }
    }

    // Date-ordered log over ids 1..customers; every customer's rows are spread over the whole log (they straddle every row
    // and chunk split), several on the same day, refunds included, and the last ~15 % of rows after the end.
    internal static (int[] Ids, DateOnly[] Dates, double[] Amounts) Log(int rows, int customers, int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2023, 1, 1);
        int[] days = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            days[i] = random.Next(0, 540);
        }

        Array.Sort(days);
        int[] ids = new int[rows];
        var dates = new DateOnly[rows];
        double[] amounts = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            ids[i] = 1 + random.Next(customers);
            dates[i] = start.AddDays(days[i]);
            amounts[i] = Math.Round((random.NextDouble() * 200) - 20, 2);
        }

        return (ids, dates, amounts);
    }
}
