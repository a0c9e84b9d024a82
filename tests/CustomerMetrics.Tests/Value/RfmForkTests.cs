using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Value;

/// <summary>
/// The compact-id path of <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/>
/// split across two cores (fork forced with a threshold of one row) equals the one-core path bit for bit, and both equal a
/// direct per-customer computation.
/// </summary>
public class RfmForkTests
{
    private static readonly DateOnly End = new(2024, 3, 31);

    public static TheoryData<bool, int, int> Cases => new()
    {
        { true, 0, 1 },
        { false, 0, 2 },
        { true, 1, 3 },
        { false, 1, 4 },
        { true, 2, 5 },
        { false, 2, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForkedEqualsOneCoreBitwise(bool dateOrdered, int optionIndex, int seed)
    {
        (int[] ids, DateOnly[] dates, double[] amounts) = Log(seed, dateOrdered);
        RfmOptions options = optionIndex switch
        {
            0 => RfmOptions.Days,
            1 => RfmOptions.Weeks,
            _ => new RfmOptions(PeriodUnit.Month, PeriodCounting.WholePeriods),
        };

        RfmSummary one = Rfm.SummarizeCore(ids, dates, amounts, End, options, int.MaxValue);
        RfmSummary forked = Rfm.SummarizeCore(ids, dates, amounts, End, options, 1);

        Assert.Equal(one.CustomerIds.ToArray(), forked.CustomerIds.ToArray());
        AssertBitwise(one.Frequency, forked.Frequency);
        AssertBitwise(one.Recency, forked.Recency);
        AssertBitwise(one.Age, forked.Age);
        AssertBitwise(one.MeanSpend, forked.MeanSpend);
        AssertBitwise(one.TotalSpend, forked.TotalSpend);
        Assert.Equal(one.TransactionsUsed, forked.TransactionsUsed);
        Assert.Equal(one.ExcludedAfterEnd, forked.ExcludedAfterEnd);

        // Independent oracle: per-customer frequency, first day and total spend straight from the rows.
        var byCustomer = Enumerable.Range(0, ids.Length).Where(i => dates[i] <= End).GroupBy(i => ids[i]).OrderBy(g => g.Key).ToArray();
        Assert.Equal(byCustomer.Select(g => g.Key).ToArray(), forked.CustomerIds.ToArray());
        for (int k = 0; k < byCustomer.Length; k++)
        {
            int[] periods = byCustomer[k].Select(i => options.Counting == PeriodCounting.WholePeriods
                ? (dates[i].Year * 12) + dates[i].Month
                : dates[i].DayNumber).Distinct().ToArray();
            Assert.Equal(periods.Length - 1, forked.Frequency[k]);
            double total = byCustomer[k].Sum(i => amounts[i]);
            Assert.Equal(total, forked.TotalSpend[k], 9);
        }
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

    // 3,000 customers with ids 1..3,000 (three id blocks of 1,024, so the two halves split the range), 30,000 rows in which every
    // customer's rows are scattered over the whole log (they straddle any row split), some on the same day, some after the end.
    private static (int[] Ids, DateOnly[] Dates, double[] Amounts) Log(int seed, bool dateOrdered)
    {
        const int Rows = 30_000;
        var random = new Random(seed);
        var rows = new (int Id, DateOnly Date, double Amount)[Rows];
        var start = new DateOnly(2023, 1, 1);
        for (int i = 0; i < Rows; i++)
        {
            rows[i] = (1 + random.Next(3_000), start.AddDays(random.Next(0, 470)), Math.Round(random.NextDouble() * 200, 2) - 20);
        }

        if (dateOrdered)
        {
            rows = [.. rows.OrderBy(r => r.Date)];
        }

        return (rows.Select(r => r.Id).ToArray(), rows.Select(r => r.Date).ToArray(), rows.Select(r => r.Amount).ToArray());
    }
}
