using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

/// <summary>CES and CSAT per period and group: each cell equals the scalar calculation on that cell's responses.</summary>
public class CesCsatGroupedPeriodTests
{
    [Property(MaxTest = 100)]
    public void Each_cell_equals_the_calculation_on_its_own_responses(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(0, 400);
        int groups = random.Next(1, 5);
        var origin = new DateOnly(2026, 1, 15);
        DateOnly[] dates = [.. Enumerable.Range(0, n).Select(_ => new DateOnly(2026, 1, 1).AddDays(random.Next(0, 180)))];
        int[] groupIds = [.. dates.Select(_ => random.Next(groups))];
        byte[] ces = [.. dates.Select(_ => (byte)random.Next(1, 8))];
        byte[] csat = [.. dates.Select(_ => (byte)random.Next(1, 6))];
        var cesCells = new CesResult[6 * groups];
        var csatCells = new CsatResult[6 * groups];
        Ces.CalculateByPeriod(dates, ces, groupIds, groups, origin, PeriodUnit.Month, CesScale.SevenPointAgreement, cesCells);
        Csat.CalculateByPeriod(dates, csat, groupIds, groups, origin, PeriodUnit.Month, csatCells, 5);
        for (int month = 0; month < 6; month++)
        {
            for (int group = 0; group < groups; group++)
            {
                int[] rows = [.. Enumerable.Range(0, n).Where(i => dates[i].Month - 1 == month && groupIds[i] == group)];
                Assert.Equal(Ces.Calculate([.. rows.Select(i => ces[i])], CesScale.SevenPointAgreement), cesCells[(month * groups) + group]);
                Assert.Equal(Csat.Calculate([.. rows.Select(i => csat[i])], 5), csatCells[(month * groups) + group]);
            }
        }
    }

    [Fact]
    public void A_period_s_groups_merge_into_the_ungrouped_period()
    {
        var random = new Random(7);
        DateOnly[] dates = [.. Enumerable.Range(0, 2_000).Select(_ => new DateOnly(2026, 1, 1).AddDays(random.Next(0, 90)))];
        int[] groupIds = [.. dates.Select(_ => random.Next(3))];
        byte[] csat = [.. dates.Select(_ => (byte)random.Next(1, 11))];
        var cells = new CsatResult[3 * 3];
        var periods = new CsatResult[3];
        Csat.CalculateByPeriod(dates, csat, groupIds, 3, new DateOnly(2026, 1, 1), PeriodUnit.Month, cells, 10);
        Csat.CalculateByPeriod(dates, csat, new DateOnly(2026, 1, 1), PeriodUnit.Month, periods, 10);
        for (int month = 0; month < 3; month++)
        {
            Assert.Equal(periods[month], cells[3 * month] + cells[(3 * month) + 1] + cells[(3 * month) + 2]);
        }
    }

    [Fact]
    public void Bad_groups_dates_and_destinations_are_named_in_order()
    {
        var origin = new DateOnly(2026, 1, 1);
        DateOnly[] dates = [new(2026, 1, 5), new(2026, 1, 6), new(2026, 3, 1)];
        byte[] ratings = [5, 4, 3];

        // A date outside the periods (index 2) is named before a group out of range (index 1).
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Csat.CalculateByPeriod(dates, ratings, [0, 5, 1], 2, origin, PeriodUnit.Month, new CsatResult[4], 5));
        Assert.Equal("dates", e.ParamName);
        Assert.Contains("dates[2]", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ces.CalculateByPeriod(dates, ratings, [0, 5, 1], 2, origin, PeriodUnit.Month, CesScale.SevenPointAgreement, new CesResult[6]));
        Assert.Equal("groupIds", e.ParamName);
        Assert.Contains("groupIds[1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("5", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Csat.CalculateByPeriod(dates, ratings, [0, 1, 1], 0, origin, PeriodUnit.Month, new CsatResult[6], 5));
        Assert.Equal("groups", e.ParamName);

        var a = Assert.Throws<ArgumentException>(() =>
            Csat.CalculateByPeriod(dates, ratings, [0, 1, 1], 2, origin, PeriodUnit.Month, new CsatResult[5], 5));
        Assert.Equal("destination", a.ParamName);

        a = Assert.Throws<ArgumentException>(() =>
            Ces.CalculateByPeriod(dates, ratings, [0, 1], 2, origin, PeriodUnit.Month, CesScale.SevenPointAgreement, new CesResult[6]));
        Assert.Equal("groupIds", a.ParamName);

        // Ratings are checked last: a rating off the scale names the ratings.
        e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Csat.CalculateByPeriod(dates, [5, 9, 3], [0, 1, 1], 2, origin, PeriodUnit.Month, new CsatResult[6], 5));
        Assert.Equal("ratings", e.ParamName);
    }

    [Fact]
    public void Periods_beyond_the_day_table_take_the_general_path_with_the_same_answers_and_errors()
    {
        // 70,000 daily periods (more days than the day table holds), 2 groups.
        const int Periods = 70_000;
        var origin = new DateOnly(2000, 1, 1);
        var random = new Random(11);
        DateOnly[] dates = [.. Enumerable.Range(0, 3_000).Select(_ => origin.AddDays(random.Next(0, 40)))];
        int[] groupIds = [.. dates.Select(_ => random.Next(2))];
        byte[] csat = [.. dates.Select(_ => (byte)random.Next(1, 6))];
        var cells = new CsatResult[Periods * 2];
        Csat.CalculateByPeriod(dates, csat, groupIds, 2, origin, PeriodUnit.Day, cells, 5);
        for (int day = 0; day < 40; day++)
        {
            for (int group = 0; group < 2; group++)
            {
                int[] rows = [.. Enumerable.Range(0, dates.Length).Where(i => dates[i].DayNumber - origin.DayNumber == day && groupIds[i] == group)];
                Assert.Equal(Csat.Calculate([.. rows.Select(i => csat[i])], 5), cells[(day * 2) + group]);
            }
        }

        Assert.Equal(0, cells[(Periods * 2) - 1].Count);
        groupIds[7] = 2;
        dates[9] = origin.AddDays(-1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Csat.CalculateByPeriod(dates, csat, groupIds, 2, origin, PeriodUnit.Day, cells, 5));
        Assert.Contains("dates[9]", e.Message, StringComparison.Ordinal);
        dates[9] = origin;
        e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Csat.CalculateByPeriod(dates, csat, groupIds, 2, origin, PeriodUnit.Day, cells, 5));
        Assert.Contains("groupIds[7]", e.Message, StringComparison.Ordinal);
    }
}
