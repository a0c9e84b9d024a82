using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests;

/// <summary>The README section "From the data you have": runs here, and the README must hold it verbatim.</summary>
public class FromTheDataYouHaveTests
{
    [Fact]
    public void From_the_data_you_have_runs_and_is_the_one_in_the_readme()
    {
        var output = new StringWriter();
        // README from the data you have begin
        // Rows as a CSV export or a query gives them: string customer ids, timestamps, amounts.
        string[] csv =
        [
            "customer,date,amount,score",
            "C-1001,2024-01-03T10:15:00,25.00,10",
            "C-2002,2024-01-04T18:40:00,12.50,6",
            "C-1001,2024-02-11T09:05:00,40.00,9",
            "C-3003,2024-02-20T21:30:00,8.75,8",
            "C-1001,2024-03-02T14:00:00,15.25,9",
        ];
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var rows = csv.Skip(1).Select(line => line.Split(',')).Select(f => (
            Customer: f[0],
            Date: DateTime.Parse(f[1], invariant),   // Kind Unspecified: counts on the date it shows
            Amount: decimal.Parse(f[2], invariant),
            Score: byte.Parse(f[3], invariant))).ToList();

        string[] customers = rows.Select(r => r.Customer).ToArray();
        DateTime[] dates = rows.Select(r => r.Date).ToArray();
        var keys = CustomerKeys.Create(customers);                      // string ids → dense indexes, once

        KeyedRfmSummary<string> rfm = Rfm.Summarize(customers, dates, rows.Select(r => (double)r.Amount).ToArray(),
            observationEnd: new DateOnly(2024, 3, 31), RfmOptions.Weeks, keys);
        KeyedHistoricalClv<string> clv = Clv.Historical(customers, rows.Select(r => r.Amount).ToArray(), 0.3m, keys);
        for (int i = 0; i < rfm.Count; i++)
        {
            output.WriteLine($"{rfm.KeyAt(i)}: {rfm[i].Value}; {clv[i].Value}");
        }

        List<byte> scores = rows.Select(r => r.Score).ToList();          // a List<T> is read in place, no copy
        output.WriteLine(Nps.Calculate(scores));

        // Cohorts from activity rows in any order, keyed the same way (period = month number here).
        int[] month = dates.Select(d => d.Month).ToArray();
        int[] cohort = customers.Select(c => month[Array.IndexOf(customers, c)]).ToArray();
        CohortTable cohorts = CohortTable.Build(customers, cohort, month, revenue: [], observedThrough: 3, keys);
        output.WriteLine(cohorts.ToText());
        // README from the data you have end

        Assert.Equal(3, rfm.Count);
        Assert.Equal("C-1001", rfm.KeyAt(0));
        Assert.Equal(2, rfm[0].Value.Frequency);          // three purchase weeks
        Assert.Equal(new HistoricalClv<decimal>(3, 80.25m, 24.075m), clv[0].Value);
        Assert.Equal(40, Nps.Calculate(scores).Score, 12); // 3 promoters, 1 detractor of 5
        Assert.Equal(3, cohorts.Customers);
        Assert.Contains(ReadMeTests.Snippet("README from the data you have"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
