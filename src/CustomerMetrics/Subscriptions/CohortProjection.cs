using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The projection of a <see cref="CohortTable"/> by the pooled shifted-beta-geometric model: every cohort's survival,
/// revenue and revenue retention curves for ages 0 to <see cref="Horizon"/> − 1 (observed, then projected with intervals),
/// the same averaged over all cohorts, and each cohort's lifetime value over the horizon. Made by
/// <see cref="CohortRetentionModel.Project"/>, which states the method and assumptions.
/// </summary>
/// <remarks>
/// Memory: (cohorts + 1) × horizon points of 100 bytes or so. <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed class CohortProjection
{
    /// <summary>Creates a projection after checking its shape (the JSON constructor).</summary>
    /// <param name="fit">The per-cohort and pooled fits.</param>
    /// <param name="horizon">Ages per curve and in each lifetime value, 1 to <see cref="CohortRetentionModel.MaxHorizon"/>.</param>
    /// <param name="discountRate">Discount rate per period applied to the lifetime values, finite, ≥ 0.</param>
    /// <param name="confidenceLevel">Nominal coverage of the intervals, in (0, 1).</param>
    /// <param name="points">Cohort × age points, cohort by cohort in the fit's order, <paramref name="horizon"/> ages each.</param>
    /// <param name="average">The all-cohort curve, <paramref name="horizon"/> points with a null cohort.</param>
    /// <param name="values">One lifetime value per cohort, in the fit's order.</param>
    /// <param name="total">The lifetime value of all cohorts together (null cohort).</param>
    /// <exception cref="ArgumentNullException">A list or the fit is null.</exception>
    /// <exception cref="ArgumentException">A list's length or a row's cohort or age does not match the fit and horizon (names the list and index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The horizon, rate or level is out of range.</exception>
    [JsonConstructor]
    public CohortProjection(CohortRetentionFit fit, int horizon, double discountRate, double confidenceLevel,
        IReadOnlyList<CohortProjectionPoint> points, IReadOnlyList<CohortProjectionPoint> average, IReadOnlyList<CohortValue> values, CohortValue total)
    {
        if (fit is null || points is null || average is null || values is null)
        {
            ThrowHelper.ArgumentNull(fit is null ? nameof(fit) : points is null ? nameof(points) : average is null ? nameof(average) : nameof(values),
                "The fit and the lists are required.");
        }

        Guard.InRange(horizon, 1, CohortRetentionModel.MaxHorizon);
        Guard.NonNegativeFinite(discountRate);
        Guard.ConfidenceLevel(confidenceLevel);
        int cohorts = fit.Cohorts.Count;
        Guard.SameLength(values.Count, cohorts, nameof(values), "the fit's cohorts");
        Guard.SameLength(points.Count, cohorts * horizon, nameof(points), "cohorts × horizon");
        Guard.SameLength(average.Count, horizon, nameof(average), "horizon");
        for (int i = 0; i < points.Count; i++)
        {
            if (points[i].Cohort != fit.Cohorts[i / horizon].Cohort || points[i].Age != i % horizon)
            {
                ThrowHelper.Argument(nameof(points), string.Create(CultureInfo.InvariantCulture,
                    $"points[{i}] is cohort {points[i].Cohort}, age {points[i].Age}; expected cohort {fit.Cohorts[i / horizon].Cohort}, age {i % horizon}."));
            }
        }

        for (int i = 0; i < average.Count; i++)
        {
            if (average[i].Cohort is not null || average[i].Age != i)
            {
                ThrowHelper.Argument(nameof(average), string.Create(CultureInfo.InvariantCulture, $"average[{i}] must be the all-cohort point (null cohort) of age {i}."));
            }
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (values[i].Cohort != fit.Cohorts[i].Cohort)
            {
                ThrowHelper.Argument(nameof(values), string.Create(CultureInfo.InvariantCulture, $"values[{i}] is cohort {values[i].Cohort}; expected {fit.Cohorts[i].Cohort}."));
            }
        }

        if (total.Cohort is not null)
        {
            ThrowHelper.Argument(nameof(total), "The total lifetime value has a null cohort (all cohorts).");
        }

        Fit = fit;
        Horizon = horizon;
        DiscountRate = discountRate;
        ConfidenceLevel = confidenceLevel;
        Points = [.. points];
        Average = [.. average];
        Values = [.. values];
        Total = total;
    }

    /// <summary>The fits: <c>Fit.Pooled</c> is the model every projection uses.</summary>
    public CohortRetentionFit Fit { get; }

    /// <summary>Ages per curve (0 to <see cref="Horizon"/> − 1) and in each lifetime value, in the table's period unit.</summary>
    public int Horizon { get; }

    /// <summary>Discount rate per period of the lifetime values, a fraction (0 for none).</summary>
    public double DiscountRate { get; }

    /// <summary>Nominal coverage of every interval, a fraction (0.95).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Every cohort's curve: <see cref="Horizon"/> points per cohort, cohort by cohort; see <see cref="Curve"/>.</summary>
    public IReadOnlyList<CohortProjectionPoint> Points { get; }

    /// <summary>The curve of all cohorts together (null cohort): at each age, the sum over cohorts of observed or projected actives ÷ all customers, and likewise for revenue.</summary>
    public IReadOnlyList<CohortProjectionPoint> Average { get; }

    /// <summary>Each cohort's lifetime value over the horizon, in cohort order.</summary>
    public IReadOnlyList<CohortValue> Values { get; }

    /// <summary>All cohorts' lifetime value over the horizon (the sum of <see cref="Values"/>, with its interval).</summary>
    public CohortValue Total { get; }

    /// <summary>The curve of one cohort: its <see cref="Horizon"/> points (a new array).</summary>
    /// <param name="cohort">A cohort period of the table.</param>
    /// <returns>The points by age.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is not in the table.</exception>
    public CohortProjectionPoint[] Curve(int cohort)
    {
        for (int i = 0; i < Fit.Cohorts.Count; i++)
        {
            if (Fit.Cohorts[i].Cohort == cohort)
            {
                var curve = new CohortProjectionPoint[Horizon];
                for (int age = 0; age < Horizon; age++)
                {
                    curve[age] = Points[(i * Horizon) + age];
                }

                return curve;
            }
        }

        ThrowHelper.ArgumentOutOfRange(nameof(cohort), cohort, "a cohort period of the projected table");
        return [];
    }

    /// <summary>One line, culture-invariant: the horizon, the pooled model and the total lifetime value.</summary>
    /// <returns>The summary as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Values.Count} cohorts over {Horizon} periods (discount {DiscountRate:0.####}/period, {ConfidenceLevel * 100:0.##} % intervals); {Fit.Pooled}; {Total}");

    /// <summary>A fixed-width grid, one line per cohort then the total: customers, observed and projected value, value per customer with its interval, and the survival at the horizon's last age.</summary>
    /// <returns>The grid as text, culture-invariant.</returns>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"cohort  customers      observed     projected   LTV/customer  [{ConfidenceLevel * 100:0.#} % interval]       survival at age {Horizon - 1}"));
        for (int i = 0; i < Values.Count; i++)
        {
            Line(text, Values[i], Points[(i * Horizon) + Horizon - 1]);
        }

        Line(text, Total, Average[^1]);
        return text.ToString();
    }

    private static void Line(StringBuilder text, CohortValue value, CohortProjectionPoint last) =>
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{(value.Cohort is { } c ? c.ToString(CultureInfo.InvariantCulture) : "all"),6} {value.Customers,10} {value.ObservedRevenue,13:0.##} {value.ProjectedRevenue,13:0.##} {value.PerCustomer,14:0.##}  [{value.PerCustomerLower:0.##}, {value.PerCustomerUpper:0.##}]  {last.Survival * 100,10:0.0}%"));
}
