using System.Buffers;
using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>Cohort tables from activity logs keyed by customer keys of any type, in any row order.</summary>
public readonly partial record struct CohortTable
{
    /// <summary>
    /// Builds the table from activity records keyed by customer keys of any type (<see cref="int"/> ids, CRM strings,
    /// <see cref="Guid"/>s), in any order: the keys become dense indexes once (<see cref="CustomerKeys{TKey}"/>), the
    /// records are sorted by (customer, active period) into pooled buffers, and
    /// <see cref="Build(ReadOnlySpan{long}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, int)"/> runs.
    /// Records of the same customer in the same period merge.
    /// </summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="customers">Customer key of each record (not null); any order.</param>
    /// <param name="cohortPeriods">The customer's cohort (joining) period, the same on all of its records.</param>
    /// <param name="activePeriods">The period the customer was active in, from its cohort period to <paramref name="observedThrough"/>.</param>
    /// <param name="revenue">Empty, or the revenue of each record in currency units, finite and ≥ 0.</param>
    /// <param name="observedThrough">The last period observed.</param>
    /// <param name="keys">A key map to reuse (every key of <paramref name="customers"/> must be in it), or null to build one.</param>
    /// <returns>The table (empty for no records).</returns>
    /// <exception cref="ArgumentNullException">A key is null (the message names its index).</exception>
    /// <exception cref="ArgumentException">The spans differ in length, a key is not in <paramref name="keys"/>, a customer's
    /// cohort differs between two records (the message names both indexes), or the window exceeds <see cref="MaxPeriods"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An active period is before its cohort or after <paramref name="observedThrough"/>,
    /// or a revenue is negative or not finite (each names the span, the index in the caller's order, and the value).</exception>
    /// <remarks>Cost: one hash lookup per record, a sort of the records (O(n log n)) and pooled buffers of about 33 bytes
    /// per record, returned before the call ends; the result allocates only the table, as the sorted overload.</remarks>
    public static CohortTable Build<TKey>(ReadOnlySpan<TKey> customers, ReadOnlySpan<int> cohortPeriods, ReadOnlySpan<int> activePeriods,
        ReadOnlySpan<double> revenue, int observedThrough, CustomerKeys<TKey>? keys)
        where TKey : notnull, IEquatable<TKey>
    {
        Guard.SameLength(cohortPeriods.Length, customers.Length);
        Guard.SameLength(activePeriods.Length, customers.Length);
        bool withRevenue = !revenue.IsEmpty;
        if (withRevenue)
        {
            Guard.SameLength(revenue.Length, customers.Length);
        }

        int n = customers.Length;
        if (n == 0)
        {
            return default;
        }

        int[] indexPool = ArrayPool<int>.Shared.Rent(n);
        int[] orderPool = ArrayPool<int>.Shared.Rent(n);
        long[] sortPool = ArrayPool<long>.Shared.Rent(n);
        int[] cohortPool = ArrayPool<int>.Shared.Rent(n);
        int[] activePool = ArrayPool<int>.Shared.Rent(n);
        double[] revenuePool = ArrayPool<double>.Shared.Rent(withRevenue ? n : 0);
        int[]? firstRowPool = null;
        try
        {
            Span<int> index = indexPool.AsSpan(0, n);
            keys = CustomerKeys<TKey>.MapRows(customers, index, keys);
            firstRowPool = ArrayPool<int>.Shared.Rent(keys.Count);
            Span<int> firstRow = firstRowPool.AsSpan(0, keys.Count);
            firstRow.Fill(-1);
            Span<int> order = orderPool.AsSpan(0, n);
            Span<long> sortKeys = sortPool.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                int cohort = cohortPeriods[i], active = activePeriods[i], k = index[i];
                if (active < cohort || active > observedThrough)
                {
                    ThrowHelper.ValueOutOfRange(nameof(activePeriods), i, active, cohort, observedThrough);
                }

                if (withRevenue && !(revenue[i] >= 0 && double.IsFinite(revenue[i])))
                {
                    ThrowHelper.ValueOutOfRange(nameof(revenue), i, revenue[i], "finite numbers ≥ 0");
                }

                int first = firstRow[k];
                if (first < 0)
                {
                    firstRow[k] = i;
                }
                else if (cohortPeriods[first] != cohort)
                {
                    ThrowHelper.Argument(nameof(cohortPeriods), string.Create(CultureInfo.InvariantCulture,
                        $"cohortPeriods[{i}] is {cohort} but cohortPeriods[{first}] is {cohortPeriods[first]} for the same customer '{customers[i]}'; a customer has one cohort."));
                }

                // Ascending by (customer index, active period): the sign bit flip orders ints as unsigned.
                sortKeys[i] = ((long)k << 32) | (uint)(active ^ int.MinValue);
                order[i] = i;
            }

            sortKeys.Sort(order);
            Span<long> sortedCustomers = sortKeys;
            Span<int> sortedCohorts = cohortPool.AsSpan(0, n), sortedActive = activePool.AsSpan(0, n);
            Span<double> sortedRevenue = withRevenue ? revenuePool.AsSpan(0, n) : [];
            for (int j = 0; j < n; j++)
            {
                int i = order[j];
                sortedCustomers[j] = index[i];
                sortedCohorts[j] = cohortPeriods[i];
                sortedActive[j] = activePeriods[i];
                if (withRevenue)
                {
                    sortedRevenue[j] = revenue[i];
                }
            }

            return Build(sortedCustomers, sortedCohorts, sortedActive, sortedRevenue, observedThrough);
        }
        finally
        {
            if (firstRowPool is not null)
            {
                ArrayPool<int>.Shared.Return(firstRowPool);
            }

            ArrayPool<double>.Shared.Return(revenuePool);
            ArrayPool<int>.Shared.Return(activePool);
            ArrayPool<int>.Shared.Return(cohortPool);
            ArrayPool<long>.Shared.Return(sortPool);
            ArrayPool<int>.Shared.Return(orderPool);
            ArrayPool<int>.Shared.Return(indexPool);
        }
    }
}
