using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

/// <summary>
/// The per-period day-table kernel on every path: forced forks (two halves, each into its own per-day counts), every
/// vector width of the range check, lengths around the fork and flush thresholds, against direct computation (the
/// rows of each period, found from the calendar, through the ungrouped <see cref="Nps.Calculate(ReadOnlySpan{byte})"/>).
/// </summary>
[Trait("Category", "Kernel")]
public class PeriodKernelTests
{
    private static readonly VectorPath[] Paths = [VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512, VectorPath.Auto];

    private static int Key(DateOnly d, int code) => PeriodPropertyTests.Key(d, code);

    private static PeriodUnit Unit(int code) => PeriodPropertyTests.Unit(code);

    /// <summary>Direct computation: each period's rows (by the calendar key) through the ungrouped calculator.</summary>
    private static NpsResult[] Direct(DateOnly[] dates, byte[] scores, DateOnly origin, int code, int periods)
    {
        var rows = new List<byte>[periods];
        for (int p = 0; p < periods; p++)
        {
            rows[p] = [];
        }

        for (int i = 0; i < dates.Length; i++)
        {
            rows[Key(dates[i], code) - Key(origin, code)].Add(scores[i]);
        }

        return [.. rows.Select(r => Nps.Calculate([.. r]))];
    }

    private static (DateOnly[] Dates, byte[] Scores) Data(Random random, int n, DateOnly from, int days, bool sorted)
    {
        var dates = new DateOnly[n];
        var scores = new byte[n];
        for (int i = 0; i < n; i++)
        {
            dates[i] = from.AddDays(random.Next(days));
            scores[i] = (byte)random.Next(11);
        }

        if (sorted)
        {
            Array.Sort(dates);
        }

        return (dates, scores);
    }

    [Property(MaxTest = 60)]
    public void Forked_counts_on_every_path_equal_direct_computation(int seed, PositiveInt forkLength)
    {
        var random = new Random(seed);
        int code = new[] { 0, 1, 2, 3, 7 }[random.Next(5)];

        // Ranges that cross years, short (four tables) and long (one table, over 1,024 days).
        var origin = new DateOnly(2019, 11, 1).AddDays(random.Next(400));
        int days = random.Next(2) == 0 ? 1 + random.Next(700) : 1100 + random.Next(1500);
        int n = new[] { 0, 1, 63, 64, 65, 2047, 2048, 2049, 4100, 9001 }[random.Next(10)] + random.Next(3);
        (DateOnly[] dates, byte[] scores) = Data(random, n, origin, days, random.Next(2) == 0);
        int periods = Key(origin.AddDays(days), code) - Key(origin, code) + 1;
        NpsResult[] expected = Direct(dates, scores, origin, code, periods);
        int fork = 1 + (forkLength.Get % 5000);
        foreach (VectorPath path in Paths)
        {
            var forked = new NpsResult[periods];
            Nps.CalculateByPeriod(dates, scores, origin, Unit(code), forked, fork, path);
            Assert.Equal(expected, forked);
            DateTime[] times = [.. dates.Select(d => d.ToDateTime(new TimeOnly(random.Next(24), random.Next(60))))];
            var fromTimes = new NpsResult[periods];
            Nps.CalculateByPeriod(times, scores, origin, Unit(code), fromTimes, fork, path);
            Assert.Equal(expected, fromTimes);
        }
    }

    [Theory]
    [InlineData(261_119, 365)]
    [InlineData(261_120, 365)]
    [InlineData(261_121, 365)]
    [InlineData(600_000, 365)]
    [InlineData(64_511, 2000)]
    [InlineData(64_512, 2000)]
    [InlineData(200_003, 2000)]
    public void Counts_past_the_16_bit_flush_stay_exact_on_one_day_and_many(int n, int days)
    {
        // Every row on one day: each packed 16-bit count would overflow without the flush between blocks
        // (261,120 rows a block with four tables, 64,512 with one).
        var origin = new DateOnly(2024, 12, 31);
        var dates = Enumerable.Repeat(origin.AddDays(days / 2), n).ToArray();
        byte[] scores = [.. Enumerable.Range(0, n).Select(i => (byte)(i % 11))];
        var perDay = new NpsResult[days];
        foreach (int fork in new[] { int.MaxValue, 1 << 17 })
        {
            Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Day, perDay, fork, VectorPath.Auto);
            Assert.Equal(Direct(dates, scores, origin, 0, days), perDay);
        }

        // And spread over the days, forked at the library's threshold and below.
        (dates, scores) = Data(new Random(n), n, origin, days, sorted: false);
        var weeks = new NpsResult[(days / 7) + 2];
        Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Week, weeks, 4096, VectorPath.Auto);
        Assert.Equal(Direct(dates, scores, origin, 1, weeks.Length), weeks);
        Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Week, weeks);
        Assert.Equal(Direct(dates, scores, origin, 1, weeks.Length), weeks);
    }

    [Fact]
    public void With_two_halves_the_lowest_bad_index_is_named()
    {
        var origin = new DateOnly(2025, 1, 1);
        (DateOnly[] dates, byte[] scores) = Data(new Random(5), 10_000, origin, 365, sorted: false);
        var months = new NpsResult[12];
        var late = new DateOnly(2026, 2, 1);

        // Bad days in both halves (split at 4,096 with a fork length of 2,048): the left one's index.
        dates[7_000] = late;
        dates[3_000] = origin.AddDays(-1);
        foreach (VectorPath path in Paths)
        {
            var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Month, months, 2048, path));
            Assert.Contains("dates[3000] is 2024-12-31; valid dates are 2025-01-01 to 2025-12-31", exception.Message, StringComparison.Ordinal);
            DateTime[] times = [.. dates.Select(d => d.ToDateTime(new TimeOnly(12, 0)))];
            exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateByPeriod(times, scores, origin, PeriodUnit.Month, months, 2048, path));
            Assert.Contains("timestamps[3000] is 2024-12-31", exception.Message, StringComparison.Ordinal);
        }

        // Only in the right half (and twice there): its first, counted from the start of the whole span.
        dates[3_000] = origin;
        dates[9_999] = late;
        foreach (VectorPath path in Paths)
        {
            var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Month, months, 2048, path));
            Assert.Contains("dates[7000] is 2026-02-01", exception.Message, StringComparison.Ordinal);
        }

        // A bad score with good dates in both halves: the first bad score, after the dates.
        dates[7_000] = origin;
        dates[9_999] = origin;
        scores[8_000] = 200;
        scores[5_000] = 11;
        var scoreException = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Month, months, 2048, VectorPath.Auto));
        Assert.Contains("scores[5000] is 11", scoreException.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_one_core_day_table_path_allocates_nothing_once_warm()
    {
        var origin = new DateOnly(2025, 1, 1);
        (DateOnly[] dates, byte[] scores) = Data(new Random(8), 50_000, origin, 365, sorted: false);
        DateTime[] times = [.. dates.Select(d => d.ToDateTime(new TimeOnly(9, 30)))];
        var months = new NpsResult[12];
        for (int warm = 0; warm < 3; warm++)
        {
            Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Month, months, int.MaxValue, VectorPath.Auto);
            Nps.CalculateByPeriod(times, scores, origin, PeriodUnit.Month, months, int.MaxValue, VectorPath.Auto);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        Nps.CalculateByPeriod(dates, scores, origin, PeriodUnit.Month, months, int.MaxValue, VectorPath.Auto);
        Nps.CalculateByPeriod(times, scores, origin, PeriodUnit.Month, months, int.MaxValue, VectorPath.Auto);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
