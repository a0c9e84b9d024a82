using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

public class PeriodPropertyTests
{
    internal static PeriodUnit Unit(int code) => code switch
    {
        0 => PeriodUnit.Day,
        1 => PeriodUnit.Week,
        2 => PeriodUnit.Month,
        3 => PeriodUnit.Quarter,
        _ => PeriodUnit.Days(code),
    };

    /// <summary>The oracle: the period key of a date from the calendar (Monday weeks from 0001-01-01, Year and Month).</summary>
    internal static int Key(DateOnly d, int code) => code switch
    {
        0 => d.DayNumber,
        1 => d.DayNumber / 7,
        2 => (d.Year * 12) + d.Month - 1,
        3 => (d.Year * 4) + ((d.Month - 1) / 3),
        _ => d.DayNumber / code,
    };

    private static (DateOnly[] Dates, byte[] Scores) Data(Random random, int n, DateOnly from, int days, bool sorted)
    {
        DateOnly[] dates = [.. Enumerable.Range(0, n).Select(_ => from.AddDays(random.Next(days)))];
        if (sorted)
        {
            Array.Sort(dates);
        }

        byte[] scores = [.. Enumerable.Range(0, n).Select(_ => (byte)random.Next(11))];
        return (dates, scores);
    }

    private static NpsResult Reference(IEnumerable<byte> scores)
    {
        long p = 0, pa = 0, d = 0;
        foreach (byte s in scores)
        {
            _ = s >= 9 ? p++ : s >= 7 ? pa++ : d++;
        }

        return NpsResult.FromCounts(p, pa, d);
    }

    [Property(MaxTest = 60)]
    public void Periods_equal_the_calendar_oracle_and_any_split_of_the_rows_merges_to_the_whole(int seed, PositiveInt cut)
    {
        var random = new Random(seed);
        int code = new[] { 0, 1, 2, 3, 5, 30 }[random.Next(6)];
        var origin = new DateOnly(2020, 1, 1).AddDays(random.Next(800));
        (DateOnly[] dates, byte[] scores) = Data(random, random.Next(0, 3000), origin, 1 + random.Next(900), random.Next(2) == 0);
        int periods = Key(origin.AddDays(900), code) - Key(origin, code) + 1;
        var whole = new NpsResult[periods];
        Nps.CalculateByPeriod(dates, scores, origin, Unit(code), whole);
        for (int p = 0; p < periods; p++)
        {
            Assert.Equal(Reference(Enumerable.Range(0, dates.Length).Where(i => Key(dates[i], code) - Key(origin, code) == p).Select(i => scores[i])), whole[p]);
        }

        Assert.Equal(Nps.Calculate(scores), whole.Aggregate(NpsResult.Empty, NpsResult.Add));
        int at = dates.Length == 0 ? 0 : cut.Get % (dates.Length + 1);
        NpsResult[] left = new NpsResult[periods], right = new NpsResult[periods];
        Nps.CalculateByPeriod(dates.AsSpan(0, at), scores.AsSpan(0, at), origin, Unit(code), left);
        Nps.CalculateByPeriod(dates.AsSpan(at), scores.AsSpan(at), origin, Unit(code), right);
        Assert.Equal(whole, left.Zip(right, NpsResult.Add));
    }

    [Property(MaxTest = 40)]
    public void A_quarter_is_the_sum_of_its_three_months_for_every_survey_and_time_type(int seed)
    {
        var random = new Random(seed);
        var origin = new DateOnly(2023, 1, 1);
        (DateOnly[] dates, byte[] scores) = Data(random, random.Next(0, 4000), origin, 730, random.Next(2) == 0);
        byte[] ratings = [.. scores.Select(s => (byte)((s % 5) + 1))];
        var months = new NpsResult[24];
        var quarters = new NpsResult[8];
        Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Month, months);
        Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Quarter, quarters);
        DateTime[] times = [.. dates.Select(d => d.ToDateTime(new TimeOnly(random.Next(24), random.Next(60))))];
        var fromTimes = new NpsResult[8];
        Nps.CalculateByPeriod(times, scores, origin, PeriodUnit.Quarter, fromTimes);
        DateTimeOffset[] stamps = [.. times.Select(t => new DateTimeOffset(t, TimeSpan.Zero))];
        var fromStamps = new NpsResult[8];
        Nps.CalculateByPeriod(stamps, TimeZoneInfo.Utc, scores, origin, PeriodUnit.Quarter, fromStamps);
        var csatMonths = new CsatResult[24];
        var csatQuarters = new CsatResult[8];
        Csat.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, csatMonths, 5);
        Csat.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Quarter, csatQuarters, 5);
        for (int q = 0; q < 8; q++)
        {
            Assert.Equal(months[3 * q] + months[(3 * q) + 1] + months[(3 * q) + 2], quarters[q]);
            Assert.Equal(quarters[q], fromTimes[q]);
            Assert.Equal(quarters[q], fromStamps[q]);
            Assert.Equal(csatMonths[3 * q] + csatMonths[(3 * q) + 1] + csatMonths[(3 * q) + 2], csatQuarters[q]);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranges_too_long_for_the_day_tables_take_the_general_path_with_the_same_results(int code)
    {
        // 2,400 months or 800 quarters (200 years) exceed the day tables' 65,536 days.
        var random = new Random(code);
        var origin = new DateOnly(1850, 1, 1);
        (DateOnly[] dates, byte[] scores) = Data(random, 5000, origin, 200 * 365, sorted: false);
        int periods = code == 2 ? 2400 : 800;
        var results = new NpsResult[periods];
        Nps.CalculateByPeriod(dates, scores, origin, Unit(code), results);
        var times = new NpsResult[periods];
        Nps.CalculateByPeriod(dates.Select(d => d.ToDateTime(TimeOnly.MinValue)).ToArray(), scores, origin, Unit(code), times);
        for (int p = 0; p < periods; p += 7)
        {
            NpsResult expected = Reference(Enumerable.Range(0, dates.Length).Where(i => Key(dates[i], code) - Key(origin, code) == p).Select(i => scores[i]));
            Assert.Equal(expected, results[p]);
            Assert.Equal(expected, times[p]);
        }
    }

    [Fact]
    public void Bad_dates_and_scores_are_named_on_the_day_table_path_for_every_time_type()
    {
        var origin = new DateOnly(2025, 1, 1);
        DateOnly[] dates = [.. Enumerable.Range(0, 50).Select(i => origin.AddDays(i)), new DateOnly(2025, 7, 1)];
        byte[] scores = new byte[dates.Length];
        var quarters = new NpsResult[2];
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Quarter, quarters));
        Assert.Contains("dates[50] is 2025-07-01; valid dates are 2025-01-01 to 2025-06-30", exception.Message, StringComparison.Ordinal);
        DateTime[] times = [.. dates.Select(d => d.ToDateTime(new TimeOnly(23, 59)))];
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateByPeriod(times, scores, origin, PeriodUnit.Quarter, quarters));
        Assert.Contains("timestamps[50] is 2025-07-01", exception.Message, StringComparison.Ordinal);
        scores[49] = 12;
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateByPeriod(dates[..50], scores[..50], origin, PeriodUnit.Quarter, quarters));
        Assert.Contains("scores[49] is 12", exception.Message, StringComparison.Ordinal);
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateByPeriod(dates[..3], scores[..3], new DateOnly(2025, 1, 2), PeriodUnit.Day, new NpsResult[5]));
        Assert.Contains("dates[0] is 2025-01-01", exception.Message, StringComparison.Ordinal);
    }
}
