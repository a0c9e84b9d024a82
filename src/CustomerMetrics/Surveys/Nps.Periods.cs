using System.Runtime.InteropServices;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>NPS per period (and per group and period), trailing windows and trends.</summary>
public static partial class Nps
{
    /// <summary>
    /// NPS per period in one pass: response <c>i</c>, answered on <c>dates[i]</c>, counts in
    /// <c>destination[p]</c> where p is the number of whole periods of <paramref name="unit"/> from the period that
    /// holds <paramref name="origin"/> (days; ISO weeks, Monday to Sunday; calendar months; calendar quarters; or n-day blocks counted from
    /// 0001-01-01). Each result is overwritten; a period with no responses gets <see cref="NpsResult.Empty"/>. Period
    /// results merge with <see cref="NpsResult.op_Addition"/>, so trailing windows and coarser periods need no second
    /// pass (<see cref="Trailing"/>). Allocates nothing.
    /// </summary>
    /// <param name="dates">The day each response was given.</param>
    /// <param name="scores">The responses, each 0 to 10.</param>
    /// <param name="origin">A day in the first period (destination[0]).</param>
    /// <param name="unit">The period: <see cref="PeriodUnit.Day"/>, <see cref="PeriodUnit.Week"/>, <see cref="PeriodUnit.Month"/>, <see cref="PeriodUnit.Quarter"/> or <see cref="PeriodUnit.Days(int)"/>.</param>
    /// <param name="destination">One result per period; its length is the number of periods.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="unit"/> is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is above 10, or a date falls before the first or after the last period; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> scores, DateOnly origin, PeriodUnit unit, Span<NpsResult> destination) =>
        ByPeriod(dates, scores, default, 1, origin, unit, destination);

    /// <summary>
    /// The <see cref="DateOnly"/> path with a forced fork length and instruction-set path (tests): from
    /// <paramref name="forkLength"/> rows on the day tables count the two halves of the rows on two cores.
    /// </summary>
    internal static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> scores, DateOnly origin, PeriodUnit unit, Span<NpsResult> destination, int forkLength, VectorPath path) =>
        ByPeriod(dates, scores, default, 1, origin, unit, destination, 0, forkLength, path);

    /// <summary>The <see cref="DateTime"/> path with a forced fork length and instruction-set path (tests).</summary>
    internal static void CalculateByPeriod(ReadOnlySpan<DateTime> timestamps, ReadOnlySpan<byte> scores, DateOnly origin, PeriodUnit unit, Span<NpsResult> destination, int forkLength, VectorPath path)
    {
        Guard.SameLength(timestamps.Length, scores.Length);
        ByPeriodConverted(timestamps, default(DateTimeDays), scores, origin, unit, destination, forkLength, path);
    }

    /// <summary>
    /// NPS per period and group in one pass; <c>destination[p × groups + g]</c> receives period p, group g. Otherwise as
    /// <see cref="CalculateByPeriod(ReadOnlySpan{DateOnly}, ReadOnlySpan{byte}, DateOnly, PeriodUnit, Span{NpsResult})"/>.
    /// </summary>
    /// <param name="dates">The day each response was given.</param>
    /// <param name="scores">The responses, each 0 to 10.</param>
    /// <param name="groupIds">The group of each response, 0 to <paramref name="groups"/> − 1.</param>
    /// <param name="groups">The number of groups, ≥ 1.</param>
    /// <param name="origin">A day in the first period.</param>
    /// <param name="unit">The period unit.</param>
    /// <param name="destination">Periods × groups results, period-major; its length must be a multiple of <paramref name="groups"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length, the unit is malformed, or the destination length is not a multiple of <paramref name="groups"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score, date or group id is out of range; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> scores, ReadOnlySpan<int> groupIds, int groups, DateOnly origin, PeriodUnit unit, Span<NpsResult> destination)
    {
        Guard.SameLength(scores.Length, groupIds.Length);
        ByPeriod(dates, scores, groupIds, groups, origin, unit, destination);
    }

    /// <summary>
    /// NPS per period with timestamps as <see cref="DateTimeOffset"/>: the day of a response is its calendar date in
    /// <paramref name="timeZone"/> (explicit, because a response at 23:30 UTC is on the next day in Berlin).
    /// Otherwise as <see cref="CalculateByPeriod(ReadOnlySpan{DateOnly}, ReadOnlySpan{byte}, DateOnly, PeriodUnit, Span{NpsResult})"/>.
    /// </summary>
    /// <param name="timestamps">When each response was given.</param>
    /// <param name="timeZone">The time zone whose calendar defines a day.</param>
    /// <param name="scores">The responses, each 0 to 10.</param>
    /// <param name="origin">A day in the first period, in <paramref name="timeZone"/>.</param>
    /// <param name="unit">The period unit.</param>
    /// <param name="destination">One result per period.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length, or the unit is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or date is out of range.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateTimeOffset> timestamps, TimeZoneInfo timeZone, ReadOnlySpan<byte> scores, DateOnly origin, PeriodUnit unit, Span<NpsResult> destination)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        Guard.SameLength(timestamps.Length, scores.Length);
        ByPeriodConverted(timestamps, new ZoneDays(timeZone), scores, origin, unit, destination, 0, VectorPath.Auto);
    }

    /// <summary>
    /// NPS per period with timestamps as <see cref="DateTime"/>: the day is the timestamp's own calendar date
    /// (<see cref="DateTime.Date"/>, whatever its <see cref="DateTime.Kind"/>; convert UTC times to the zone that defines
    /// a day first, or use the <see cref="DateTimeOffset"/> overload). Otherwise as the <see cref="DateOnly"/> overload.
    /// </summary>
    /// <param name="timestamps">When each response was given.</param>
    /// <param name="scores">The responses, each 0 to 10.</param>
    /// <param name="origin">A day in the first period.</param>
    /// <param name="unit">The period unit.</param>
    /// <param name="destination">One result per period.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or the unit is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or date is out of range.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateTime> timestamps, ReadOnlySpan<byte> scores, DateOnly origin, PeriodUnit unit, Span<NpsResult> destination)
    {
        Guard.SameLength(timestamps.Length, scores.Length);
        ByPeriodConverted(timestamps, default(DateTimeDays), scores, origin, unit, destination, PeriodKernel.ForkLength, VectorPath.Auto);
    }

    /// <summary>
    /// Trailing windows by merging period results, without another pass over the responses:
    /// <c>destination[p]</c> = periods[p − window + 1] + … + periods[p] (fewer at the start, where the window is not yet
    /// full). With daily periods, <paramref name="window"/> = 90 gives the trailing 90 days.
    /// </summary>
    /// <param name="periods">Results per period, oldest first.</param>
    /// <param name="window">Periods per window, ≥ 1.</param>
    /// <param name="destination">One window per period; the same length as <paramref name="periods"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Trailing(ReadOnlySpan<NpsResult> periods, int window, Span<NpsResult> destination)
    {
        if (window < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(window), window, "windows of at least 1 period");
        }

        Guard.SameLength(periods.Length, destination.Length);
        long p = 0, pa = 0, d = 0, r = 0;
        for (int i = 0; i < periods.Length; i++)
        {
            // A running sum: add the period entering the window, subtract the one leaving it (exact integer counts).
            checked
            {
                p += periods[i].Promoters;
                pa += periods[i].Passives;
                d += periods[i].Detractors;
                r += periods[i].Rejected;
            }

            if (i >= window)
            {
                p -= periods[i - window].Promoters;
                pa -= periods[i - window].Passives;
                d -= periods[i - window].Detractors;
                r -= periods[i - window].Rejected;
            }

            destination[i] = new NpsResult(p, pa, d, r);
        }
    }

    private static void ByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> scores, ReadOnlySpan<int> groupIds, int groups, DateOnly origin, PeriodUnit unit, Span<NpsResult> destination, int indexOffset = 0, int forkLength = PeriodKernel.ForkLength, VectorPath path = VectorPath.Auto)
    {
        unit.Validate(nameof(unit));
        Guard.SameLength(dates.Length, scores.Length);
        if (groups < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(groups), groups, "≥ 1");
        }

        if (destination.Length % groups != 0)
        {
            ThrowHelper.Argument(nameof(destination), $"destination has {destination.Length} results, not a whole number of periods of {groups} groups.");
        }

        int periods = destination.Length / groups;
        var indexer = new PeriodIndexer(unit, origin);
        if (groupIds.IsEmpty && PeriodKernel.TryDayRange(unit, origin, periods, out int firstDay, out int span))
        {
            Span<uint> wide = PeriodKernel.Wide(span * 4, stackalloc uint[PeriodKernel.StackWideLength], out uint[]? rentedWide);
            try
            {
                int bad = PeriodKernel.Count<DateOnly, DateOnlyDays>(dates, scores, firstDay, span, wide, forkLength, path);
                if (bad >= 0)
                {
                    ThrowHelper.DateOutOfRange(nameof(dates), bad + indexOffset, dates[bad], indexer.Start(0), indexer.Start(periods).AddDays(-1));
                }

                FoldInto(wide, firstDay, span, indexer, scores, indexOffset, destination);
            }
            finally
            {
                PeriodKernel.ReturnWide(rentedWide);
            }

            return;
        }

        Span<long> totals = GroupedKernel.Totals(destination.Length * 4, stackalloc long[256], out long[]? rented);
        try
        {
            totals.Clear();
            bool grouped = !groupIds.IsEmpty;
            for (int i = 0; i < scores.Length; i++)
            {
                int period = indexer.Index(dates[i].DayNumber);
                if ((uint)period >= (uint)periods)
                {
                    ThrowHelper.DateOutOfRange(nameof(dates), i + indexOffset, dates[i], indexer.Start(0), indexer.Start(periods).AddDays(-1));
                }

                int cell = period * groups;
                if (grouped)
                {
                    int group = groupIds[i];
                    if ((uint)group >= (uint)groups)
                    {
                        ThrowHelper.ValueOutOfRange(nameof(groupIds), i, group, 0, groups - 1);
                    }

                    cell += group;
                }

                totals[(cell * 4) + (int)GroupedKernel.NpsSlots.Slot(scores[i], 10)]++;
            }

            FromSlots(totals, scores, indexOffset, destination);
        }
        finally
        {
            GroupedKernel.Return(rented);
        }
    }

    /// <summary>
    /// Timestamps to days in chunks on the stack, then the day tables (on two cores for <see cref="DateTime"/>; the time
    /// zone path on one), or, for a range longer than the tables take, the general path chunk by chunk.
    /// </summary>
    private static void ByPeriodConverted<TTime, TDays>(ReadOnlySpan<TTime> timestamps, TDays toDays, ReadOnlySpan<byte> scores, DateOnly origin, PeriodUnit unit, Span<NpsResult> destination, int forkLength, VectorPath path)
        where TTime : unmanaged
        where TDays : IDayConverter<TTime>
    {
        unit.Validate(nameof(unit));
        const int Chunk = 1024;
        var indexer = new PeriodIndexer(unit, origin);
        int periods = destination.Length;
        if (PeriodKernel.TryDayRange(unit, origin, periods, out int firstDay, out int span))
        {
            Span<uint> wide = PeriodKernel.Wide(span * 4, stackalloc uint[PeriodKernel.StackWideLength], out uint[]? rentedWide);
            try
            {
                int bad = typeof(TTime) == typeof(DateTime)
                    ? PeriodKernel.Count<DateTime, DateTimeDays>(MemoryMarshal.Cast<TTime, DateTime>(timestamps), scores, firstDay, span, wide, forkLength, path)
                    : PeriodKernel.Count(timestamps, toDays, scores, firstDay, span, wide, path);
                if (bad >= 0)
                {
                    Span<int> day = stackalloc int[1];
                    toDays.Convert(timestamps.Slice(bad, 1), day);
                    ThrowHelper.DateOutOfRange(nameof(timestamps), bad, DateOnly.FromDayNumber(day[0]), indexer.Start(0), indexer.Start(periods).AddDays(-1));
                }

                FoldInto(wide, firstDay, span, indexer, scores, 0, destination);
            }
            finally
            {
                PeriodKernel.ReturnWide(rentedWide);
            }

            return;
        }

        Span<int> days = stackalloc int[Chunk];
        Span<NpsResult> part = destination.Length <= 64 ? stackalloc NpsResult[64] : new NpsResult[destination.Length];
        part = part[..destination.Length];
        destination.Clear();
        for (int start = 0; start < scores.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, scores.Length - start);
            toDays.Convert(timestamps.Slice(start, length), days);
            ByPeriod(MemoryMarshal.Cast<int, DateOnly>(days[..length]), scores.Slice(start, length), default, 1, origin, unit, part, start);
            for (int p = 0; p < destination.Length; p++)
            {
                destination[p] += part[p];
            }
        }
    }

    /// <summary>Folds the per-day counts into one result per period; throws naming the first score above 10.</summary>
    private static void FoldInto(ReadOnlySpan<uint> wide, int firstDay, int span, PeriodIndexer indexer, ReadOnlySpan<byte> scores, int indexOffset, Span<NpsResult> destination)
    {
        Span<long> totals = GroupedKernel.Totals(destination.Length * 4, stackalloc long[256], out long[]? rented);
        try
        {
            totals.Clear();
            PeriodKernel.Fold(wide, firstDay, span, indexer, totals);
            FromSlots(totals, scores, indexOffset, destination);
        }
        finally
        {
            GroupedKernel.Return(rented);
        }
    }

    /// <summary>One result per cell from four slots per cell (detractor, passive, promoter, invalid); throws naming the first score above 10.</summary>
    private static void FromSlots(ReadOnlySpan<long> totals, ReadOnlySpan<byte> scores, int indexOffset, Span<NpsResult> destination)
    {
        for (int c = 0; c < destination.Length; c++)
        {
            if (totals[(c * 4) + 3] != 0)
            {
                int index = scores.IndexOfAnyInRange((byte)11, byte.MaxValue);
                ThrowHelper.ValueOutOfRange(nameof(scores), index + indexOffset, scores[index], 0, 10);
            }

            destination[c] = new NpsResult(totals[(c * 4) + 2], totals[(c * 4) + 1], totals[c * 4]);
        }
    }
}
