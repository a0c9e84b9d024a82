using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Surveys;

public class PeriodTests
{
    private static (DateOnly[] Dates, byte[] Scores, int[] Regions) Data(int n, int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2025, 1, 1);
        DateOnly[] dates = [.. Enumerable.Range(0, n).Select(_ => start.AddDays(random.Next(365)))];
        byte[] scores = [.. Enumerable.Range(0, n).Select(_ => (byte)random.Next(11))];
        int[] regions = [.. Enumerable.Range(0, n).Select(_ => random.Next(3))];
        return (dates, scores, regions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void Periods_equal_direct_computation_by_calendar(int unitCode)
    {
        PeriodUnit unit = unitCode switch { 0 => PeriodUnit.Day, 1 => PeriodUnit.Week, 2 => PeriodUnit.Month, _ => PeriodUnit.Days(unitCode) };
        (DateOnly[] dates, byte[] scores, int[] regions) = Data(20_000, unitCode);
        var origin = new DateOnly(2025, 1, 1);
        // Direct oracle: the period of each date from the calendar (ISO week Monday start, calendar month, blocks of n days from 0001-01-01).
        int Key(DateOnly d) => unitCode switch
        {
            0 => d.DayNumber,
            1 => d.DayNumber / 7, // 0001-01-01 is a Monday
            2 => (d.Year * 12) + d.Month - 1,
            _ => d.DayNumber / unitCode,
        };
        int periods = Key(new DateOnly(2025, 12, 31)) - Key(origin) + 1;
        var destination = new NpsResult[periods];
        Nps.CalculateByPeriod(dates, scores, origin, unit, destination);
        var grouped = new NpsResult[periods * 3];
        Nps.CalculateByPeriod(dates, scores, regions, 3, origin, unit, grouped);
        for (int p = 0; p < periods; p++)
        {
            int[] rows = [.. Enumerable.Range(0, dates.Length).Where(i => Key(dates[i]) - Key(origin) == p)];
            Assert.Equal(Reference(rows.Select(i => scores[i])), destination[p]);
            for (int g = 0; g < 3; g++)
            {
                Assert.Equal(Reference(rows.Where(i => regions[i] == g).Select(i => scores[i])), grouped[(p * 3) + g]);
            }
        }

        Assert.Equal(Nps.Calculate(scores), destination.Aggregate(NpsResult.Empty, NpsResult.Add));
    }

    [Fact]
    public void Date_time_offsets_use_the_explicit_time_zone_and_date_times_their_own_date()
    {
        TimeZoneInfo plusTwo = TimeZoneInfo.CreateCustomTimeZone("plus-two", TimeSpan.FromHours(2), "plus-two", "plus-two");
        DateTimeOffset[] stamps = [new(2025, 3, 31, 23, 30, 0, TimeSpan.Zero), new(2025, 3, 31, 12, 0, 0, TimeSpan.Zero)];
        byte[] scores = [10, 0];
        var months = new NpsResult[2];
        Nps.CalculateByPeriod(stamps, plusTwo, scores, new DateOnly(2025, 3, 1), PeriodUnit.Month, months);
        Assert.Equal(NpsResult.FromCounts(0, 0, 1), months[0]); // 14:00 on 31 March
        Assert.Equal(NpsResult.FromCounts(1, 0, 0), months[1]); // 01:30 on 1 April in UTC+2
        Nps.CalculateByPeriod(stamps, TimeZoneInfo.Utc, scores, new DateOnly(2025, 3, 1), PeriodUnit.Month, months);
        Assert.Equal(NpsResult.FromCounts(1, 0, 1), months[0]);
        DateTime[] times = [new(2025, 3, 31, 23, 30, 0), new(2025, 4, 1, 0, 10, 0)];
        Nps.CalculateByPeriod(times, scores, new DateOnly(2025, 3, 1), PeriodUnit.Month, months);
        Assert.Equal(NpsResult.FromCounts(1, 0, 0), months[0]);
        Assert.Equal(NpsResult.FromCounts(0, 0, 1), months[1]);
    }

    [Fact]
    public void Out_of_range_dates_and_scores_throw_naming_the_index()
    {
        DateOnly[] dates = [new(2025, 1, 5), new(2025, 3, 1)];
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Nps.CalculateByPeriod(dates, [5, 5], new DateOnly(2025, 1, 1), PeriodUnit.Month, new NpsResult[2]));
        Assert.Contains("dates[1] is 2025-03-01; valid dates are 2025-01-01 to 2025-02-28", exception.Message, StringComparison.Ordinal);
        exception = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Nps.CalculateByPeriod(dates, [5, 11], new DateOnly(2025, 1, 1), PeriodUnit.Month, new NpsResult[3]));
        Assert.Contains("scores[1] is 11", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_windows_equal_recomputation_over_the_window()
    {
        (DateOnly[] dates, byte[] scores, _) = Data(5_000, 3);
        var origin = new DateOnly(2025, 1, 1);
        var days = new NpsResult[365];
        Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Day, days);
        var trailing = new NpsResult[365];
        Nps.Trailing(days, 30, trailing);
        for (int d = 0; d < 365; d += 17)
        {
            DateOnly to = origin.AddDays(d), from = origin.AddDays(Math.Max(0, d - 29));
            Assert.Equal(Reference(Enumerable.Range(0, dates.Length).Where(i => dates[i] >= from && dates[i] <= to).Select(i => scores[i])), trailing[d]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Trailing(days, 0, trailing));
    }

    [Fact]
    public void Trend_test_has_its_size_and_coverage_in_simulation()
    {
        // 12 periods of 300 responses; 1,000 seeded replicates without a trend (size) and with a drift of the promoter
        // share of 1 point per period taken from the detractors (true slope 2 points per period; coverage).
        var random = new Random(11);
        const int Replicates = 1000;
        int rejections = 0, covered = 0;
        var periods = new NpsResult[12];
        for (int r = 0; r < Replicates; r++)
        {
            for (int t = 0; t < 12; t++)
            {
                periods[t] = Draw(random, 0.40, 0.25, 300);
            }

            rejections += Nps.Trend(periods).PValue < 0.05 ? 1 : 0;
            for (int t = 0; t < 12; t++)
            {
                periods[t] = Draw(random, 0.35 + (0.01 * t), 0.30 - (0.01 * t), 300);
            }

            ConfidenceInterval ci = Nps.Trend(periods).Interval(0.95);
            covered += ci.Lower <= 2 && 2 <= ci.Upper ? 1 : 0;
        }

        Assert.InRange((double)rejections / Replicates, 0.03, 0.07);
        Assert.InRange((double)covered / Replicates, 0.93, 0.97);
    }

    [Fact]
    public void Trend_needs_two_periods_and_round_trips_through_json()
    {
        Assert.Throws<ArgumentException>(() => Nps.Trend([NpsResult.FromCounts(1, 1, 1), NpsResult.Empty]));
        NpsTrend trend = Nps.Trend([NpsResult.FromCounts(10, 5, 5), NpsResult.Empty, NpsResult.FromCounts(14, 4, 2)]);
        Assert.Equal(2, trend.Periods);
        Assert.True(trend.Slope > 0);
        Assert.Equal(trend, JsonSerializer.Deserialize(JsonSerializer.Serialize(trend, CustomerMetricsJsonContext.Default.NpsTrend), CustomerMetricsJsonContext.Default.NpsTrend));
        Assert.Equal(default(NpsTrend), JsonSerializer.Deserialize(JsonSerializer.Serialize(default(NpsTrend), CustomerMetricsJsonContext.Default.NpsTrend), CustomerMetricsJsonContext.Default.NpsTrend));
    }

    /// <summary>n responses from a trinomial with the given promoter and detractor shares (one uniform per response).</summary>
    internal static NpsResult Draw(Random random, double promoters, double detractors, int n)
    {
        long p = 0, d = 0;
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            p += u < promoters ? 1 : 0;
            d += u >= 1 - detractors ? 1 : 0;
        }

        return NpsResult.FromCounts(p, n - p - d, d);
    }

    private static NpsResult Reference(IEnumerable<byte> scores)
    {
        var r = SurveyReference.Nps(scores.Select(s => (int)s));
        return new NpsResult(r.Promoters, r.Passives, r.Detractors, r.Invalid);
    }
}
