using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

public readonly partial record struct CohortTable
{
    /// <summary>
    /// Builds the table from activity records without revenue (revenue cells are 0, revenue retention NaN). See
    /// <see cref="Build(ReadOnlySpan{long}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, int)"/>.
    /// </summary>
    /// <param name="customers">Customer id of each record, ascending (records sorted by customer, then active period).</param>
    /// <param name="cohortPeriods">The customer's cohort (joining) period, the same on all of its records.</param>
    /// <param name="activePeriods">The period the customer was active in, ≥ its cohort period, ≤ <paramref name="observedThrough"/>.</param>
    /// <param name="observedThrough">The last period observed.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or the window exceeds <see cref="MaxPeriods"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A record is out of order or inconsistent (names the span, index and value).</exception>
    public static CohortTable Build(ReadOnlySpan<long> customers, ReadOnlySpan<int> cohortPeriods, ReadOnlySpan<int> activePeriods, int observedThrough) =>
        Build(customers, cohortPeriods, activePeriods, [], observedThrough);

    /// <summary>
    /// Builds the table from activity records (customer, cohort period, active period, revenue) in one pass. Records of
    /// the same customer in the same period merge: the customer counts once and the revenue adds.
    /// </summary>
    /// <param name="customers">
    /// Customer id of each record. Records must be sorted by customer (ascending), then by active period
    /// (non-decreasing), so that distinct customers are counted without a hash set; sort with
    /// <c>MemoryExtensions.Sort</c> if needed.
    /// </param>
    /// <param name="cohortPeriods">The customer's cohort (joining) period, the same on all of its records.</param>
    /// <param name="activePeriods">The period the customer was active in, from its cohort period to <paramref name="observedThrough"/>.</param>
    /// <param name="revenue">Empty, or the revenue of each record in currency units, finite and ≥ 0.</param>
    /// <param name="observedThrough">The last period observed (the end of the window; young cohorts' later ages are unobserved).</param>
    /// <returns>The table (empty for no records). Allocates the table only: O(periods²), independent of the record count.</returns>
    /// <exception cref="ArgumentException">The spans differ in length (an empty <paramref name="revenue"/> is allowed), or
    /// the window from the first cohort to <paramref name="observedThrough"/> exceeds <see cref="MaxPeriods"/> periods.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A customer id is smaller than the previous one, an active period is
    /// earlier than the previous record of the same customer or than its cohort or later than
    /// <paramref name="observedThrough"/>, a customer's cohort changes between records, or a revenue is negative or not
    /// finite (each names the span, the index and the value).</exception>
    public static CohortTable Build(ReadOnlySpan<long> customers, ReadOnlySpan<int> cohortPeriods, ReadOnlySpan<int> activePeriods, ReadOnlySpan<double> revenue, int observedThrough)
    {
        Guard.SameLength(cohortPeriods.Length, customers.Length);
        Guard.SameLength(activePeriods.Length, customers.Length);
        if (!revenue.IsEmpty)
        {
            Guard.SameLength(revenue.Length, customers.Length);
        }

        if (customers.IsEmpty)
        {
            return default;
        }

        int first = int.MaxValue;
        foreach (int cohort in cohortPeriods)
        {
            first = Math.Min(first, cohort);
        }

        long periods = (long)observedThrough - first + 1;
        if (periods < 1)
        {
            // Every cohort lies after the window: report the earliest.
            ThrowHelper.ValueOutOfRange(nameof(cohortPeriods), cohortPeriods.IndexOf(first), first, int.MinValue, observedThrough);
        }

        if (periods > MaxPeriods)
        {
            ThrowHelper.Argument(nameof(cohortPeriods), string.Create(CultureInfo.InvariantCulture,
                $"The window from the first cohort {first} to observedThrough {observedThrough} spans {periods} periods; a table spans at most {MaxPeriods}."));
        }

        int n = (int)periods;
        var sizes = new long[n];
        var active = new long[n * n];
        var sums = new double[revenue.IsEmpty ? 0 : n * n];
        var compensation = new double[sums.Length];
        long previousCustomer = long.MinValue;
        int previousCohort = 0, previousActive = 0;
        for (int i = 0; i < customers.Length; i++)
        {
            long customer = customers[i];
            int cohort = cohortPeriods[i], period = activePeriods[i];
            bool sameCell = false;
            if (period < cohort || period > observedThrough)
            {
                ThrowHelper.ValueOutOfRange(nameof(activePeriods), i, period, cohort, observedThrough);
            }

            if (i > 0 && customer == previousCustomer)
            {
                if (cohort != previousCohort)
                {
                    ThrowHelper.ValueOutOfRange(nameof(cohortPeriods), i, cohort, previousCohort, previousCohort);
                }

                if (period < previousActive)
                {
                    ThrowHelper.ValueOutOfRange(nameof(activePeriods), i, period, previousActive, observedThrough);
                }

                sameCell = period == previousActive;
            }
            else
            {
                if (i > 0 && customer < previousCustomer)
                {
                    ThrowHelper.ValueOutOfRange(nameof(customers), i, customer, previousCustomer, long.MaxValue);
                }

                sizes[cohort - first]++;
            }

            int cell = ((cohort - first) * n) + (period - cohort);
            if (!sameCell)
            {
                active[cell]++;
            }

            if (sums.Length != 0)
            {
                double amount = revenue[i];
                if (!(amount >= 0 && amount < double.PositiveInfinity))
                {
                    ThrowHelper.ValueOutOfRange(nameof(revenue), i, amount, "finite amounts ≥ 0");
                }

                CompensatedSum.Add(ref sums[cell], ref compensation[cell], amount);
            }

            previousCustomer = customer;
            previousCohort = cohort;
            previousActive = period;
        }

        if (sums.Length == 0)
        {
            sums = new double[n * n];
        }
        else
        {
            for (int i = 0; i < sums.Length; i++)
            {
                sums[i] += compensation[i];
            }
        }

        return new CohortTable(first, observedThrough, ImmutableCollectionsMarshal.AsImmutableArray(sizes),
            ImmutableCollectionsMarshal.AsImmutableArray(active), ImmutableCollectionsMarshal.AsImmutableArray(sums));
    }
}
