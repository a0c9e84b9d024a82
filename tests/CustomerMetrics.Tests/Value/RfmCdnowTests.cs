using System.Globalization;
using System.Text;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Value;

public class RfmCdnowTests
{
    internal static (int[] Ids, DateOnly[] Dates, double[] Amounts) ReadSample()
    {
        var ids = new List<int>();
        var dates = new List<DateOnly>();
        var amounts = new List<double>();
        foreach (string line in File.ReadLines(TestData.Cdnow("CDNOW_sample.txt")))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
            {
                continue;
            }

            ids.Add(int.Parse(f[1], CultureInfo.InvariantCulture));
            dates.Add(DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture));
            amounts.Add(double.Parse(f[4], CultureInfo.InvariantCulture));
        }

        return (ids.ToArray(), dates.ToArray(), amounts.ToArray());
    }

    private static string Format(double value) =>
        Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    [Fact]
    public void Reproduces_the_published_CDNOW_summary_text_exactly()
    {
        var (ids, dates, amounts) = ReadSample();
        Assert.Equal(6919, ids.Length);

        RfmSummary summary = Rfm.Summarize(ids, dates, amounts, new DateOnly(1997, 9, 30), RfmOptions.Weeks);

        var text = new StringBuilder("ID,x,t_x,T,zbar");
        for (int i = 0; i < summary.Count; i++)
        {
            RfmRecord r = summary[i];
            text.Append("\r\n").Append(r.CustomerId.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.Frequency.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Format(r.Recency)).Append(',').Append(Format(r.Age)).Append(',').Append(Format(r.MeanSpend));
        }

        string expected = File.ReadAllText(TestData.Cdnow("cdnow_customers_summary_with_transactions.csv"));
        string[] expectedLines = expected.Split("\r\n");
        string[] actualLines = text.ToString().Split("\r\n");
        Assert.Equal(2358, expectedLines.Length);
        for (int i = 0; i < expectedLines.Length; i++)
        {
            Assert.Equal(expectedLines[i], actualLines[i]);
        }

        Assert.Equal(expected, text.ToString());
        Assert.Equal(2357, summary.Count);
        Assert.Equal(6919 - summary.TransactionsUsed, summary.ExcludedAfterEnd);
    }

    [Fact]
    public void CDNOW_first_cohort_day_has_age_38_86_weeks()
    {
        var (ids, dates, amounts) = ReadSample();
        RfmSummary summary = Rfm.Summarize(ids, dates, amounts, new DateOnly(1997, 9, 30), RfmOptions.Weeks);
        Assert.Equal(272 / 7.0, summary.Age[0], 12);
    }

    [Fact]
    public void CDNOW_summary_does_not_depend_on_row_order()
    {
        var (ids, dates, amounts) = ReadSample();
        var end = new DateOnly(1997, 9, 30);
        RfmSummary sorted = Rfm.Summarize(ids, dates, amounts, end, RfmOptions.Weeks);
        int[] order = Enumerable.Range(0, ids.Length).ToArray();
        new Random(7).Shuffle(order);
        RfmSummary shuffled = Rfm.Summarize(order.Select(i => ids[i]).ToArray(), order.Select(i => dates[i]).ToArray(),
            order.Select(i => amounts[i]).ToArray(), end, RfmOptions.Weeks);
        Assert.Equal(sorted.CustomerIds.ToArray(), shuffled.CustomerIds.ToArray());
        Assert.Equal(sorted.Frequency.ToArray(), shuffled.Frequency.ToArray());
        Assert.Equal(sorted.Recency.ToArray(), shuffled.Recency.ToArray());
        Assert.Equal(sorted.Age.ToArray(), shuffled.Age.ToArray());
        for (int i = 0; i < sorted.Count; i++)
        {
            Assert.Equal(sorted.MeanSpend[i], shuffled.MeanSpend[i], 1e-9);
        }
    }
}
