namespace CustomerMetrics.Value;

/// <summary>The kind of a <see cref="PeriodUnit"/>: the unit in which recency, customer age and purchase periods are measured.</summary>
public enum PeriodKind
{
    /// <summary>One calendar day.</summary>
    Day,

    /// <summary>Seven days. As whole periods, weeks run Monday to Sunday (ISO 8601).</summary>
    Week,

    /// <summary>
    /// A month. Measured in fractional days it is 365.25 / 12 = 30.4375 days; as whole periods it is a calendar month.
    /// </summary>
    Month,

    /// <summary>A fixed number of days chosen by the caller (<see cref="PeriodUnit.Days(int)"/>).</summary>
    CustomDays,

    /// <summary>
    /// A quarter. Measured in fractional days it is 365.25 / 4 = 91.3125 days; as whole periods it is a calendar quarter
    /// (January–March, April–June, July–September, October–December). Appended after <see cref="CustomDays"/>, so the
    /// numeric values of the other kinds are unchanged.
    /// </summary>
    Quarter,
}
