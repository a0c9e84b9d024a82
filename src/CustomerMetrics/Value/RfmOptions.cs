using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Options of <see cref="Rfm.Summarize(ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, DateOnly, RfmOptions)"/>.
/// <c>default</c> is days, fractional-day counting, rows after the end excluded and counted.
/// </summary>
public readonly record struct RfmOptions
{
    /// <summary>Options with fractional-day counting and rows after the end excluded and counted.</summary>
    /// <param name="unit">The time unit of recency and T.</param>
    /// <exception cref="ArgumentOutOfRangeException">The unit is invalid.</exception>
    public RfmOptions(PeriodUnit unit)
        : this(unit, PeriodCounting.FractionalDays, RowsAfterEnd.ExcludeAndCount)
    {
    }

    /// <summary>Options with rows after the end excluded and counted.</summary>
    /// <param name="unit">The time unit of recency and T.</param>
    /// <param name="counting">Whether purchases merge per day and times are fractional, or merge per whole period.</param>
    /// <exception cref="ArgumentOutOfRangeException">An enum value is not defined, or the unit is invalid.</exception>
    public RfmOptions(PeriodUnit unit, PeriodCounting counting)
        : this(unit, counting, RowsAfterEnd.ExcludeAndCount)
    {
    }

    /// <summary>Creates options; the JSON constructor (every field is required there).</summary>
    /// <param name="unit">The time unit of recency and T.</param>
    /// <param name="counting">Whether purchases merge per day and times are fractional, or merge per whole period.</param>
    /// <param name="afterEnd">What happens to rows dated after the observation end.</param>
    /// <exception cref="ArgumentOutOfRangeException">An enum value is not defined, or the unit is invalid.</exception>
    [JsonConstructor]
    public RfmOptions(PeriodUnit unit, PeriodCounting counting, RowsAfterEnd afterEnd)
    {
        unit.Validate(nameof(unit));
        Guard.Defined(counting);
        Guard.Defined(afterEnd);
        Unit = unit;
        Counting = counting;
        AfterEnd = afterEnd;
    }

    /// <summary>The time unit of recency and T.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>Whether purchases merge per day and times are fractional, or merge per whole period.</summary>
    public PeriodCounting Counting { get; }

    /// <summary>What happens to rows dated after the observation end.</summary>
    public RowsAfterEnd AfterEnd { get; }

    /// <summary>Weeks measured as days / 7, same-day purchases merged: the convention of the published CDNOW summary.</summary>
    public static RfmOptions Weeks => new(PeriodUnit.Week);

    /// <summary>Days (same-day purchases merged).</summary>
    public static RfmOptions Days => new(PeriodUnit.Day);
}
