namespace CustomerMetrics.Value;

/// <summary>
/// The time unit in which a model's data (x, tₓ, T) were measured. The probabilistic CLV converts its monthly horizon and
/// discount rate into this unit, so a model fitted on days cannot be read as one fitted on weeks. A month is 365.25/12 =
/// 30.4375 days (the <c>lifetimes</c> package uses 30 days and 4.345 weeks instead).
/// </summary>
public enum ModelTimeUnit
{
    /// <summary>Days: 30.4375 per month.</summary>
    Day = 1,

    /// <summary>Weeks (7 days): 4.348214… per month.</summary>
    Week = 2,

    /// <summary>Months: 1 per month.</summary>
    Month = 3,
}
