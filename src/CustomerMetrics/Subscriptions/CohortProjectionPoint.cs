using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// One age of a cohort's observed-then-projected curves (a row of <see cref="CohortProjection.Points"/> or
/// <see cref="CohortProjection.Average"/>): logo survival, expected revenue and revenue retention with their interval bounds.
/// </summary>
/// <remarks>
/// Observed ages (<see cref="Observed"/>) carry the table's values with zero-width bounds. Projected ages carry the
/// expected value given the survivors at the cohort's last observed age and the pooled sBG model, with delta-method bounds
/// (see <see cref="CohortRetentionModel.Project"/>). The bounds describe the uncertainty of the model's parameters, not the
/// spread of the counts a cohort will realise. Bounds are NaN together when the fit gave no covariance; an undefined
/// estimate (an empty cohort, a cohort with no first-period revenue) is NaN with NaN bounds. <c>default</c> is an all-zero
/// row. <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct CohortProjectionPoint
{
    /// <summary>Creates a point after checking it.</summary>
    /// <param name="cohort">The cohort period; null for the average over all cohorts.</param>
    /// <param name="age">Periods since joining, ≥ 0.</param>
    /// <param name="observed">Whether the values are observed (true) or projected.</param>
    /// <param name="survival">Active customers ÷ cohort size, a fraction in [0, 1]; NaN for an empty cohort.</param>
    /// <param name="survivalLower">Lower bound of <paramref name="survival"/>.</param>
    /// <param name="survivalUpper">Upper bound of <paramref name="survival"/>.</param>
    /// <param name="revenue">Revenue at this age (observed or expected), currency units, finite, ≥ 0.</param>
    /// <param name="revenueLower">Lower bound of <paramref name="revenue"/>.</param>
    /// <param name="revenueUpper">Upper bound of <paramref name="revenue"/>.</param>
    /// <param name="revenueRetention">Revenue ÷ the first-period revenue, a fraction ≥ 0; NaN when the first-period revenue is 0.</param>
    /// <param name="revenueRetentionLower">Lower bound of <paramref name="revenueRetention"/>.</param>
    /// <param name="revenueRetentionUpper">Upper bound of <paramref name="revenueRetention"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range, or bounds are not ordered around their estimate (both NaN is allowed), naming the parameter.</exception>
    [JsonConstructor]
    public CohortProjectionPoint(int? cohort, int age, bool observed, double survival, double survivalLower, double survivalUpper,
        double revenue, double revenueLower, double revenueUpper, double revenueRetention, double revenueRetentionLower, double revenueRetentionUpper)
    {
        Guard.NonNegative(age);
        CohortChecks.Bracket(survival, survivalLower, survivalUpper, 1, allowNaN: true, nameof(survival), nameof(survivalLower), nameof(survivalUpper));
        CohortChecks.Bracket(revenue, revenueLower, revenueUpper, double.MaxValue, allowNaN: false, nameof(revenue), nameof(revenueLower), nameof(revenueUpper));
        CohortChecks.Bracket(revenueRetention, revenueRetentionLower, revenueRetentionUpper, double.MaxValue, allowNaN: true,
            nameof(revenueRetention), nameof(revenueRetentionLower), nameof(revenueRetentionUpper));
        Cohort = cohort;
        Age = age;
        Observed = observed;
        Survival = survival;
        SurvivalLower = survivalLower;
        SurvivalUpper = survivalUpper;
        Revenue = revenue;
        RevenueLower = revenueLower;
        RevenueUpper = revenueUpper;
        RevenueRetention = revenueRetention;
        RevenueRetentionLower = revenueRetentionLower;
        RevenueRetentionUpper = revenueRetentionUpper;
    }

    /// <summary>The cohort period; null for the average over all cohorts.</summary>
    public int? Cohort { get; }

    /// <summary>Periods since joining.</summary>
    public int Age { get; }

    /// <summary>Whether the values are observed in the table (true) or projected by the model (false).</summary>
    public bool Observed { get; }

    /// <summary>Logo survival: active customers ÷ cohort size, a fraction; NaN for an empty cohort.</summary>
    public double Survival { get; }

    /// <summary>Lower bound of <see cref="Survival"/> (equal to it when observed; NaN without a covariance).</summary>
    public double SurvivalLower { get; }

    /// <summary>Upper bound of <see cref="Survival"/>.</summary>
    public double SurvivalUpper { get; }

    /// <summary>Revenue at this age, currency units: observed, or expected survivors × the revenue per survivor at the last observed age.</summary>
    public double Revenue { get; }

    /// <summary>Lower bound of <see cref="Revenue"/>.</summary>
    public double RevenueLower { get; }

    /// <summary>Upper bound of <see cref="Revenue"/>.</summary>
    public double RevenueUpper { get; }

    /// <summary>Revenue ÷ first-period revenue, a fraction (above 1 with expansion); NaN when the first-period revenue is 0.</summary>
    public double RevenueRetention { get; }

    /// <summary>Lower bound of <see cref="RevenueRetention"/>.</summary>
    public double RevenueRetentionLower { get; }

    /// <summary>Upper bound of <see cref="RevenueRetention"/>.</summary>
    public double RevenueRetentionUpper { get; }

    /// <summary>One line, culture-invariant, e.g. <c>cohort 3 +14 projected: survival 41.2% [38.0%, 44.5%], revenue 1234.5 [1140.2, 1335.0]</c>.</summary>
    /// <returns>The point as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Cohort is { } c ? "cohort " + c.ToString(CultureInfo.InvariantCulture) : "all cohorts")} +{Age} {(Observed ? "observed" : "projected")}: survival {Survival * 100:0.0}% [{SurvivalLower * 100:0.0}%, {SurvivalUpper * 100:0.0}%], revenue {Revenue:0.##} [{RevenueLower:0.##}, {RevenueUpper:0.##}]");
}
