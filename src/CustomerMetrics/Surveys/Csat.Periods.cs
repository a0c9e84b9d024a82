using System.Buffers;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>CSAT per period.</summary>
public static partial class Csat
{
    /// <summary>
    /// CSAT per period with the conventional top box (<see cref="DefaultTopBoxPoints"/>): response <c>i</c>, answered on <c>dates[i]</c>, counts in <c>destination[p]</c> where p is the
    /// number of whole periods of <paramref name="unit"/> from the period that holds <paramref name="origin"/> (as
    /// <see cref="Nps.CalculateByPeriod(ReadOnlySpan{DateOnly}, ReadOnlySpan{byte}, DateOnly, PeriodUnit, Span{NpsResult})"/>).
    /// Each result is overwritten; a period with no responses gets an empty result on the scale. Period results merge
    /// with <c>+</c>, so trailing windows and coarser periods need no second pass. Counts per day and rating point (on
    /// both cores from 2^20 responses), then per period: no allocation up to 179 years of periods; longer ranges use a
    /// pooled buffer of one int per response.
    /// </summary>
    /// <param name="dates">The day each response was given.</param>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>.</param>
    /// <param name="origin">A day in the first period (destination[0]).</param>
    /// <param name="unit">The period: <see cref="PeriodUnit.Day"/>, <see cref="PeriodUnit.Week"/>, <see cref="PeriodUnit.Month"/>, <see cref="PeriodUnit.Quarter"/> or <see cref="PeriodUnit.Days(int)"/>.</param>
    /// <param name="destination">One result per period; its length is the number of periods.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 for the usual 1–5 CSAT).</param>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="unit"/> is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date falls outside the periods, else the scale has no conventional top box, else a rating is off the scale; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, Span<CsatResult> destination, int scalePoints)
    {
        Guard.SameLength(dates.Length, ratings.Length);
        ByPeriod(dates, default(DateOnlyDays), nameof(dates), ratings, origin, unit, destination, scalePoints, PeriodKernel.ForkLength, VectorPath.Auto);
    }

    /// <summary>
    /// CSAT per period and group in one call; <c>destination[p × groups + g]</c> receives period p, group g (overwritten; a
    /// cell with no responses gets an empty result on the scale). Otherwise as the ungrouped
    /// <see cref="CalculateByPeriod(ReadOnlySpan{DateOnly}, ReadOnlySpan{byte}, DateOnly, PeriodUnit, Span{CsatResult}, int)"/>.
    /// Maps each response to its cell in a pooled buffer of one int per response, then counts the cells as
    /// <see cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{int}, Span{CsatResult}, int)"/> counts groups. Cell results
    /// merge with <c>+</c> (a group's trailing window, or all groups of a period).
    /// </summary>
    /// <param name="dates">The day each response was given.</param>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>.</param>
    /// <param name="groupIds">The group of each response, 0 to <paramref name="groups"/> − 1.</param>
    /// <param name="groups">The number of groups, ≥ 1.</param>
    /// <param name="origin">A day in the first period.</param>
    /// <param name="unit">The period unit.</param>
    /// <param name="destination">Periods × groups results, period-major; its length must be a multiple of <paramref name="groups"/>.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 for the usual 1–5 CSAT).</param>
    /// <exception cref="ArgumentException">The spans differ in length, <paramref name="unit"/> is malformed, or the destination length is not a multiple of <paramref name="groups"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="groups"/> is below 1; else a date falls outside the periods, else a group id is out of range, else the scale has no conventional top box, else a rating is off the scale; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> ratings, ReadOnlySpan<int> groupIds, int groups, DateOnly origin, PeriodUnit unit, Span<CsatResult> destination, int scalePoints)
    {
        Guard.SameLength(dates.Length, ratings.Length);
        int[] cells = PeriodIds.RentCells(dates, groupIds, groups, origin, unit, destination.Length);
        try
        {
            Calculate(ratings, cells.AsSpan(0, ratings.Length), destination, scalePoints);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(cells);
        }
    }

    /// <summary>
    /// CSAT per period with timestamps as <see cref="DateTimeOffset"/>: the day of a response is its calendar date in
    /// <paramref name="timeZone"/> (explicit, because a response at 23:30 UTC is on the next day in Berlin). One core.
    /// Otherwise as the <see cref="DateOnly"/> overload.
    /// </summary>
    /// <param name="timestamps">When each response was given.</param>
    /// <param name="timeZone">The time zone whose calendar defines a day.</param>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>.</param>
    /// <param name="origin">A day in the first period, in <paramref name="timeZone"/>.</param>
    /// <param name="unit">The period unit.</param>
    /// <param name="destination">One result per period.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 for the usual 1–5 CSAT).</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="unit"/> is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timestamp's day falls outside the periods, else the scale has no conventional top box, else a rating is off the scale; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateTimeOffset> timestamps, TimeZoneInfo timeZone, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, Span<CsatResult> destination, int scalePoints)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        Guard.SameLength(timestamps.Length, ratings.Length);
        ByPeriod(timestamps, new ZoneDays(timeZone), nameof(timestamps), ratings, origin, unit, destination, scalePoints, PeriodKernel.ForkLength, VectorPath.Auto);
    }

    /// <summary>The <see cref="DateOnly"/> path with a forced fork length and instruction-set path (tests).</summary>
    internal static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, Span<CsatResult> destination, int scalePoints, int forkLength, VectorPath path)
    {
        Guard.SameLength(dates.Length, ratings.Length);
        ByPeriod(dates, default(DateOnlyDays), nameof(dates), ratings, origin, unit, destination, scalePoints, forkLength, path);
    }

    /// <summary>The <see cref="DateTime"/> path with a forced fork length and instruction-set path (tests).</summary>
    internal static void CalculateByPeriod(ReadOnlySpan<DateTime> timestamps, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, Span<CsatResult> destination, int scalePoints, int forkLength, VectorPath path)
    {
        Guard.SameLength(timestamps.Length, ratings.Length);
        ByPeriod(timestamps, default(DateTimeDays), nameof(timestamps), ratings, origin, unit, destination, scalePoints, forkLength, path);
    }

    /// <summary>The day tables when the scale has a conventional top box and the periods fit them; else the general path (which throws on a bad scale after the dates are checked).</summary>
    private static void ByPeriod<TTime, TDays>(ReadOnlySpan<TTime> times, TDays toDays, string timesName, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, Span<CsatResult> destination, int scalePoints, int forkLength, VectorPath path)
        where TTime : unmanaged
        where TDays : IDayConverter<TTime>
    {
        unit.Validate(nameof(unit));
        if (scalePoints is (>= 3 and <= 7 or 10)
            && PointPeriods.TryByPeriod(times, toDays, ratings, scalePoints, origin, unit, destination, new PeriodResults(scalePoints, DefaultTopBoxPoints(scalePoints)), timesName, forkLength, path))
        {
            return;
        }

        int[] ids = PeriodIds.Rent(times, toDays, timesName, origin, unit, destination.Length);
        try
        {
            Calculate(ratings, ids.AsSpan(0, times.Length), destination, scalePoints);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
        }
    }

    /// <summary>A period's CSAT from its point counts.</summary>
    private readonly struct PeriodResults(int scalePoints, int topBoxPoints) : IPointResultBuilder<CsatResult>
    {
        public CsatResult Build(PointCounts counts, long rejected) => new(scalePoints, topBoxPoints, counts, rejected);
    }
}
