using System.Buffers;
using CustomerMetrics.Internal;
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
    /// with <c>+</c>, so trailing windows and coarser periods need no second pass. Uses a pooled buffer of one int per
    /// response (no allocation once the pool is warm).
    /// </summary>
    /// <param name="dates">The day each response was given.</param>
    /// <param name="ratings">The responses, each on <paramref name="scale"/>.</param>
    /// <param name="origin">A day in the first period (destination[0]).</param>
    /// <param name="unit">The period: <see cref="PeriodUnit.Day"/>, <see cref="PeriodUnit.Week"/>, <see cref="PeriodUnit.Month"/>, <see cref="PeriodUnit.Quarter"/> or <see cref="PeriodUnit.Days(int)"/>.</param>
    /// <param name="scale">The CES scale.</param>
    /// <param name="destination">One result per period; its length is the number of periods.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="unit"/> is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is off the scale, or a date falls outside the periods; the message names the first such index.</exception>
    public static void CalculateByPeriod(ReadOnlySpan<DateOnly> dates, ReadOnlySpan<byte> ratings, DateOnly origin, PeriodUnit unit, CesScale scale, Span<CesResult> destination)
    {
        Guard.SameLength(dates.Length, ratings.Length);
        int[] ids = PeriodIds.Rent(dates, origin, unit, destination.Length);
        try
        {
            Calculate(ratings, ids.AsSpan(0, dates.Length), scale, destination);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
        }
    }
}
