using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

/// <summary>
/// CES and CSAT per period on the day tables (per-day tallies of each rating point in one to three packed words a day):
/// forced forks, every vector width of the range check, every period unit, each timestamp type, lengths around the
/// fork and flush thresholds, against direct computation (the rows of each period, found from the calendar, through
/// the ungrouped <see cref="Csat.Calculate(ReadOnlySpan{byte}, int)"/> and <see cref="Ces.Calculate(ReadOnlySpan{byte}, CesScale)"/>).
/// </summary>
[Trait("Category", "Kernel")]
public class PointPeriodKernelTests
{
    private static readonly VectorPath[] Paths = Enum.GetValues<VectorPath>();

    private static readonly int[] CsatScales = [3, 4, 5, 6, 7, 10];

    /// <summary>Each period's ratings, by the calendar key of each row's date.</summary>
    private static List<byte>[] Rows(DateOnly[] dates, byte[] ratings, DateOnly origin, int code, int periods)
    {
        var rows = new List<byte>[periods];
        for (int p = 0; p < periods; p++)
        {
            rows[p] = [];
        }

        for (int i = 0; i < dates.Length; i++)
        {
            rows[PeriodPropertyTests.Key(dates[i], code) - PeriodPropertyTests.Key(origin, code)].Add(ratings[i]);
        }

        return rows;
    }

    private static (DateOnly[] Dates, byte[] Ratings) Data(Random random, int n, DateOnly from, int days, int points, bool sorted)
    {
        var dates = new DateOnly[n];
        var ratings = new byte[n];
        for (int i = 0; i < n; i++)
        {
            dates[i] = from.AddDays(random.Next(days));
            ratings[i] = (byte)(1 + random.Next(points));
        }

        if (sorted)
        {
            Array.Sort(dates);
        }

        return (dates, ratings);
    }

    [Property(MaxTest = 40)]
    public void Csat_per_period_on_every_path_equals_direct_computation(int seed, PositiveInt forkLength)
    {
        var random = new Random(seed);
        int code = new[] { 0, 1, 2, 3, 7 }[random.Next(5)];
        int points = CsatScales[random.Next(CsatScales.Length)];

        // Ranges that cross years, short (four tables) and long (one table: over 1,024 words).
        var origin = new DateOnly(2019, 11, 1).AddDays(random.Next(400));
        int days = random.Next(2) == 0 ? 1 + random.Next(500) : 1100 + random.Next(1500);
        int n = new[] { 0, 1, 63, 64, 65, 2047, 2048, 2049, 4100, 9001 }[random.Next(10)] + random.Next(3);
        (DateOnly[] dates, byte[] ratings) = Data(random, n, origin, days, points, random.Next(2) == 0);
        int periods = PeriodPropertyTests.Key(origin.AddDays(days), code) - PeriodPropertyTests.Key(origin, code) + 1;
        CsatResult[] expected = [.. Rows(dates, ratings, origin, code, periods).Select(r => Csat.Calculate([.. r], points))];
        int fork = 1 + (forkLength.Get % 5000);
        DateTime[] times = [.. dates.Select(d => d.ToDateTime(new TimeOnly(random.Next(24), random.Next(60))))];
        foreach (VectorPath path in Paths)
        {
            var forked = new CsatResult[periods];
            Csat.CalculateByPeriod(dates, ratings, origin, PeriodPropertyTests.Unit(code), forked, points, fork, path);
            Assert.Equal(expected, forked);
            var fromTimes = new CsatResult[periods];
            Csat.CalculateByPeriod(times, ratings, origin, PeriodPropertyTests.Unit(code), fromTimes, points, fork, path);
            Assert.Equal(expected, fromTimes);
        }

        var publicCall = new CsatResult[periods];
        Csat.CalculateByPeriod(dates, ratings, origin, PeriodPropertyTests.Unit(code), publicCall, points);
        Assert.Equal(expected, publicCall);

        // Any split into periods merges to the whole.
        Assert.Equal(Csat.Calculate(ratings, points), publicCall.Aggregate((a, b) => a + b));
    }

    [Property(MaxTest = 40)]
    public void Ces_per_period_on_every_path_equals_direct_computation(int seed, PositiveInt forkLength)
    {
        var random = new Random(seed);
        int code = new[] { 0, 1, 2, 3, 5 }[random.Next(5)];
        CesScale scale = random.Next(2) == 0 ? CesScale.FivePointEffort : CesScale.SevenPointAgreement;
        var origin = new DateOnly(2023, 12, 20).AddDays(random.Next(400));
        int days = random.Next(2) == 0 ? 1 + random.Next(500) : 600 + random.Next(2000);
        int n = new[] { 0, 1, 64, 2047, 2048, 2049, 9001 }[random.Next(7)] + random.Next(3);
        (DateOnly[] dates, byte[] ratings) = Data(random, n, origin, days, (int)scale, random.Next(2) == 0);
        int periods = PeriodPropertyTests.Key(origin.AddDays(days), code) - PeriodPropertyTests.Key(origin, code) + 1;
        List<byte>[] rows = Rows(dates, ratings, origin, code, periods);
        CesResult[] expected = [.. rows.Select(r => Ces.Calculate([.. r], scale))];
        int fork = 1 + (forkLength.Get % 5000);
        DateTime[] times = [.. dates.Select(d => d.ToDateTime(new TimeOnly(random.Next(24), random.Next(60))))];
        foreach (VectorPath path in Paths)
        {
            var forked = new CesResult[periods];
            Ces.CalculateByPeriod(dates, ratings, origin, PeriodPropertyTests.Unit(code), scale, forked, fork, path);
            Assert.Equal(expected, forked);
            var fromTimes = new CesResult[periods];
            Ces.CalculateByPeriod(times, ratings, origin, PeriodPropertyTests.Unit(code), scale, fromTimes, fork, path);
            Assert.Equal(expected, fromTimes);
        }

        // Any split of the rows merges period by period to the whole.
        int cut = n == 0 ? 0 : random.Next(n + 1);
        var left = new CesResult[periods];
        var right = new CesResult[periods];
        Ces.CalculateByPeriod(dates.AsSpan(0, cut), ratings.AsSpan(0, cut), origin, PeriodPropertyTests.Unit(code), scale, left);
        Ces.CalculateByPeriod(dates.AsSpan(cut), ratings.AsSpan(cut), origin, PeriodPropertyTests.Unit(code), scale, right);
        for (int p = 0; p < periods; p++)
        {
            Assert.Equal(expected[p], left[p] + right[p]);
        }
    }

    [Property(MaxTest = 30)]
    public void Date_time_offsets_count_on_the_day_of_the_explicit_time_zone(int seed)
    {
        var random = new Random(seed);
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(random.Next(2) == 0 ? "Europe/Berlin" : "America/New_York");
        int code = new[] { 0, 1, 2, 3, 7 }[random.Next(5)];
        var origin = new DateOnly(2025, 1, 1);
        int n = random.Next(0, 3000);
        var stamps = new DateTimeOffset[n];
        var dates = new DateOnly[n];
        var csat = new byte[n];
        var ces = new byte[n];
        for (int i = 0; i < n; i++)
        {
            stamps[i] = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(360 * 24 * 60));
            dates[i] = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(stamps[i], zone).DateTime);
            csat[i] = (byte)(1 + random.Next(5));
            ces[i] = (byte)(1 + random.Next(7));
        }

        int periods = PeriodPropertyTests.Key(new DateOnly(2025, 12, 31), code) - PeriodPropertyTests.Key(origin, code) + 1;
        List<byte>[] csatRows = Rows(dates, csat, origin, code, periods);
        List<byte>[] cesRows = Rows(dates, ces, origin, code, periods);
        var csatActual = new CsatResult[periods];
        var cesActual = new CesResult[periods];
        Csat.CalculateByPeriod(stamps, zone, csat, origin, PeriodPropertyTests.Unit(code), csatActual, 5);
        Ces.CalculateByPeriod(stamps, zone, ces, origin, PeriodPropertyTests.Unit(code), CesScale.SevenPointAgreement, cesActual);
        Assert.Equal([.. csatRows.Select(r => Csat.Calculate([.. r], 5))], csatActual);
        Assert.Equal([.. cesRows.Select(r => Ces.Calculate([.. r], CesScale.SevenPointAgreement))], cesActual);
    }

    [Property(MaxTest = 40)]
    public void The_first_bad_date_else_the_first_bad_rating_is_named(int seed, PositiveInt forkLength)
    {
        var random = new Random(seed);
        int n = 1 + random.Next(6000);
        var origin = new DateOnly(2025, 3, 1);
        (DateOnly[] dates, byte[] ratings) = Data(random, n, origin, 120, 5, sorted: false);
        int badDate = random.Next(3) == 0 ? -1 : random.Next(n);
        int badRating = random.Next(3) == 0 ? -1 : random.Next(n);
        if (badDate >= 0)
        {
            // Before or after the four months from March, in some rows at and after the first.
            for (int i = badDate; i < n; i += 1 + random.Next(500))
            {
                dates[i] = random.Next(2) == 0 ? new DateOnly(2025, 2, 28).AddDays(-random.Next(40)) : new DateOnly(2025, 7, 1).AddDays(random.Next(40));
            }
        }

        if (badRating >= 0)
        {
            for (int i = badRating; i < n; i += 1 + random.Next(500))
            {
                ratings[i] = (byte)(random.Next(2) == 0 ? 0 : 6 + random.Next(250));
            }
        }

        DateTime[] times = [.. dates.Select(d => d.ToDateTime(TimeOnly.MinValue))];
        int fork = 1 + (forkLength.Get % 3000);
        foreach (VectorPath path in Paths)
        {
            Action[] calls =
            [
                () => Csat.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, new CsatResult[4], 5, fork, path),
                () => Csat.CalculateByPeriod(times, ratings, origin, PeriodUnit.Month, new CsatResult[4], 5, fork, path),
                () => Ces.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, CesScale.FivePointEffort, new CesResult[4], fork, path),
            ];
            foreach (Action call in calls)
            {
                if (badDate < 0 && badRating < 0)
                {
                    call();
                    continue;
                }

                var e = Assert.Throws<ArgumentOutOfRangeException>(call);
                if (badDate >= 0)
                {
                    Assert.Contains($"[{badDate}] is ", e.Message, StringComparison.Ordinal);
                    Assert.Contains("2025-03-01 to 2025-06-30", e.Message, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal("ratings", e.ParamName);
                    Assert.Contains($"ratings[{badRating}] is {ratings[badRating]};", e.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void A_scale_with_no_conventional_top_box_is_named_after_the_dates_are_checked()
    {
        DateOnly[] dates = [new(2026, 1, 5), new(2026, 3, 1)];
        byte[] ratings = [5, 4];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Csat.CalculateByPeriod(dates, ratings, new DateOnly(2026, 1, 1), PeriodUnit.Month, new CsatResult[2], 8));
        Assert.Equal("dates", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Csat.CalculateByPeriod(dates, ratings, new DateOnly(2026, 1, 1), PeriodUnit.Month, new CsatResult[3], 8));
        Assert.Equal("scalePoints", e.ParamName);
        var a = Assert.Throws<ArgumentException>(() => Ces.CalculateByPeriod(dates, ratings, new DateOnly(2026, 1, 1), PeriodUnit.Month, CesScale.None, new CesResult[3]));
        Assert.Equal("scale", a.ParamName);
        var z = Assert.Throws<ArgumentOutOfRangeException>(() => Csat.CalculateByPeriod(
            [new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)], TimeZoneInfo.Utc, [5], new DateOnly(2026, 1, 1), PeriodUnit.Month, new CsatResult[3], 5));
        Assert.Equal("timestamps", z.ParamName);
        Assert.Contains("timestamps[0] is 2026-04-01", z.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Periods_longer_than_the_day_tables_take_the_general_path()
    {
        // 70,000 daily periods (more than the tables' 65,536 days): the pooled period ids and the grouped calculators.
        var random = new Random(11);
        var origin = new DateOnly(1900, 1, 1);
        (DateOnly[] dates, byte[] ratings) = Data(random, 5000, origin, 70_000, 5, sorted: false);
        List<byte>[] rows = Rows(dates, ratings, origin, 0, 70_000);
        var actual = new CsatResult[70_000];
        Csat.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Day, actual, 5);
        Assert.Equal([.. rows.Select(r => Csat.Calculate([.. r], 5))], actual);
        var stamps = dates.Select(d => new DateTimeOffset(d.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)).ToArray();
        var ces = new CesResult[70_000];
        Ces.CalculateByPeriod(stamps, TimeZoneInfo.Utc, ratings, origin, PeriodUnit.Day, CesScale.FivePointEffort, ces);
        Assert.Equal([.. rows.Select(r => Ces.Calculate([.. r], CesScale.FivePointEffort))], ces);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ces.CalculateByPeriod(stamps, TimeZoneInfo.Utc, ratings, origin, PeriodUnit.Day, CesScale.FivePointEffort, new CesResult[10]));
    }

    [Theory]
    [InlineData(261_119, 100)]
    [InlineData(261_120, 100)]
    [InlineData(261_121, 100)]
    [InlineData(600_000, 100)]
    [InlineData(64_511, 700)]
    [InlineData(64_512, 700)]
    [InlineData(200_003, 700)]
    public void Counts_past_the_flush_blocks_on_one_day_are_exact(int n, int days)
    {
        // All rows on one day and one rating: 16-bit counts would wrap without the flushes (four tables up to 512 days
        // of a 7-point scale, one table above).
        var origin = new DateOnly(2024, 1, 1);
        var dates = Enumerable.Repeat(origin.AddDays(days / 2), n).ToArray();
        var ratings = Enumerable.Repeat((byte)7, n).ToArray();
        ratings[n / 3] = 5;
        foreach (int fork in new[] { int.MaxValue, 100_000 })
        {
            var actual = new CsatResult[days];
            Csat.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Day, actual, 7, fork, VectorPath.Auto);
            Assert.Equal(n, actual[days / 2].Count);
            Assert.Equal(n - 1, actual[days / 2].Satisfied);
            Assert.Equal(Csat.Calculate(ratings, 7), actual[days / 2]);
            Assert.Equal((long)n, actual.Sum(r => r.Count));
        }
    }

    [Fact]
    public void The_first_call_after_a_full_collection_allocates_nothing()
    {
        // PeriodUnit.Month is made inside the measurement: its validation used to rebuild the runtime's per-type cache
        // (Enum.IsDefined) after every full GC, 256 B on the calling thread.
        var origin = new DateOnly(2025, 1, 1);
        var random = new Random(5);
        (DateOnly[] dates, byte[] ratings) = Data(random, 50_000, origin, 365, 5, sorted: false);
        var csat = new CsatResult[12];
        var ces = new CesResult[12];
        var nps = new NpsResult[12];
        for (int warm = 0; warm < 3; warm++)
        {
            Csat.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, csat, 5);
            Ces.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, CesScale.SevenPointAgreement, ces);
            Nps.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, nps);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Csat.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, csat, 5);
        Ces.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, CesScale.SevenPointAgreement, ces);
        Nps.CalculateByPeriod(dates, ratings, origin, PeriodUnit.Month, nps);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(50_000, csat.Sum(r => r.Count));
    }
}
