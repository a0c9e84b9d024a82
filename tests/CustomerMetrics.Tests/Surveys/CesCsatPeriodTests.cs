using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

public class CesCsatPeriodTests
{
    [Property(MaxTest = 100)]
    public void Per_period_results_equal_the_calculation_on_each_month_s_responses(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(0, 300);
        var origin = new DateOnly(2026, 1, 15);
        DateOnly[] dates = [.. Enumerable.Range(0, n).Select(_ => new DateOnly(2026, 1, 1).AddDays(random.Next(0, 180)))];
        byte[] ces = [.. dates.Select(_ => (byte)random.Next(1, 8))];
        byte[] csat = [.. dates.Select(_ => (byte)random.Next(1, 6))];
        var cesByMonth = new CesResult[6];
        var csatByMonth = new CsatResult[6];
        Ces.CalculateByPeriod(dates, ces, origin, PeriodUnit.Month, CesScale.SevenPointAgreement, cesByMonth);
        Csat.CalculateByPeriod(dates, csat, origin, PeriodUnit.Month, csatByMonth, 5);
        for (int month = 0; month < 6; month++)
        {
            int[] rows = [.. Enumerable.Range(0, n).Where(i => dates[i].Month - 1 == month)];
            Assert.Equal(Ces.Calculate([.. rows.Select(i => ces[i])], CesScale.SevenPointAgreement), cesByMonth[month]);
            Assert.Equal(Csat.Calculate([.. rows.Select(i => csat[i])], 5), csatByMonth[month]);
        }
    }

    [Fact]
    public void Dates_outside_the_periods_and_bad_ratings_are_named()
    {
        var destination = new CsatResult[2];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Csat.CalculateByPeriod([new(2026, 1, 5), new(2026, 3, 1)], [5, 4], new DateOnly(2026, 1, 1), PeriodUnit.Month, destination, 5));
        Assert.Equal("dates", e.ParamName);
        Assert.Contains("dates[1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ces.CalculateByPeriod([new(2026, 1, 5)], [9], new DateOnly(2026, 1, 1), PeriodUnit.Week, CesScale.SevenPointAgreement, new CesResult[1]));
        Assert.Throws<ArgumentException>(() =>
            Ces.CalculateByPeriod([new(2026, 1, 5)], [], new DateOnly(2026, 1, 1), PeriodUnit.Week, CesScale.SevenPointAgreement, new CesResult[1]));
    }
}
