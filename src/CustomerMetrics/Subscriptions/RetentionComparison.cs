using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Retention of two groups (A, e.g. loyalty-programme members; B, non-members) as sufficient statistics: retained and
/// starting customers of each. The rates, their difference A − B, a Newcombe interval for the difference and a
/// two-sided p-value are derived. Two comparisons of disjoint customers merge with <c>+</c>; <c>default</c> is the
/// empty identity. Build one with <see cref="Retention.Compare"/> or the constructor (both validate the counts).
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct RetentionComparison
{
    /// <summary>Creates a comparison from counts; the JSON constructor.</summary>
    /// <param name="retainedA">Customers of group A retained at the end of the period, 0 to <paramref name="customersA"/>.</param>
    /// <param name="customersA">Customers of group A at the start of the period, ≥ 0.</param>
    /// <param name="retainedB">Customers of group B retained at the end of the period, 0 to <paramref name="customersB"/>.</param>
    /// <param name="customersB">Customers of group B at the start of the period, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or a group retains more customers than it had.</exception>
    /// <exception cref="OverflowException">customersA + customersB exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public RetentionComparison(long retainedA, long customersA, long retainedB, long customersB)
    {
        Guard.NonNegative(customersA);
        Guard.NonNegative(customersB);
        Guard.PartOf(retainedA, customersA);
        Guard.PartOf(retainedB, customersB);
        _ = Guard.Total("customersA + customersB", customersA, customersB);
        RetainedA = retainedA;
        CustomersA = customersA;
        RetainedB = retainedB;
        CustomersB = customersB;
    }

    /// <summary>Customers of group A retained at the end of the period.</summary>
    public long RetainedA { get; }

    /// <summary>Customers of group A at the start of the period.</summary>
    public long CustomersA { get; }

    /// <summary>Customers of group B retained at the end of the period.</summary>
    public long RetainedB { get; }

    /// <summary>Customers of group B at the start of the period.</summary>
    public long CustomersB { get; }

    /// <summary>Retention of A, a fraction; NaN when A is empty.</summary>
    public double RateA => CustomersA == 0 ? double.NaN : (double)RetainedA / CustomersA;

    /// <summary>Retention of B, a fraction; NaN when B is empty.</summary>
    public double RateB => CustomersB == 0 ? double.NaN : (double)RetainedB / CustomersB;

    /// <summary>The difference of retention rates A − B, a fraction in [−1, 1]; NaN when either group is empty.</summary>
    public double Difference => RateA - RateB;

    /// <summary>
    /// The pooled two-proportion z statistic (A − B) ÷ √(p̂(1 − p̂)(1/n_A + 1/n_B)) with p̂ the pooled retention; its
    /// square is Pearson's χ² of the 2 × 2 table without continuity correction. NaN when a group is empty or when
    /// every customer (or none) was retained, where the test is undefined.
    /// </summary>
    public double ZScore => Stats.TwoProportionZ(RetainedA, CustomersA, RetainedB, CustomersB);

    /// <summary>Two-sided p-value of <see cref="ZScore"/> against no difference; NaN where the z statistic is NaN.</summary>
    public double PValue => Stats.TwoSidedPValue(ZScore);

    /// <summary>
    /// Newcombe's hybrid score interval for the difference A − B (Newcombe 1998, <i>Interval estimation for the
    /// difference between independent proportions: comparison of eleven methods</i>, Statistics in Medicine 17,
    /// method 10): with Wilson intervals (l₁, u₁) for A and (l₂, u₂) for B,
    /// lower = d − √((p₁ − l₁)² + (u₂ − p₂)²), upper = d + √((u₁ − p₁)² + (p₂ − l₂)²).
    /// </summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1 (0.95 for 95 %).</param>
    /// <returns>The interval as fractions in [−1, 1]; both bounds NaN when either group is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not strictly between 0 and 1.</exception>
    public ConfidenceInterval DifferenceInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        if (CustomersA == 0 || CustomersB == 0)
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        (double lower, double upper) = Stats.NewcombeDifference(RetainedA, CustomersA, RetainedB, CustomersB, Stats.TwoSidedZ(confidenceLevel));
        return new ConfidenceInterval(lower, upper, confidenceLevel);
    }

    /// <summary>Merges the counts of two comparisons over disjoint customers.</summary>
    /// <param name="left">One comparison.</param>
    /// <param name="right">The other.</param>
    /// <returns>The comparison of the combined customers.</returns>
    /// <exception cref="OverflowException">A merged count exceeds <see cref="long.MaxValue"/>.</exception>
    public static RetentionComparison operator +(RetentionComparison left, RetentionComparison right) => new(
        checked(left.RetainedA + right.RetainedA), checked(left.CustomersA + right.CustomersA),
        checked(left.RetainedB + right.RetainedB), checked(left.CustomersB + right.CustomersB));

    /// <summary>Merges the counts of two comparisons (the named form of <c>+</c>).</summary>
    /// <param name="left">One comparison.</param>
    /// <param name="right">The other.</param>
    /// <returns>The comparison of the combined customers.</returns>
    public static RetentionComparison Add(RetentionComparison left, RetentionComparison right) => left + right;

    /// <summary>Formats as <c>A 80.0 % (56/70) vs B 60.0 % (48/80): +20.0 pts [5.2, 33.4] (95 %), p = 0.00805</c>.</summary>
    /// <returns>The comparison as text, invariant culture.</returns>
    public override string ToString()
    {
        ConfidenceInterval ci = DifferenceInterval();
        return string.Create(CultureInfo.InvariantCulture,
            $"A {RateA * 100:0.0} % ({RetainedA}/{CustomersA}) vs B {RateB * 100:0.0} % ({RetainedB}/{CustomersB}): {Difference * 100:+0.0;-0.0;0.0} pts [{ci.Lower * 100:0.0}, {ci.Upper * 100:0.0}] (95 %), p = {PValue:G3}");
    }
}
