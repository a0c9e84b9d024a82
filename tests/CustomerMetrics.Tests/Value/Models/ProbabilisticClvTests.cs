using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

public class ProbabilisticClvTests
{
    private static readonly BgNbdModel Weekly = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);

    [Fact]
    public void The_same_customers_in_days_or_weeks_have_the_same_value()
    {
        // Rates per day are rates per week / 7: α (a rate parameter) scales by 7, times by 7.
        var daily = new BgNbdModel(0.243, 4.414 * 7, 0.793, 2.426);
        double week = ProbabilisticClv.Discounted(Weekly, Spend, PeriodUnit.Week, 12, 0.01, 2, 30.43, 38.86, 22.35);
        double day = ProbabilisticClv.Discounted(daily, Spend, PeriodUnit.Day, 12, 0.01, 2, 30.43 * 7, 38.86 * 7, 22.35);
        Assert.Equal(week, day, 1e-9 * week);

        // Reading weekly data as days would be a different (wrong) number: the unit matters.
        double wrong = ProbabilisticClv.Discounted(Weekly, Spend, PeriodUnit.Day, 12, 0.01, 2, 30.43, 38.86, 22.35);
        Assert.True(Math.Abs(wrong - week) > 0.5 * week);
    }

    [Fact]
    public void Without_discount_the_sum_telescopes_to_the_horizon_expectation()
    {
        double horizonWeeks = 12 * 365.25 / 12 / 7;
        double expected = Spend.ConditionalExpectedAverageSpend(2, 22.35) * Weekly.ConditionalExpectedPurchases(horizonWeeks, 2, 30.43, 38.86);
        Assert.Equal(expected, ProbabilisticClv.Discounted(Weekly, Spend, PeriodUnit.Week, 12, 0, 2, 30.43, 38.86, 22.35), 1e-10 * expected);
        Assert.Equal(0, ProbabilisticClv.Discounted(Weekly, Spend, PeriodUnit.Week, 0, 0.01, 2, 30.43, 38.86, 22.35));
    }

    [Fact]
    public void Discount_lowers_value_and_batch_equals_scalar()
    {
        double plain = ProbabilisticClv.Discounted(Weekly, Spend, PeriodUnit.Week, 24, 0, 5, 35, 38.86, 30);
        double discounted = ProbabilisticClv.Discounted(Weekly, Spend, PeriodUnit.Week, 24, 0.02, 5, 35, 38.86, 30);
        Assert.True(discounted < plain && discounted > 0);
        var destination = new double[2];
        ProbabilisticClv.Discounted(Weekly, Spend, PeriodUnit.Week, 24, 0.02, [5, 0], [35, 0], [38.86, 38.86], [30, 0], destination);
        Assert.Equal(discounted, destination[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilisticClv.Discounted(Weekly, Spend, PeriodUnit.Week, -1, 0.02, 5, 35, 38.86, 30));
        Assert.Throws<ArgumentException>(() => new PeriodUnit(PeriodKind.CustomDays, 0)); // an invalid unit cannot be made to pass in
        Assert.Equal(4.348214, ProbabilisticClv.UnitsPerMonth(PeriodUnit.Week), 1e-6);
    }
}
