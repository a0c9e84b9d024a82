using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using MathNet.Numerics;

namespace CustomerMetrics.Tests.Surveys;

public class PeriodOverPeriodTests
{
    /// <summary>Textbook closed form from raw counts: NPS = 100 (P − D)/n, Var = ((P + D)/n − ((P − D)/n)²)/n per sample.</summary>
    private static (double Difference, double StandardError, double PValue) ClosedForm(long[] current, long[] previous)
    {
        static (double Score, double Variance) Side(long[] c)
        {
            double n = c[0] + c[1] + c[2];
            double net = (c[0] - c[2]) / n;
            return (100 * net, (((c[0] + c[2]) / n) - (net * net)) / n);
        }

        (double s1, double v1) = Side(current);
        (double s0, double v0) = Side(previous);
        double se = 100 * Math.Sqrt(v1 + v0);
        double z = (s1 - s0) / se;
        return (s1 - s0, se, SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2)));
    }

    [Fact]
    public void Each_change_equals_the_closed_form_from_raw_counts_and_empty_periods_give_nan()
    {
        long[][] counts = [[40, 30, 30], [55, 25, 20], [0, 0, 0], [12, 5, 3], [30, 40, 30], [30, 40, 30]];
        NpsResult[] periods = [.. counts.Select(c => NpsResult.FromCounts(c[0], c[1], c[2]))];
        var changes = new NpsComparison[periods.Length];
        Nps.PeriodOverPeriod(periods, changes);

        foreach (int p in new[] { 0, 2, 3 })
        {
            // No previous period (0), an empty period (2), an empty previous period (3).
            Assert.True(double.IsNaN(changes[p].Difference));
            Assert.True(double.IsNaN(changes[p].StandardError));
            Assert.True(double.IsNaN(changes[p].PValue));
            ConfidenceInterval interval = changes[p].Interval();
            Assert.True(double.IsNaN(interval.Lower) && double.IsNaN(interval.Upper));
        }

        foreach (int p in new[] { 1, 4, 5 })
        {
            (double difference, double se, double pValue) = ClosedForm(counts[p], counts[p - 1]);
            Assert.Equal(difference, changes[p].Difference, 1e-9);
            Assert.Equal(se, changes[p].StandardError, 1e-9);
            Assert.Equal(pValue, changes[p].PValue, 1e-9);
            ConfidenceInterval interval = changes[p].Interval(0.95);
            Assert.Equal(difference - (1.959963984540054 * se), interval.Lower, 1e-9);
            Assert.Equal(difference + (1.959963984540054 * se), interval.Upper, 1e-9);
        }

        // Period 1: 100·(0.55 − 0.20) − 100·(0.40 − 0.30) = 25 points.
        Assert.Equal(25, changes[1].Difference, 1e-12);
        Assert.Equal(0, changes[5].Difference);
    }

    [Fact]
    public void Empty_input_is_fine_and_mismatched_lengths_throw()
    {
        Nps.PeriodOverPeriod([], []);
        Assert.Throws<ArgumentException>(() => Nps.PeriodOverPeriod(new NpsResult[3], new NpsComparison[2]));
    }

    [Fact]
    public void Undefined_comparison_round_trips_through_json_and_nan_alone_still_throws()
    {
        NpsComparison undefined = NpsComparison.Undefined;
        string json = JsonSerializer.Serialize(undefined, CustomerMetricsJsonContext.Default.NpsComparison);
        NpsComparison back = JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.NpsComparison);
        Assert.True(double.IsNaN(back.Difference) && double.IsNaN(back.StandardError));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsComparison(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsComparison(1, double.NaN));
    }

    [Fact]
    public void Interval_covers_the_true_change_about_95_percent_of_the_time_in_a_seeded_simulation()
    {
        // Previous period: 40 % promoters, 20 % detractors (NPS 20); current: 45 %, 15 % (NPS 30); n = 400 each.
        var random = new Random(20261126);
        const int Runs = 2000;
        int covered = 0, rejected = 0;
        var periods = new NpsResult[2];
        var changes = new NpsComparison[2];
        for (int run = 0; run < Runs; run++)
        {
            periods[0] = PeriodTests.Draw(random, 0.40, 0.20, 400);
            periods[1] = PeriodTests.Draw(random, 0.45, 0.15, 400);
            Nps.PeriodOverPeriod(periods, changes);
            covered += changes[1].Interval(0.95).Contains(10) ? 1 : 0;
            rejected += changes[1].PValue < 0.05 ? 1 : 0;
        }

        Assert.InRange(covered / (double)Runs, 0.935, 0.965);
        // Power against a 10-point change at n = 400 per period: Φ(10/SE − 1.96) with
        // SE = 100·√((0.60 − 0.20²)/400 + (0.60 − 0.30²)/400) ≈ 5.17, about 0.49.
        Assert.InRange(rejected / (double)Runs, 0.44, 0.55);
    }

    [Fact]
    public void ReadMe_analyst_snippet_runs_and_is_in_the_readme()
    {
        var random = new Random(7);
        var start = new DateOnly(2025, 1, 1);
        DateOnly[] dates = [.. Enumerable.Range(0, 6_000).Select(_ => start.AddDays(random.Next(365)))];
        byte[] scores = [.. dates.Select(d => (byte)Math.Min(10, random.Next(11) + (d.Month / 6)))];

        // README surveys analyst begin
        var months = new NpsResult[12];
        Nps.CalculateByPeriod(dates, scores, origin: new DateOnly(2025, 1, 1), PeriodUnit.Month, months);
        var trailing = new NpsResult[12];
        Nps.Trailing(months, window: 3, trailing);                 // trailing three months, by merging
        var changes = new NpsComparison[12];
        Nps.PeriodOverPeriod(months, changes);                     // changes[0] is undefined (NaN): no previous month
        NpsTrend trend = Nps.Trend(months);                        // slope in points per month, weighted least squares
        var quarters = new NpsResult[4];                           // calendar quarters: January–March, April–June, ...
        Nps.CalculateByPeriod(dates, scores, origin: new DateOnly(2025, 1, 1), PeriodUnit.Quarter, quarters);
        for (int m = 0; m < 12; m++)
        {
            Console.WriteLine($"{m + 1,2}: {months[m].Score,6:0.0} {months[m].Interval()}  3-month {trailing[m].Score,6:0.0}  {changes[m]}");
        }

        Console.WriteLine(trend);
        Console.WriteLine(string.Join(" | ", quarters));
        // README surveys analyst end

        Assert.Equal(Nps.Calculate(scores), months.Aggregate(NpsResult.Empty, NpsResult.Add));
        Assert.True(double.IsNaN(changes[0].Difference));
        Assert.Equal(months[11].Score - months[10].Score, changes[11].Difference, 1e-9);
        Assert.True(trend.Slope > 0);
        Assert.Equal(months[3] + months[4] + months[5], quarters[1]);
        Assert.Contains(ReadMeTests.Snippet("README surveys analyst"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }
}
