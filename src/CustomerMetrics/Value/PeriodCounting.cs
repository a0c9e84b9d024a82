namespace CustomerMetrics.Value;

/// <summary>
/// How dates become periods in <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/>.
/// The two conventions are those of the <c>lifetimes</c> Python package's <c>summary_data_from_transaction_data</c>
/// (<c>freq='D'</c> with <c>freq_multiplier</c>, or <c>freq='W'</c>/<c>'M'</c>).
/// </summary>
public enum PeriodCounting
{
    /// <summary>
    /// Purchases on the same calendar day merge; recency and age are differences in days divided by the unit's length
    /// in days (7 for weeks, 30.4375 for months, 91.3125 for quarters, n for <see cref="PeriodUnit.Days(int)"/>), so they are fractional.
    /// This is the convention of the published CDNOW summary (weeks = days / 7).
    /// </summary>
    FractionalDays,

    /// <summary>
    /// Dates fall into whole periods (Monday-to-Sunday weeks, calendar months, calendar quarters, or blocks of n days counted from
    /// 0001-01-01); purchases in the same period merge; recency and age are whole numbers of periods.
    /// </summary>
    WholePeriods,
}
