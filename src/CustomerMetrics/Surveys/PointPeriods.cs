using System.Runtime.InteropServices;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value;

namespace CustomerMetrics.Surveys;

/// <summary>Builds one result (CES or CSAT) from a period's point counts.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
internal interface IPointResultBuilder<TResult>
{
    /// <summary>The result of counts on the scale (no rejected ratings: the strict calculators throw on them).</summary>
    TResult Build(PointCounts counts, long rejected);
}

/// <summary>
/// CES and CSAT per period through the day tables of <see cref="PeriodKernel"/>: per-day tallies of each rating point
/// (slot 0 off the scale, slot r rating r), folded into periods, one result per period. No buffer per response.
/// </summary>
internal static class PointPeriods
{
    /// <summary>
    /// Counts the ratings per period into <paramref name="destination"/> and returns true, or returns false (nothing
    /// done) when the periods span more days than the tables take (<see cref="PeriodKernel.MaxSpanDays"/>) or there are
    /// none. Throws, as the general path does, naming the first timestamp outside the periods, else the first rating
    /// off the scale.
    /// </summary>
    /// <param name="times">The timestamps.</param>
    /// <param name="toDays">Their converter to day numbers (a stateless one for <see cref="DateOnly"/> and <see cref="DateTime"/>, which fork).</param>
    /// <param name="ratings">The ratings, 1 to <paramref name="points"/>.</param>
    /// <param name="points">Points on the scale, 2 to 11.</param>
    /// <param name="origin">A day in the first period.</param>
    /// <param name="unit">The period unit (already validated).</param>
    /// <param name="destination">One result per period.</param>
    /// <param name="build">Makes a result from counts.</param>
    /// <param name="timesName">The timestamps' parameter name, for the exception.</param>
    /// <param name="forkLength">Rows from which the counting forks (<see cref="PeriodKernel.ForkLength"/> unless a test forces it).</param>
    /// <param name="path">The instruction-set path of the range check.</param>
    public static bool TryByPeriod<TTime, TDays, TResult, TBuild>(ReadOnlySpan<TTime> times, TDays toDays, ReadOnlySpan<byte> ratings, int points, DateOnly origin, PeriodUnit unit, Span<TResult> destination, TBuild build, string timesName, int forkLength, VectorPath path)
        where TTime : unmanaged
        where TDays : IDayConverter<TTime>
        where TBuild : IPointResultBuilder<TResult>
    {
        int periods = destination.Length;
        if (!PeriodKernel.TryDayRange(unit, origin, periods, out int firstDay, out int span))
        {
            return false;
        }

        return points switch
        {
            <= 3 => ByPeriod<TTime, TDays, TResult, TBuild, PeriodKernel.OneWord>(times, toDays, ratings, points, origin, unit, destination, build, timesName, forkLength, path, firstDay, span),
            <= 7 => ByPeriod<TTime, TDays, TResult, TBuild, PeriodKernel.TwoWords>(times, toDays, ratings, points, origin, unit, destination, build, timesName, forkLength, path, firstDay, span),
            _ => ByPeriod<TTime, TDays, TResult, TBuild, PeriodKernel.ThreeWords>(times, toDays, ratings, points, origin, unit, destination, build, timesName, forkLength, path, firstDay, span),
        };
    }

    private static bool ByPeriod<TTime, TDays, TResult, TBuild, TWords>(ReadOnlySpan<TTime> times, TDays toDays, ReadOnlySpan<byte> ratings, int points, DateOnly origin, PeriodUnit unit, Span<TResult> destination, TBuild build, string timesName, int forkLength, VectorPath path, int firstDay, int span)
        where TTime : unmanaged
        where TDays : IDayConverter<TTime>
        where TBuild : IPointResultBuilder<TResult>
        where TWords : struct, PeriodKernel.IPackedWords
    {
        int slots = 4 * TWords.Words;
        int periods = destination.Length;
        var indexer = new PeriodIndexer(unit, origin);
        Span<byte> slotOf = stackalloc byte[256];
        PeriodKernel.PointSlotsOf(slotOf, points);
        Span<uint> wide = PeriodKernel.Wide(span * slots, stackalloc uint[PeriodKernel.StackWideLength], out uint[]? rentedWide);
        try
        {
            int bad = typeof(TTime) == typeof(DateOnly)
                ? PeriodKernel.Count<DateOnly, DateOnlyDays, TWords>(MemoryMarshal.Cast<TTime, DateOnly>(times), ratings, slotOf, firstDay, span, wide, forkLength, path)
                : typeof(TTime) == typeof(DateTime)
                    ? PeriodKernel.Count<DateTime, DateTimeDays, TWords>(MemoryMarshal.Cast<TTime, DateTime>(times), ratings, slotOf, firstDay, span, wide, forkLength, path)
                    : PeriodKernel.Count<TTime, TDays, TWords>(times, toDays, ratings, slotOf, firstDay, span, wide, path);
            if (bad >= 0)
            {
                Span<int> day = stackalloc int[1];
                toDays.Convert(times.Slice(bad, 1), day);
                ThrowHelper.DateOutOfRange(timesName, bad, DateOnly.FromDayNumber(day[0]), indexer.Start(0), indexer.Start(periods).AddDays(-1));
            }

            Span<long> totals = GroupedKernel.Totals(periods * slots, stackalloc long[256], out long[]? rented);
            try
            {
                totals.Clear();
                PeriodKernel.Fold(wide, firstDay, span, slots, indexer, totals);
                for (int p = 0; p < periods; p++)
                {
                    PointCounts counts = GroupedKernel.PointsFromSlots(totals.Slice(p * slots, points + 1), ratings, points, lenient: false, nameof(ratings), out long rejected);
                    destination[p] = build.Build(counts, rejected);
                }
            }
            finally
            {
                GroupedKernel.Return(rented);
            }
        }
        finally
        {
            PeriodKernel.ReturnWide(rentedWide);
        }

        return true;
    }
}
