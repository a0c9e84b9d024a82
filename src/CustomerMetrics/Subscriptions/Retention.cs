using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Customer retention rate and the comparison of two groups' retention (a loyalty programme's members against
/// non-members). Rates are fractions (0.9 = 90 %).
/// </summary>
/// <remarks><threadsafety static="true" instance="true"/> All members are pure.</remarks>
public static class Retention
{
    /// <summary>
    /// Customer retention rate CRR = (E − N) ÷ S: customers at the end of the period, minus those acquired during it,
    /// over customers at the start (the standard customer retention rate of SaaS and CRM practice, as in the
    /// CustomerMetrics design guide). New customers are removed so that growth does not mask losses.
    /// </summary>
    /// <param name="customersAtStart">S, customers at the start of the period, ≥ 0.</param>
    /// <param name="customersAtEnd">E, customers at the end of the period, ≥ 0.</param>
    /// <param name="customersAcquired">N, customers acquired during the period and still there at its end, ≥ 0.</param>
    /// <returns>The retention rate, a fraction in [0, 1]; <see cref="double.NaN"/> when S = 0 (undefined, never 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or E − N is negative or exceeds S (more
    /// customers retained than there were, or more new customers than customers at the end).</exception>
    public static double CustomerRetentionRate(long customersAtStart, long customersAtEnd, long customersAcquired)
    {
        Guard.NonNegative(customersAtStart);
        Guard.NonNegative(customersAtEnd);
        Guard.NonNegative(customersAcquired);
        long retained = customersAtEnd - customersAcquired;
        if (retained < 0 || retained > customersAtStart)
        {
            Guard.InRange(customersAtEnd, customersAcquired, Guard.Total("customersAtStart + customersAcquired", customersAtStart, customersAcquired));
        }

        return customersAtStart == 0 ? double.NaN : (double)retained / customersAtStart;
    }

    /// <summary>
    /// Compares the retention of group A (e.g. loyalty-programme members) with group B (non-members): the counts of a
    /// <see cref="RetentionComparison"/>, whose difference, Newcombe interval and p-value are derived.
    /// </summary>
    /// <param name="retainedA">Customers of A retained, 0 ≤ retainedA ≤ customersA.</param>
    /// <param name="customersA">Customers of A at the start, ≥ 0.</param>
    /// <param name="retainedB">Customers of B retained, 0 ≤ retainedB ≤ customersB.</param>
    /// <param name="customersB">Customers of B at the start, ≥ 0.</param>
    /// <returns>The comparison; empty groups give NaN rates (see <see cref="RetentionComparison"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or a group retains more than it had.</exception>
    public static RetentionComparison Compare(long retainedA, long customersA, long retainedB, long customersB) =>
        new(retainedA, customersA, retainedB, customersB);
}
