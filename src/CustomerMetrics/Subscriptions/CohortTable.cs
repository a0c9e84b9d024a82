using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// A cohort retention table: for each cohort (the period customers joined) and each age (periods since joining), the
/// distinct customers active and the revenue they brought. Logo and revenue retention curves per cohort and the
/// weighted average curves are derived. Tables built from disjoint sets of customers over the same observation window
/// merge with <c>+</c>; <c>default</c> is the empty identity. Build one with
/// <see cref="Build(ReadOnlySpan{long}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, int)"/>.
/// </summary>
/// <remarks>
/// Periods are integers in the caller's unit (months since some epoch, ISO weeks numbered consecutively, …).
/// Cohorts run from <see cref="FirstCohort"/> to <see cref="ObservedThrough"/>; the age of cohort c is observed for
/// ages 0 to <c>ObservedThrough − c</c>, and the later ages of young cohorts are unobserved (not zero): the curves stop
/// there and the average curves only use cohorts old enough. Storage is a cohorts × ages rectangle of
/// <c>long</c> counts and <c>double</c> revenue (compensated Neumaier sums while building), so the allocation is bounded
/// by the table's size (at most <see cref="MaxPeriods"/> periods), never by the number of records.
/// <para>Logo retention at age k = active(c, k) ÷ customers(c) (customers(c): distinct customers of cohort c); it starts
/// at 1 when every customer is active in its own cohort period. Revenue retention at age k = revenue(c, k) ÷
/// revenue(c, 0) (the cohort's first-period revenue). Undefined ratios (an empty cohort, zero first-period revenue)
/// are NaN, never 0.</para>
/// <para><threadsafety static="true" instance="true"/> Immutable.</para>
/// </remarks>
public readonly partial record struct CohortTable
{
    /// <summary>The largest number of periods (cohorts) a table may span: 2048 (170 years of months, 39 of weeks).</summary>
    public const int MaxPeriods = 2048;

    private readonly ImmutableArray<long> _cohortSizes;
    private readonly ImmutableArray<long> _activeCustomers;
    private readonly ImmutableArray<double> _revenue;

    /// <summary>Creates a table from its cells (used by deserialisation; <see cref="Build(ReadOnlySpan{long}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double}, int)"/> is the usual way).</summary>
    /// <param name="firstCohort">The first cohort period.</param>
    /// <param name="observedThrough">The last period observed, ≥ <paramref name="firstCohort"/> unless the table is empty.</param>
    /// <param name="cohortSizes">Distinct customers per cohort, one per period from first cohort to observed-through, ≥ 0.</param>
    /// <param name="activeCustomers">Active customers, row-major cohorts × ages (ages = cohorts), ≥ 0.</param>
    /// <param name="revenue">Revenue per cell, same shape, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">The shapes do not match the window, or the window exceeds <see cref="MaxPeriods"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or a revenue negative or not finite.</exception>
    [JsonConstructor]
    public CohortTable(int firstCohort, int observedThrough, ImmutableArray<long> cohortSizes, ImmutableArray<long> activeCustomers, ImmutableArray<double> revenue)
    {
        int cohorts = cohortSizes.IsDefaultOrEmpty ? 0 : cohortSizes.Length;
        if (cohorts != 0 && (long)observedThrough - firstCohort + 1 != cohorts)
        {
            ThrowHelper.Argument(nameof(cohortSizes), string.Create(CultureInfo.InvariantCulture,
                $"cohortSizes has {cohorts} elements but the window {firstCohort}..{observedThrough} has {(long)observedThrough - firstCohort + 1} periods."));
        }

        if (cohorts > MaxPeriods)
        {
            ThrowHelper.Argument(nameof(cohortSizes), string.Create(CultureInfo.InvariantCulture,
                $"cohortSizes has {cohorts} periods; a table spans at most {MaxPeriods}."));
        }

        int cells = cohorts * cohorts;
        Guard.SameLength(activeCustomers.IsDefault ? 0 : activeCustomers.Length, cells, nameof(activeCustomers), "cohorts²");
        Guard.SameLength(revenue.IsDefault ? 0 : revenue.Length, cells, nameof(revenue), "cohorts²");
        for (int i = 0; i < cohorts; i++)
        {
            if (cohortSizes[i] < 0)
            {
                ThrowHelper.ValueOutOfRange(nameof(cohortSizes), i, cohortSizes[i], 0, long.MaxValue);
            }
        }

        for (int i = 0; i < cells; i++)
        {
            if (activeCustomers[i] < 0)
            {
                ThrowHelper.ValueOutOfRange(nameof(activeCustomers), i, activeCustomers[i], 0, long.MaxValue);
            }

            if (!(revenue[i] >= 0 && revenue[i] < double.PositiveInfinity))
            {
                ThrowHelper.ValueOutOfRange(nameof(revenue), i, revenue[i], "finite amounts ≥ 0");
            }
        }

        FirstCohort = cohorts == 0 ? 0 : firstCohort;
        ObservedThrough = cohorts == 0 ? 0 : observedThrough;
        _cohortSizes = cohorts == 0 ? [] : cohortSizes;
        _activeCustomers = cohorts == 0 ? [] : activeCustomers;
        _revenue = cohorts == 0 ? [] : revenue;
    }

    /// <summary>The first cohort period (0 for an empty table).</summary>
    public int FirstCohort { get; }

    /// <summary>The last period observed: the end of the observation window (0 for an empty table).</summary>
    public int ObservedThrough { get; }

    /// <summary>Distinct customers per cohort, indexed by <c>cohort − FirstCohort</c>.</summary>
    public ImmutableArray<long> CohortSizes => _cohortSizes.IsDefault ? [] : _cohortSizes;

    /// <summary>Distinct active customers per cell, row-major: index <c>(cohort − FirstCohort) × CohortCount + age</c>.</summary>
    public ImmutableArray<long> ActiveCustomers => _activeCustomers.IsDefault ? [] : _activeCustomers;

    /// <summary>Revenue per cell in currency units (0 when built without revenue), same layout as <see cref="ActiveCustomers"/>.</summary>
    public ImmutableArray<double> Revenue => _revenue.IsDefault ? [] : _revenue;

    /// <summary>Number of cohorts (periods in the window); also the number of ages.</summary>
    [JsonIgnore]
    public int CohortCount => _cohortSizes.IsDefault ? 0 : _cohortSizes.Length;

    /// <summary>Whether the table has no cohort (the <c>default</c> value, or built from no records).</summary>
    [JsonIgnore]
    public bool IsEmpty => CohortCount == 0;

    /// <summary>Distinct customers in all cohorts.</summary>
    [JsonIgnore]
    public long Customers
    {
        get
        {
            long total = 0;
            foreach (long size in CohortSizes)
            {
                total += size;
            }

            return total;
        }
    }

    /// <summary>The oldest age observed for <paramref name="cohort"/>: <c>ObservedThrough − cohort</c>.</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <returns>The last observed age, ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window.</exception>
    public int LastObservedAge(int cohort) => ObservedThrough - CohortRow(cohort) - FirstCohort;

    /// <summary>Distinct customers who joined in <paramref name="cohort"/>.</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <returns>The cohort's size.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window.</exception>
    public long CohortSize(int cohort) => CohortSizes[CohortRow(cohort)];

    /// <summary>Distinct customers of <paramref name="cohort"/> active at <paramref name="age"/>.</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <param name="age">Periods since the cohort period, 0 to <see cref="LastObservedAge"/>.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window or the age is not observed.</exception>
    public long Active(int cohort, int age) => ActiveCustomers[Cell(cohort, age)];

    /// <summary>Revenue of <paramref name="cohort"/> at <paramref name="age"/>, currency units.</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <param name="age">Periods since the cohort period, 0 to <see cref="LastObservedAge"/>.</param>
    /// <returns>The revenue.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window or the age is not observed.</exception>
    public double RevenueAt(int cohort, int age) => Revenue[Cell(cohort, age)];

    /// <summary>Logo retention active(c, k) ÷ customers(c), a fraction; NaN for an empty cohort.</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <param name="age">Periods since the cohort period, 0 to <see cref="LastObservedAge"/>.</param>
    /// <returns>The retention fraction.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window or the age is not observed.</exception>
    public double LogoRetention(int cohort, int age)
    {
        int cell = Cell(cohort, age);
        long size = CohortSizes[cohort - FirstCohort];
        return size == 0 ? double.NaN : (double)ActiveCustomers[cell] / size;
    }

    /// <summary>Revenue retention revenue(c, k) ÷ revenue(c, 0), a fraction (above 1 with expansion); NaN when revenue(c, 0) is 0.</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <param name="age">Periods since the cohort period, 0 to <see cref="LastObservedAge"/>.</param>
    /// <returns>The revenue retention fraction.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window or the age is not observed.</exception>
    public double RevenueRetention(int cohort, int age)
    {
        int cell = Cell(cohort, age);
        double first = Revenue[(cohort - FirstCohort) * CohortCount];
        return first == 0 ? double.NaN : Revenue[cell] / first;
    }

    /// <summary>The logo retention curve of one cohort, ages 0 to <see cref="LastObservedAge"/> (a new array).</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <returns>Fractions by age; all NaN for an empty cohort.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window.</exception>
    public double[] LogoRetentionCurve(int cohort)
    {
        var curve = new double[LastObservedAge(cohort) + 1];
        for (int age = 0; age < curve.Length; age++)
        {
            curve[age] = LogoRetention(cohort, age);
        }

        return curve;
    }

    /// <summary>The revenue retention curve of one cohort, ages 0 to <see cref="LastObservedAge"/> (a new array).</summary>
    /// <param name="cohort">A cohort period in the window.</param>
    /// <returns>Fractions by age; all NaN when the cohort's first-period revenue is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is outside the window.</exception>
    public double[] RevenueRetentionCurve(int cohort)
    {
        var curve = new double[LastObservedAge(cohort) + 1];
        for (int age = 0; age < curve.Length; age++)
        {
            curve[age] = RevenueRetention(cohort, age);
        }

        return curve;
    }

    /// <summary>
    /// The size-weighted average logo retention curve: at age k, Σ active(c, k) ÷ Σ customers(c) over the cohorts whose
    /// age k is observed. Ages 0 to <see cref="CohortCount"/> − 1 (a new array; empty for an empty table); NaN at an age
    /// where those cohorts have no customers.
    /// </summary>
    /// <returns>Fractions by age.</returns>
    public double[] AverageLogoRetentionCurve()
    {
        int n = CohortCount;
        var curve = new double[n];
        for (int age = 0; age < n; age++)
        {
            long active = 0, size = 0;
            for (int row = 0; row < n - age; row++)
            {
                active += ActiveCustomers[(row * n) + age];
                size += CohortSizes[row];
            }

            curve[age] = size == 0 ? double.NaN : (double)active / size;
        }

        return curve;
    }

    /// <summary>
    /// The revenue-weighted average revenue retention curve: at age k, Σ revenue(c, k) ÷ Σ revenue(c, 0) over the
    /// cohorts whose age k is observed. Ages 0 to <see cref="CohortCount"/> − 1 (a new array); NaN where that
    /// first-period revenue is 0.
    /// </summary>
    /// <returns>Fractions by age.</returns>
    public double[] AverageRevenueRetentionCurve()
    {
        int n = CohortCount;
        var curve = new double[n];
        for (int age = 0; age < n; age++)
        {
            double revenue = 0, first = 0;
            for (int row = 0; row < n - age; row++)
            {
                revenue += Revenue[(row * n) + age];
                first += Revenue[row * n];
            }

            curve[age] = first == 0 ? double.NaN : revenue / first;
        }

        return curve;
    }

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

    /// <summary>
    /// Merges two tables built from disjoint sets of customers over the same observation window: counts and revenue
    /// add cell by cell; the cohort range is the union. The empty table (<c>default</c>) is the identity.
    /// </summary>
    /// <param name="left">One table.</param>
    /// <param name="right">The other.</param>
    /// <returns>The merged table (a new allocation of the merged table's size).</returns>
    /// <exception cref="ArgumentException">Both are non-empty and their <see cref="ObservedThrough"/> differ (a cell
    /// unobserved in one would silently count as zero).</exception>
    public static CohortTable operator +(CohortTable left, CohortTable right)
    {
        if (left.IsEmpty)
        {
            return right;
        }

        if (right.IsEmpty)
        {
            return left;
        }

        if (left.ObservedThrough != right.ObservedThrough)
        {
            ThrowHelper.Argument(nameof(right), string.Create(CultureInfo.InvariantCulture,
                $"Cannot merge cohort tables observed through {left.ObservedThrough} and {right.ObservedThrough}; the observation windows must end in the same period."));
        }

        int first = Math.Min(left.FirstCohort, right.FirstCohort);
        int n = left.ObservedThrough - first + 1;
        var sizes = new long[n];
        var active = new long[n * n];
        var revenue = new double[n * n];
        foreach (CohortTable table in (ReadOnlySpan<CohortTable>)[left, right])
        {
            int m = table.CohortCount, shift = table.FirstCohort - first;
            for (int row = 0; row < m; row++)
            {
                sizes[row + shift] = checked(sizes[row + shift] + table.CohortSizes[row]);
                for (int age = 0; age < m; age++)
                {
                    int cell = ((row + shift) * n) + age;
                    active[cell] = checked(active[cell] + table.ActiveCustomers[(row * m) + age]);
                    revenue[cell] += table.Revenue[(row * m) + age];
                }
            }
        }

        return new CohortTable(first, left.ObservedThrough, ImmutableCollectionsMarshal.AsImmutableArray(sizes),
            ImmutableCollectionsMarshal.AsImmutableArray(active), ImmutableCollectionsMarshal.AsImmutableArray(revenue));
    }

    /// <summary>Whether two tables have the same window and the same cells (contents, not references).</summary>
    /// <param name="other">The other table.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(CohortTable other) =>
        FirstCohort == other.FirstCohort && ObservedThrough == other.ObservedThrough
        && CohortSizes.AsSpan().SequenceEqual(other.CohortSizes.AsSpan())
        && ActiveCustomers.AsSpan().SequenceEqual(other.ActiveCustomers.AsSpan())
        && Revenue.AsSpan().SequenceEqual(other.Revenue.AsSpan());

    /// <summary>A hash of the window and the cohort sizes.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(FirstCohort);
        hash.Add(ObservedThrough);
        foreach (long size in CohortSizes)
        {
            hash.Add(size);
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// The logo retention table as text for notebooks: one row per cohort (period, customers, retention by age in %),
    /// then the size-weighted average; at most 24 ages are shown. Invariant culture.
    /// </summary>
    /// <returns>The table as text.</returns>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "CohortTable (empty)";
        }

        const int MaxAges = 24;
        int n = CohortCount, ages = Math.Min(n, MaxAges);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"Logo retention by cohort, periods {FirstCohort}..{ObservedThrough}, {Customers} customers").AppendLine();
        s.Append("cohort  customers");
        for (int age = 0; age < ages; age++)
        {
            s.Append(CultureInfo.InvariantCulture, $"{"+" + age.ToString(CultureInfo.InvariantCulture),7}");
        }

        s.AppendLine(n > MaxAges ? "  …" : "");
        for (int row = 0; row < n; row++)
        {
            int cohort = FirstCohort + row;
            s.Append(CultureInfo.InvariantCulture, $"{cohort,6}  {CohortSizes[row],9}");
            for (int age = 0; age <= Math.Min(ages - 1, n - 1 - row); age++)
            {
                s.Append(Percent(LogoRetention(cohort, age)));
            }

            s.AppendLine();
        }

        s.Append("average ");
        s.Append(' ', 9);
        double[] average = AverageLogoRetentionCurve();
        for (int age = 0; age < ages; age++)
        {
            s.Append(Percent(average[age]));
        }

        return s.ToString();
    }

    private static string Percent(double fraction) =>
        double.IsNaN(fraction) ? "      -" : string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,6:0.0}%");

    private int CohortRow(int cohort)
    {
        if (cohort < FirstCohort || cohort > FirstCohort + CohortCount - 1 || IsEmpty)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(cohort), cohort,
                IsEmpty ? "none: the table is empty" : string.Create(CultureInfo.InvariantCulture, $"cohort periods {FirstCohort} to {ObservedThrough}"));
        }

        return cohort - FirstCohort;
    }

    private int Cell(int cohort, int age)
    {
        int row = CohortRow(cohort);
        int lastAge = ObservedThrough - cohort;
        if (age < 0 || age > lastAge)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(age), age,
                string.Create(CultureInfo.InvariantCulture, $"ages 0 to {lastAge} (cohort {cohort} is observed through {ObservedThrough})"));
        }

        return (row * CohortCount) + age;
    }
}
