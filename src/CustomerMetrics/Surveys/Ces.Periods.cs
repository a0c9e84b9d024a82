using System.Buffers;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>CES per period.</summary>
public static partial class Ces
{
    /// <summary>
    /// CES per period: response <c>i</c>, answered on <c>dates[i]</c>, counts in <c>destination[p]</c> where p is the
    /// number of whole periods of <paramref name="unit"/> from the period that holds <paramref name="origin"/> (as
    /// <see cref="Nps.CalculateByPeriod(ReadOnlySpan{DateOnly}, ReadOnlySpan{byte}, DateOnly, PeriodUnit, Span{NpsResult})"/>).
    /// Each result is overwritten; a period with no responses gets an empty result on the scale. Period results merge
    /// with <c>+</c>, so trailing windows and coarser periods need no second pass. Counts per day and rating point (on
    /// both cores from 2^20 responses), then per period: no allocation up to 179 years of periods; longer ranges use a
    /// pooled buffer of one int per response.
    /// </summary>
    /// <param name="dates">The day each response was given.</param>
    /// <param name="ratings">The responses, each on <paramref name="scale"/>.</param>
    /// <param name="origin">A day in the first period (destination[0]).</param>
    /// <param name="unit">The period: <see cref="PeriodUnit.Day"/>, <see cref="PeriodUnit.Week"/>, <see cref="PeriodUnit.Month"/>, <see cref="PeriodUnit.Quarter"/> or <see cref="PeriodUnit.Days(int)"/>.</param>
    /// <param name="scale">The CES scale.</param>
    /// <param name="destination">One result per period; its length is the number of periods.</param>
    /// <exception cref="ArgumentException">The spans differ in length, <paramref name="unit"/> is malformed, or <paramref name="scale"/> is not a CES scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date falls outside the periods, else a rating is off the scale; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, CesScale scale, Span<CesResult> destination)
    {
        Guard.SameLength(dates.Length, ratings.Length);
        ByPeriod(dates, default(DateOnlyDays), nameof(dates), ratings, origin, unit, scale, destination, PeriodKernel.ForkLength, VectorPath.Auto);
    }

    /// <summary>
    /// CES per period and group in one call; <c>destination[p × groups + g]</c> receives period p, group g (overwritten; a
    /// cell with no responses gets an empty result on the scale). Otherwise as the ungrouped
    /// <see cref="CalculateByPeriod(ReadOnlySpan{DateOnly}, ReadOnlySpan{byte}, DateOnly, PeriodUnit, CesScale, Span{CesResult})"/>.
    /// Maps each response to its cell in a pooled buffer of one int per response, then counts the cells as
    /// <see cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{int}, CesScale, Span{CesResult})"/> counts groups. Cell results
    /// merge with <c>+</c> (a group's trailing window, or all groups of a period).
    /// </summary>
    /// <param name="dates">The day each response was given.</param>
    /// <param name="ratings">The responses, each on <paramref name="scale"/>.</param>
    /// <param name="groupIds">The group of each response, 0 to <paramref name="groups"/> − 1.</param>
    /// <param name="groups">The number of groups, ≥ 1.</param>
    /// <param name="origin">A day in the first period.</param>
    /// <param name="unit">The period unit.</param>
    /// <param name="scale">The CES scale.</param>
    /// <param name="destination">Periods × groups results, period-major; its length must be a multiple of <paramref name="groups"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length, <paramref name="unit"/> is malformed, or the destination length is not a multiple of <paramref name="groups"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="groups"/> is below 1; else a date falls outside the periods, else a group id is out of range, else the scale is not defined, else a rating is off the scale; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> ratings, ReadOnlySpan<int> groupIds, int groups, DateOnly origin, PeriodUnit unit, CesScale scale, Span<CesResult> destination)
    {
        Guard.SameLength(dates.Length, ratings.Length);
        int[] cells = PeriodIds.RentCells(dates, groupIds, groups, origin, unit, destination.Length);
        try
        {
            Calculate(ratings, cells.AsSpan(0, ratings.Length), scale, destination);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(cells);
        }
    }

    /// <summary>
    /// CES per period with timestamps as <see cref="DateTimeOffset"/>: the day of a response is its calendar date in
    /// <paramref name="timeZone"/> (explicit, because a response at 23:30 UTC is on the next day in Berlin). One core.
    /// Otherwise as the <see cref="DateOnly"/> overload.
    /// </summary>
    /// <param name="timestamps">When each response was given.</param>
    /// <param name="timeZone">The time zone whose calendar defines a day.</param>
    /// <param name="ratings">The responses, each on <paramref name="scale"/>.</param>
    /// <param name="origin">A day in the first period, in <paramref name="timeZone"/>.</param>
    /// <param name="unit">The period unit.</param>
    /// <param name="scale">The CES scale.</param>
    /// <param name="destination">One result per period.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length, <paramref name="unit"/> is malformed, or <paramref name="scale"/> is not a CES scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timestamp's day falls outside the periods, else a rating is off the scale; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateTimeOffset> timestamps, TimeZoneInfo timeZone, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, CesScale scale, Span<CesResult> destination)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        Guard.SameLength(timestamps.Length, ratings.Length);
        ByPeriod(timestamps, new ZoneDays(timeZone), nameof(timestamps), ratings, origin, unit, scale, destination, PeriodKernel.ForkLength, VectorPath.Auto);
    }

    /// <summary>The <see cref="DateOnly"/> path with a forced fork length and instruction-set path (tests).</summary>
    internal static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, CesScale scale, Span<CesResult> destination, int forkLength, VectorPath path)
    {
        Guard.SameLength(dates.Length, ratings.Length);
        ByPeriod(dates, default(DateOnlyDays), nameof(dates), ratings, origin, unit, scale, destination, forkLength, path);
    }

    /// <summary>The <see cref="DateTime"/> path with a forced fork length and instruction-set path (tests).</summary>
    internal static void CalculateByPeriod(ReadOnlySpan<DateTime> timestamps, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, CesScale scale, Span<CesResult> destination, int forkLength, VectorPath path)
    {
        Guard.SameLength(timestamps.Length, ratings.Length);
        ByPeriod(timestamps, default(DateTimeDays), nameof(timestamps), ratings, origin, unit, scale, destination, forkLength, path);
    }

    /// <summary>The day tables when the scale is a CES scale and the periods fit them; else the general path (which throws on a bad scale after the dates are checked).</summary>
    private static void ByPeriod<TTime, TDays>(ReadOnlySpan<TTime> times, TDays toDays, string timesName, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, CesScale scale, Span<CesResult> destination, int forkLength, VectorPath path)
        where TTime : unmanaged
        where TDays : IDayConverter<TTime>
    {
        unit.Validate(nameof(unit));
        if (scale is CesScale.FivePointEffort or CesScale.SevenPointAgreement
            && PointPeriods.TryByPeriod(times, toDays, ratings, (int)scale, origin, unit, destination, new PeriodResults(scale), timesName, forkLength, path))
        {
            return;
        }

        int[] ids = PeriodIds.Rent(times, toDays, timesName, origin, unit, destination.Length);
        try
        {
            Calculate(ratings, ids.AsSpan(0, times.Length), scale, destination);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
        }
    }

    /// <summary>A period's CES from its point counts.</summary>
    private readonly struct PeriodResults(CesScale scale) : IPointResultBuilder<CesResult>
    {
        public CesResult Build(PointCounts counts, long rejected) => new(scale, counts, rejected);
    }
}
