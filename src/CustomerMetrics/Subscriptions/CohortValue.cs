using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The projected lifetime value of an acquisition cohort over the projection's horizon (a row of
/// <see cref="CohortProjection.Values"/>, or <see cref="CohortProjection.Total"/> for all cohorts): observed revenue plus
/// the expected revenue of the ages not yet observed, both discounted to the cohort's first period.
/// </summary>
/// <remarks>
/// Currency units of the table's revenue. The interval covers the projected part only (the observed part is known), by the
/// delta method on the pooled fit's covariance. <c>default</c> is an empty row (no customers, no revenue).
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct CohortValue
{
    /// <summary>Creates a row after checking it.</summary>
    /// <param name="cohort">The cohort period; null for all cohorts together.</param>
    /// <param name="customers">Customers who joined, ≥ 0.</param>
    /// <param name="observedRevenue">Discounted observed revenue within the horizon, finite, ≥ 0.</param>
    /// <param name="projectedRevenue">Discounted expected revenue of the unobserved ages within the horizon, finite, ≥ 0.</param>
    /// <param name="projectedLower">Lower bound of <paramref name="projectedRevenue"/> (NaN with the upper bound NaN when there is no covariance).</param>
    /// <param name="projectedUpper">Upper bound of <paramref name="projectedRevenue"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or amount is negative or not finite, or the bounds are not ordered around the estimate, naming the parameter.</exception>
    [JsonConstructor]
    public CohortValue(int? cohort, long customers, double observedRevenue, double projectedRevenue, double projectedLower, double projectedUpper)
    {
        Guard.NonNegative(customers);
        Guard.NonNegativeFinite(observedRevenue);
        CohortChecks.Bracket(projectedRevenue, projectedLower, projectedUpper, double.MaxValue, allowNaN: false,
            nameof(projectedRevenue), nameof(projectedLower), nameof(projectedUpper));
        Cohort = cohort;
        Customers = customers;
        ObservedRevenue = observedRevenue;
        ProjectedRevenue = projectedRevenue;
        ProjectedLower = projectedLower;
        ProjectedUpper = projectedUpper;
    }

    /// <summary>The cohort period; null for all cohorts together.</summary>
    public int? Cohort { get; }

    /// <summary>Customers who joined.</summary>
    public long Customers { get; }

    /// <summary>Observed revenue at ages within the horizon, each discounted by (1 + d)^age, currency units.</summary>
    public double ObservedRevenue { get; }

    /// <summary>Expected revenue of the unobserved ages within the horizon, discounted the same way, currency units.</summary>
    public double ProjectedRevenue { get; }

    /// <summary>Lower bound of <see cref="ProjectedRevenue"/>.</summary>
    public double ProjectedLower { get; }

    /// <summary>Upper bound of <see cref="ProjectedRevenue"/>.</summary>
    public double ProjectedUpper { get; }

    /// <summary>The cohort's lifetime value over the horizon: observed + projected revenue, currency units.</summary>
    [JsonIgnore]
    public double Value => ObservedRevenue + ProjectedRevenue;

    /// <summary>Lower bound of <see cref="Value"/> (observed + <see cref="ProjectedLower"/>).</summary>
    [JsonIgnore]
    public double ValueLower => ObservedRevenue + ProjectedLower;

    /// <summary>Upper bound of <see cref="Value"/>.</summary>
    [JsonIgnore]
    public double ValueUpper => ObservedRevenue + ProjectedUpper;

    /// <summary>Lifetime value per customer who joined: <see cref="Value"/> ÷ <see cref="Customers"/>; NaN for an empty cohort.</summary>
    [JsonIgnore]
    public double PerCustomer => Customers == 0 ? double.NaN : Value / Customers;

    /// <summary>Lower bound of <see cref="PerCustomer"/>; NaN for an empty cohort.</summary>
    [JsonIgnore]
    public double PerCustomerLower => Customers == 0 ? double.NaN : ValueLower / Customers;

    /// <summary>Upper bound of <see cref="PerCustomer"/>; NaN for an empty cohort.</summary>
    [JsonIgnore]
    public double PerCustomerUpper => Customers == 0 ? double.NaN : ValueUpper / Customers;

    /// <summary>One line, culture-invariant, e.g. <c>cohort 3: 120 customers, LTV 450.2 per customer [410.1, 495.3] (observed 300 + projected 150.2 per cohort 54024)</c>.</summary>
    /// <returns>The row as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Cohort is { } c ? "cohort " + c.ToString(CultureInfo.InvariantCulture) : "all cohorts")}: {Customers} customers, LTV {PerCustomer:0.##} per customer [{PerCustomerLower:0.##}, {PerCustomerUpper:0.##}] (observed {ObservedRevenue:0.##} + projected {ProjectedRevenue:0.##} = {Value:0.##})");
}
