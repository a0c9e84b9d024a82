namespace CustomerMetrics.Value;

/// <summary>
/// Options of <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/>.
/// <c>default</c> is days, fractional-day counting, rows after the end excluded and counted.
/// </summary>
/// <param name="Unit">The time unit of recency and T.</param>
/// <param name="Counting">Whether purchases merge per day and times are fractional, or merge per whole period.</param>
/// <param name="AfterEnd">What happens to rows dated after the observation end.</param>
public readonly record struct RfmOptions(PeriodUnit Unit, PeriodCounting Counting = PeriodCounting.FractionalDays,
    RowsAfterEnd AfterEnd = RowsAfterEnd.ExcludeAndCount)
{
    /// <summary>Weeks measured as days / 7, same-day purchases merged: the convention of the published CDNOW summary.</summary>
    public static RfmOptions Weeks => new(PeriodUnit.Week);

    /// <summary>Days (same-day purchases merged).</summary>
    public static RfmOptions Days => new(PeriodUnit.Day);
}
