using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value;

public class RfmSummaryTests
{
    private static readonly DateOnly End = new(2020, 1, 31);

    // Rows deliberately out of order; customer 4 only buys after the end.
    private static readonly (int Id, DateOnly Date, double Amount)[] Log =
    [
        (3, new DateOnly(2020, 2, 5), 9),
        (1, new DateOnly(2020, 1, 21), 30),
        (2, new DateOnly(2020, 1, 15), 40),
        (1, new DateOnly(2020, 1, 1), 10),
        (5, new DateOnly(2020, 1, 12), 3),
        (4, new DateOnly(2020, 3, 1), 100),
        (1, new DateOnly(2020, 1, 11), 20),
        (3, new DateOnly(2020, 1, 20), 7),
        (1, new DateOnly(2020, 1, 1), 5),
        (5, new DateOnly(2020, 1, 6), 2),
    ];

    private static RfmSummary Summarize(RfmOptions options) =>
        Rfm.Summarize(Log.Select(r => r.Id).ToArray(), Log.Select(r => r.Date).ToArray(), Log.Select(r => r.Amount).ToArray(), End, options);

    private static void AssertRow(RfmSummary summary, int id, double x, double tx, double t, double m, double total)
    {
        int i = summary.IndexOf(id);
        Assert.True(i >= 0, $"customer {id} missing");
        RfmRecord r = summary[i];
        Assert.Equal(x, r.Frequency);
        Assert.Equal(tx, r.Recency, 12);
        Assert.Equal(t, r.Age, 12);
        Assert.Equal(m, r.MeanSpend, 12);
        Assert.Equal(total, r.TotalSpend, 12);
    }

    [Fact]
    public void Days_merge_same_day_purchases_and_exclude_rows_after_the_end()
    {
        RfmSummary s = Summarize(RfmOptions.Days);
        Assert.Equal([1, 2, 3, 5], s.CustomerIds.ToArray());
        AssertRow(s, 1, 2, 20, 30, 25, 65); // 1 Jan (10 + 5 merged), 11 Jan (20), 21 Jan (30)
        AssertRow(s, 2, 0, 0, 16, 0, 40);   // one-time buyer: recency 0, monetary 0
        AssertRow(s, 3, 0, 0, 11, 0, 7);    // the 5 Feb row is after the end
        AssertRow(s, 5, 1, 6, 25, 3, 5);
        Assert.Equal(-1, s.IndexOf(4));
        Assert.Equal(2, s.ExcludedAfterEnd);
        Assert.Equal(8, s.TransactionsUsed);
    }

    [Fact]
    public void Fractional_weeks_divide_days_by_seven()
    {
        RfmSummary s = Summarize(RfmOptions.Weeks);
        AssertRow(s, 1, 2, 20 / 7.0, 30 / 7.0, 25, 65);
        AssertRow(s, 5, 1, 6 / 7.0, 25 / 7.0, 3, 5);
    }

    [Fact]
    public void Whole_weeks_run_Monday_to_Sunday_and_merge_purchases_in_one_week()
    {
        Assert.Equal(DayOfWeek.Monday, DateOnly.FromDayNumber(0).DayOfWeek);
        RfmSummary s = Summarize(new RfmOptions(PeriodUnit.Week, PeriodCounting.WholePeriods));
        // Weeks from Monday 30 Dec 2019: 1 Jan → 0, 11 Jan → 1, 15 Jan → 2, 20/21 Jan → 3, 31 Jan → 4.
        AssertRow(s, 1, 2, 3, 4, 25, 65);
        AssertRow(s, 2, 0, 0, 2, 0, 40);
        AssertRow(s, 3, 0, 0, 1, 0, 7);
        AssertRow(s, 5, 0, 0, 3, 0, 5); // Monday 6 and Sunday 12 January are one ISO week
    }

    [Fact]
    public void Whole_months_are_calendar_months_and_fractional_months_are_30_4375_days()
    {
        int[] ids = [6, 6, 6];
        DateOnly[] dates = [new(2019, 12, 1), new(2019, 11, 30), new(2019, 12, 31)];
        double[] amounts = [4, 1, 6];
        RfmSummary whole = Rfm.Summarize(ids, dates, amounts, End, new RfmOptions(PeriodUnit.Month, PeriodCounting.WholePeriods));
        AssertRow(whole, 6, 1, 1, 2, 10, 11); // November, December (4 + 6 merged); T = January − November
        RfmSummary fractional = Rfm.Summarize(ids, dates, amounts, End, new RfmOptions(PeriodUnit.Month));
        AssertRow(fractional, 6, 2, 31 / 30.4375, 62 / 30.4375, 5, 11);
    }

    [Fact]
    public void Custom_length_periods()
    {
        RfmSummary s = Summarize(new RfmOptions(PeriodUnit.Days(10)));
        AssertRow(s, 1, 2, 2, 3, 25, 65);
        RfmSummary whole = Summarize(new RfmOptions(PeriodUnit.Days(10), PeriodCounting.WholePeriods));
        int d0 = new DateOnly(2020, 1, 1).DayNumber;
        int p(DateOnly d) => d.DayNumber / 10;
        AssertRow(whole, 1, new[] { d0 / 10, p(new(2020, 1, 11)), p(new(2020, 1, 21)) }.Distinct().Count() - 1,
            p(new(2020, 1, 21)) - (d0 / 10), p(End) - (d0 / 10), 25, 65);
    }

    [Fact]
    public void Date_ordered_and_unordered_paths_agree_on_whole_periods()
    {
        var ordered = Log.OrderBy(r => r.Date).ToArray();
        foreach (var options in new[] { RfmOptions.Days, RfmOptions.Weeks, new RfmOptions(PeriodUnit.Week, PeriodCounting.WholePeriods),
                     new RfmOptions(PeriodUnit.Month, PeriodCounting.WholePeriods), new RfmOptions(PeriodUnit.Days(10), PeriodCounting.WholePeriods) })
        {
            RfmSummary a = Summarize(options);
            RfmSummary b = Rfm.Summarize(ordered.Select(r => r.Id).ToArray(), ordered.Select(r => r.Date).ToArray(),
                ordered.Select(r => r.Amount).ToArray(), End, options);
            Assert.Equal(Enumerable.Range(0, a.Count).Select(i => a[i]), Enumerable.Range(0, b.Count).Select(i => b[i]));
            Assert.Equal(a.ExcludedAfterEnd, b.ExcludedAfterEnd);
        }
    }

    [Fact]
    public void Options_round_trip_through_json_and_print_their_unit()
    {
        var options = new RfmOptions(PeriodUnit.Days(14), PeriodCounting.WholePeriods, RowsAfterEnd.Throw);
        string json = System.Text.Json.JsonSerializer.Serialize(options, Serialization.CustomerMetricsJsonContext.Default.RfmOptions);
        Assert.Equal(options, System.Text.Json.JsonSerializer.Deserialize(json, Serialization.CustomerMetricsJsonContext.Default.RfmOptions));
        Assert.Equal("14 days", options.Unit.ToString());
        Assert.Equal("week", PeriodUnit.Week.ToString());
        Assert.Equal(30.4375, PeriodUnit.Month.LengthInDays);
        Assert.Equal(PeriodUnit.Day, default(RfmOptions).Unit);
    }

    [Fact]
    public void Empty_log_gives_an_empty_summary()
    {
        RfmSummary s = Rfm.Summarize([], [], [], End, RfmOptions.Weeks);
        Assert.Empty(s);
        Assert.Equal(0, s.TransactionsUsed);
        Assert.Contains("0 customers", s.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refunds_net_into_their_period()
    {
        RfmSummary s = Rfm.Summarize([1, 1, 1], [new(2020, 1, 1), new(2020, 1, 5), new(2020, 1, 5)], [10, 30, -12], End, RfmOptions.Days);
        AssertRow(s, 1, 1, 4, 30, 18, 28);
    }

    [Fact]
    public void Sparse_ids_use_the_dictionary_path_with_the_same_result()
    {
        int[] ids = [int.MaxValue, int.MinValue, 0, int.MaxValue];
        DateOnly[] dates = [new(2020, 1, 1), new(2020, 1, 2), new(2020, 1, 3), new(2020, 1, 4)];
        RfmSummary s = Rfm.Summarize(ids, dates, [1, 2, 3, 4], End, RfmOptions.Days);
        Assert.Equal([int.MinValue, 0, int.MaxValue], s.CustomerIds.ToArray());
        AssertRow(s, int.MaxValue, 1, 3, 30, 4, 5);
    }

    [Fact]
    public void Bad_input_names_argument_index_and_value()
    {
        DateOnly[] dates = [new(2020, 1, 1), new(2020, 1, 2)];
        var mismatch = Assert.Throws<ArgumentException>(() => Rfm.Summarize([1, 2], dates, [1.0], End));
        Assert.Contains("amounts", mismatch.Message, StringComparison.Ordinal);

        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.Summarize([1, 2], dates, [1, double.NaN], End));
        Assert.Equal("amounts", nan.ParamName);
        Assert.Contains("amounts[1] is NaN", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.Summarize([1, 2], dates, [double.PositiveInfinity, 1], End));

        var late = Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.Summarize([1, 2], [new(2020, 1, 1), new(2020, 2, 2)], [1, 1], End,
            new RfmOptions(PeriodUnit.Day, PeriodCounting.FractionalDays, RowsAfterEnd.Throw)));
        Assert.Equal("dates", late.ParamName);
        Assert.Contains("dates[1] is 2020-02-02", late.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => PeriodUnit.Days(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.Summarize([1], [new(2020, 1, 1)], [1], End, new RfmOptions(PeriodUnit.Day, (PeriodCounting)7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.Summarize([1], [new(2020, 1, 1)], [1], End, new RfmOptions(PeriodUnit.Day, PeriodCounting.FractionalDays, (RowsAfterEnd)9)));
        Assert.Throws<ArgumentException>(() => Rfm.Summarize([1], [new(2020, 1, 1)], [1], End, new RfmOptions(new PeriodUnit(PeriodKind.CustomDays, 0))));
    }

    [Fact]
    public void FromColumns_checks_the_model_invariants()
    {
        RfmSummary s = RfmSummary.FromColumns([1, 2], [2, 0], [30.43, 0], [38.86, 38.86], [22.35, 0], PeriodUnit.Week);
        Assert.Equal(2, s.Count);
        Assert.Equal(44.7, s.TotalSpend[0], 12);
        var late = Assert.Throws<ArgumentOutOfRangeException>(() => RfmSummary.FromColumns([1], [1], [40], [38.86], [1], PeriodUnit.Week));
        Assert.Equal("recency", late.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSummary.FromColumns([1], [1.5], [1], [2], [1], PeriodUnit.Week));
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSummary.FromColumns([2, 1], [0, 0], [0, 0], [1, 1], [0, 0], PeriodUnit.Week));
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSummary.FromColumns([1], [0], [0], [1], [5], PeriodUnit.Week));
    }

    // ---- properties against an independent LINQ reference ----

    public sealed record Row(int Id, int Day, int Cents);

    private static Gen<Row[]> Logs =>
        (from id in Gen.Choose(0, 12)
         from day in Gen.Choose(0, 90)
         from cents in Gen.Choose(-5_000, 100_000)
         select new Row(id, day, cents)).ArrayOf();

    private static readonly DateOnly Origin = new(2021, 1, 1);
    private const int EndDay = 70;

    private static RfmSummary Run(Row[] rows, RfmOptions options) =>
        Rfm.Summarize(rows.Select(r => r.Id).ToArray(), rows.Select(r => Origin.AddDays(r.Day)).ToArray(),
            rows.Select(r => r.Cents / 100.0).ToArray(), Origin.AddDays(EndDay), options);

    [Property(MaxTest = 200)]
    public Property Matches_a_LINQ_reference_and_keeps_recency_within_T() =>
        Prop.ForAll(Logs.ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (unordered, dateOrdered) =>
        {
            // Date-ordered logs take the streaming path, others the grouping path: both must match the reference.
            Row[] rows = dateOrdered ? unordered.OrderBy(r => r.Day).ToArray() : unordered;
            RfmSummary s = Run(rows, RfmOptions.Weeks);
            var expected = rows.Where(r => r.Day <= EndDay).GroupBy(r => r.Id).OrderBy(g => g.Key).Select(g =>
            {
                var periods = g.GroupBy(r => r.Day).OrderBy(p => p.Key).Select(p => (Day: p.Key, Spend: p.Sum(r => (decimal)r.Cents) / 100)).ToArray();
                int x = periods.Length - 1;
                return (Id: g.Key, X: x, Tx: (periods[^1].Day - periods[0].Day) / 7.0, T: (EndDay - periods[0].Day) / 7.0,
                    M: x == 0 ? 0m : periods.Skip(1).Sum(p => p.Spend) / x);
            }).ToArray();
            bool ok = s.Count == expected.Length && s.ExcludedAfterEnd == rows.Count(r => r.Day > EndDay);
            for (int i = 0; ok && i < s.Count; i++)
            {
                var e = expected[i];
                ok = s.CustomerIds[i] == e.Id && s.Frequency[i] == e.X && s.Frequency[i] >= 0
                    && Math.Abs(s.Recency[i] - e.Tx) < 1e-12 && Math.Abs(s.Age[i] - e.T) < 1e-12
                    && s.Recency[i] <= s.Age[i] && Math.Abs((decimal)s.MeanSpend[i] - e.M) < 1e-9m;
            }

            return ok;
        });

    [Property(MaxTest = 100)]
    public Property Is_invariant_to_row_order() =>
        Prop.ForAll(Logs.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (rows, seed) =>
        {
            Row[] shuffled = (Row[])rows.Clone();
            new Random(seed).Shuffle(shuffled);
            foreach (var options in new[] { RfmOptions.Days, new RfmOptions(PeriodUnit.Month, PeriodCounting.WholePeriods) })
            {
                RfmSummary a = Run(rows, options), b = Run(shuffled, options);
                if (!a.CustomerIds.SequenceEqual(b.CustomerIds) || !a.Frequency.SequenceEqual(b.Frequency)
                    || !a.Recency.SequenceEqual(b.Recency) || !a.Age.SequenceEqual(b.Age))
                {
                    return false;
                }

                for (int i = 0; i < a.Count; i++)
                {
                    if (Math.Abs(a.MeanSpend[i] - b.MeanSpend[i]) > 1e-9 || Math.Abs(a.TotalSpend[i] - b.TotalSpend[i]) > 1e-9)
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 100)]
    public Property Whole_periods_never_count_more_purchase_periods_than_days() =>
        Prop.ForAll(Logs.ToArbitrary(), rows =>
        {
            RfmSummary days = Run(rows, RfmOptions.Days);
            RfmSummary weeks = Run(rows, new RfmOptions(PeriodUnit.Week, PeriodCounting.WholePeriods));
            for (int i = 0; i < days.Count; i++)
            {
                if (weeks.Frequency[i] > days.Frequency[i] || weeks.Recency[i] > weeks.Age[i] || weeks.Frequency[i] < 0)
                {
                    return false;
                }
            }

            return true;
        });
}
