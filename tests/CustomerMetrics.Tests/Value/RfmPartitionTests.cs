using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Value;

/// <summary>
/// The date-ordered global-partition path of <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/>
/// (row-split count and scatter into id blocks, write-combined or plain, per-block apply and emit split by id halves) and the
/// chunked path it falls back to equal the previous one-core path bit for bit, with the fork forced and not, on logs where
/// customers straddle every row split and id block.
/// </summary>
public class RfmPartitionTests
{
    private static readonly DateOnly End = new(2024, 3, 31);

    public static TheoryData<int, int, int, int> Cases => new()
    {
        // rows, customers, option, seed: 3 blocks of 1,024 ids; 98 blocks; few rows per customer (many unseen ids).
        { 30_000, 3_000, 0, 11 },
        { 30_000, 3_000, 1, 12 },
        { 30_000, 3_000, 2, 13 },
        { 250_000, 100_000, 1, 14 },
        { 40_000, 60_000, 0, 15 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PartitionedPathEqualsPreviousOneCoreBitwise(int rows, int customers, int optionIndex, int seed)
    {
        (int[] ids, DateOnly[] dates, double[] amounts) = RfmOrderedTests.Log(rows, customers, seed);
        RfmOptions options = RfmOrderedTests.Options(optionIndex);
        RfmSummary previous = Rfm.SummarizeCore(ids, dates, amounts, End, options, int.MaxValue, previousOrderedPath: true);
        foreach (int forkRows in new[] { int.MaxValue, 1 })
        {
            foreach (bool writeCombine in new[] { true, false })
            {
                RfmOrderedTests.AssertSame(previous,
                    Rfm.SummarizeCore(ids, dates, amounts, End, options, forkRows, writeCombine: writeCombine));
            }

            // The chunked path: forced, and taken when the log has more rows than the partition threshold.
            RfmOrderedTests.AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, options, forkRows, chunkedOrderedPath: true));
            RfmOrderedTests.AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, options, forkRows, partitionRows: rows / 3));
        }
    }

    [Fact]
    public void GapsNegativeIdsAndEmptyBlocksKeepIdOrder()
    {
        // Ids from -5,000 to ~9,000 with whole empty blocks (no id in [0, 3,000)) and a customer alone in the last block.
        (int[] ids, DateOnly[] dates, double[] amounts) = RfmOrderedTests.Log(50_000, 11_000, 21);
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = ids[i] <= 5_000 ? ids[i] - 5_001 : ids[i] - 2_000;
        }

        ids[^1] = 9_500;
        RfmSummary previous = Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, int.MaxValue, previousOrderedPath: true);
        RfmOrderedTests.AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, 1));
        RfmOrderedTests.AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, int.MaxValue));

        // Independent oracle: the distinct ids in the window, ascending.
        int[] expected = [.. Enumerable.Range(0, ids.Length).Where(i => dates[i] <= End).Select(i => ids[i]).Distinct().Order()];
        Assert.Equal(expected, Rfm.Summarize(ids, dates, amounts, End).CustomerIds.ToArray());
    }

    [Fact]
    public void PeriodRangeTooWideForTheKeyFallsBackToTheChunkedPath()
    {
        // 1.2 M ids (blocks of 2^13 ids leave 19 bits of period offset, 524,287 days) and dates from the year 400 to 2024:
        // the partition cannot pack the key, and the chunked path must give the same summary.
        const int Customers = 1_200_000;
        var random = new Random(31);
        int[] ids = new int[Customers + 1];
        var dates = new DateOnly[Customers + 1];
        double[] amounts = new double[Customers + 1];
        int early = new DateOnly(400, 1, 1).DayNumber;
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = 1 + random.Next(Customers);
            dates[i] = DateOnly.FromDayNumber(i == 0 ? early : End.DayNumber - 400 + (int)((long)i * 400 / ids.Length));
            amounts[i] = Math.Round(random.NextDouble() * 100, 2);
        }

        RfmSummary previous = Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, int.MaxValue, previousOrderedPath: true);
        RfmOrderedTests.AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, RfmOptions.Days, 1));
        int first = Array.IndexOf(previous.CustomerIds.ToArray(), ids[0]);
        Assert.Equal(End.DayNumber - early, previous.Age[first]);
    }

    public static TheoryData<int, int> WholeUnits => new()
    {
        // PeriodKind, custom length: every kind the per-day period table of whole-period counting holds.
        { (int)PeriodKind.Day, 0 },
        { (int)PeriodKind.Week, 0 },
        { (int)PeriodKind.Quarter, 0 },
        { (int)PeriodKind.CustomDays, 10 },
    };

    [Theory]
    [MemberData(nameof(WholeUnits))]
    public void WholePeriodTableEqualsPreviousOneCoreBitwise(int kind, int length)
    {
        (int[] ids, DateOnly[] dates, double[] amounts) = RfmOrderedTests.Log(30_000, 3_000, 40 + kind);
        var options = new RfmOptions(new PeriodUnit((PeriodKind)kind, length), PeriodCounting.WholePeriods);
        RfmSummary previous = Rfm.SummarizeCore(ids, dates, amounts, End, options, int.MaxValue, previousOrderedPath: true);
        foreach (int forkRows in new[] { int.MaxValue, 1 })
        {
            foreach (bool writeCombine in new[] { true, false })
            {
                RfmOrderedTests.AssertSame(previous,
                    Rfm.SummarizeCore(ids, dates, amounts, End, options, forkRows, writeCombine: writeCombine));
            }
        }
    }

    [Theory]
    [InlineData(65_536)]
    [InlineData(65_537)]
    public void WholePeriodsAtAndPastTheTableSpanEqualPreviousOneCore(int span)
    {
        // Whole months over exactly the widest tabulated day span (the partition) and one day more (the chunked path).
        (int[] ids, DateOnly[] dates, double[] amounts) = RfmOrderedTests.Log(20_000, 2_000, 51);
        int first = End.DayNumber - span + 1;
        for (int i = 0; i < dates.Length; i++)
        {
            dates[i] = DateOnly.FromDayNumber(first + (int)((long)i * span / dates.Length));
        }

        dates[^1] = End;
        var options = new RfmOptions(PeriodUnit.Month, PeriodCounting.WholePeriods);
        RfmSummary previous = Rfm.SummarizeCore(ids, dates, amounts, End, options, int.MaxValue, previousOrderedPath: true);
        RfmOrderedTests.AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, options, 1));
        RfmOrderedTests.AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, options, int.MaxValue));

        // Independent oracle: the first row's customer is first seen in the first day's calendar month.
        DateOnly firstDate = DateOnly.FromDayNumber(first);
        int customer = Array.IndexOf(previous.CustomerIds.ToArray(), ids[0]);
        Assert.Equal((End.Year * 12) + End.Month - ((firstDate.Year * 12) + firstDate.Month), previous.Age[customer]);
    }

    [Fact]
    public void RowsAfterTheEndInsideTheLogOrAsItsTailGiveTheSameSummary()
    {
        // The same rows twice: the rows after the end as the log's tail (the partition reads only the rows before it), and
        // spread among the rows in the window (in their date order), so that every row's date is checked.
        (int[] ids, DateOnly[] dates, double[] amounts) = RfmOrderedTests.Log(60_000, 5_000, 61);
        int inWindow = Array.FindLastIndex(dates, d => d <= End) + 1;
        Assert.True(inWindow < dates.Length);
        var random = new Random(62);
        int[] order = [.. Enumerable.Range(0, inWindow)];
        var mixed = new List<int>(order);
        for (int i = inWindow; i < dates.Length; i++)
        {
            mixed.Insert(random.Next(mixed.Count + 1), i);
        }

        int[] mixedIds = [.. mixed.Select(i => ids[i])];
        DateOnly[] mixedDates = [.. mixed.Select(i => dates[i])];
        double[] mixedAmounts = [.. mixed.Select(i => amounts[i])];
        foreach (RfmOptions options in new[] { RfmOptions.Weeks, RfmOrderedTests.Options(2) })
        {
            RfmSummary previous = Rfm.SummarizeCore(ids, dates, amounts, End, options, int.MaxValue, previousOrderedPath: true);
            Assert.Equal(dates.Length - inWindow, previous.ExcludedAfterEnd);
            foreach (int forkRows in new[] { int.MaxValue, 1 })
            {
                RfmOrderedTests.AssertSame(previous, Rfm.SummarizeCore(ids, dates, amounts, End, options, forkRows));
                RfmSummary fromMixed = Rfm.SummarizeCore(mixedIds, mixedDates, mixedAmounts, End, options, forkRows);
                RfmOrderedTests.AssertSame(previous, fromMixed);
                Assert.Equal(previous.ExcludedAfterEnd, fromMixed.ExcludedAfterEnd);
            }
        }
    }
}
