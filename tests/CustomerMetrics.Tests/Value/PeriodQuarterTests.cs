using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Value;

public class PeriodQuarterTests
{
    [Fact]
    public void Quarter_is_appended_and_existing_kinds_keep_their_values()
    {
        Assert.Equal(0, (int)PeriodKind.Day);
        Assert.Equal(1, (int)PeriodKind.Week);
        Assert.Equal(2, (int)PeriodKind.Month);
        Assert.Equal(3, (int)PeriodKind.CustomDays);
        Assert.Equal(4, (int)PeriodKind.Quarter);
        Assert.Equal(PeriodKind.Quarter, PeriodUnit.Quarter.Kind);
        Assert.Equal(365.25 / 4, PeriodUnit.Quarter.LengthInDays);
        Assert.Equal("quarter", PeriodUnit.Quarter.ToString());
        Assert.Throws<ArgumentException>(() => new PeriodUnit(PeriodKind.Quarter, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodUnit((PeriodKind)5, 0));
        string json = JsonSerializer.Serialize(PeriodUnit.Quarter, CustomerMetricsJsonContext.Default.PeriodUnit);
        Assert.Equal(PeriodUnit.Quarter, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.PeriodUnit));
    }

    [Fact]
    public void Whole_period_indexes_and_first_days_agree_with_the_calendar_on_every_day()
    {
        // Every day of 1600-01-01 .. 2500-12-31 (leap centuries included) and the ends of the calendar:
        // the arithmetic month index against DateOnly's own Year and Month.
        IEnumerable<int> days = Enumerable.Range(new DateOnly(1600, 1, 1).DayNumber, new DateOnly(2501, 1, 1).DayNumber - new DateOnly(1600, 1, 1).DayNumber)
            .Concat(Enumerable.Range(0, 800)).Concat(Enumerable.Range(DateOnly.MaxValue.DayNumber - 800, 801));
        foreach (int day in days)
        {
            DateOnly date = DateOnly.FromDayNumber(day);
            int month = (date.Year * 12) + date.Month - 1, quarter = (date.Year * 4) + ((date.Month - 1) / 3);
            if (PeriodUnit.Month.WholePeriodIndex(day) != month || PeriodUnit.Quarter.WholePeriodIndex(day) != quarter)
            {
                Assert.Fail($"{date:yyyy-MM-dd}: month {PeriodUnit.Month.WholePeriodIndex(day)} (expected {month}), quarter {PeriodUnit.Quarter.WholePeriodIndex(day)} (expected {quarter})");
            }
        }

        for (int year = 1; year <= 9999; year += 7)
        {
            for (int q = 0; q < 4; q++)
            {
                Assert.Equal(new DateOnly(year, (3 * q) + 1, 1).DayNumber, PeriodUnit.Quarter.FirstDayOfWholePeriod((year * 4) + q));
            }
        }
    }

    [Theory]
    [InlineData(PeriodCounting.WholePeriods)]
    [InlineData(PeriodCounting.FractionalDays)]
    public void Rfm_in_quarters_equals_direct_computation(PeriodCounting counting)
    {
        var random = new Random(5);
        const int Rows = 3000;
        var end = new DateOnly(2024, 12, 31);
        int[] customers = [.. Enumerable.Range(0, Rows).Select(_ => random.Next(200))];
        DateOnly[] dates = [.. Enumerable.Range(0, Rows).Select(_ => new DateOnly(2021, 1, 1).AddDays(random.Next(4 * 365)))];
        double[] amounts = [.. Enumerable.Range(0, Rows).Select(_ => Math.Round(random.NextDouble() * 100, 2))];
        RfmSummary summary = Rfm.Summarize(customers, dates, amounts, end, new RfmOptions(PeriodUnit.Quarter, counting));

        // Oracle: calendar quarters from Year and Month, or days ÷ 91.3125.
        static int Quarter(DateOnly d) => (d.Year * 4) + ((d.Month - 1) / 3);
        bool whole = counting == PeriodCounting.WholePeriods;
        int row = 0;
        foreach (IGrouping<int, int> customer in Enumerable.Range(0, Rows).GroupBy(i => customers[i]).OrderBy(g => g.Key))
        {
            var periods = customer.GroupBy(i => whole ? Quarter(dates[i]) : dates[i].DayNumber)
                .Select(p => (Period: p.Key, Spend: p.Sum(i => amounts[i]))).OrderBy(p => p.Period).ToArray();
            double scale = whole ? 1 : 1 / 91.3125;
            int endPeriod = whole ? Quarter(end) : end.DayNumber;
            RfmRecord record = summary[row++];
            Assert.Equal(customer.Key, record.CustomerId);
            Assert.Equal(periods.Length - 1, record.Frequency);
            Assert.Equal((periods[^1].Period - periods[0].Period) * scale, record.Recency, 12);
            Assert.Equal((endPeriod - periods[0].Period) * scale, record.Age, 12);
            Assert.Equal(periods.Length == 1 ? 0 : periods.Skip(1).Average(p => p.Spend), record.MeanSpend, 9);
        }

        Assert.Equal(row, summary.Count);
    }
}
