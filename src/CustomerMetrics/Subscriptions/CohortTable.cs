using System.Collections.Immutable;
using System.Globalization;
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
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
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
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or exceeds its cohort's size, a cell after the observation end is not 0, a revenue is negative or not finite, or positive where no customer is active (each names the member, index and value).</exception>
    /// <exception cref="OverflowException">The cohort sizes sum past <see cref="long.MaxValue"/>.</exception>
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

        long customers = 0;
        for (int i = 0; i < cells; i++)
        {
            int row = i / cohorts, age = i % cohorts;
            bool observed = age <= cohorts - 1 - row;
            long size = cohortSizes[row];
            customers = checked(customers + (age == 0 ? size : 0));
            if (activeCustomers[i] < 0 || activeCustomers[i] > (observed ? size : 0))
            {
                // At most the cohort's size; zero at ages after the observation end.
                ThrowHelper.ValueOutOfRange(nameof(activeCustomers), i, activeCustomers[i], 0, observed ? size : 0);
            }

            if (!(revenue[i] >= 0 && revenue[i] < double.PositiveInfinity) || (revenue[i] > 0 && activeCustomers[i] == 0))
            {
                ThrowHelper.ValueOutOfRange(nameof(revenue), i, revenue[i],
                    activeCustomers[i] == 0 ? "0 (no customer is active in this cell)" : "finite amounts ≥ 0");
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

    /// <summary>
    /// The observed cells in long form, cohort by cohort and age by age (<c>n(n+1)/2</c> cells for <c>n</c> cohorts;
    /// none for an empty table), for display: a .NET Interactive notebook lists them row by row (the first <c>Formatter.ListExpansionLimit</c>,
    /// 20 by default); <c>table.Cells.ToTabularDataResource()</c> shows a column table. Built on each call (memory linear in cells); not serialized.
    /// </summary>
    [JsonIgnore]
    public ImmutableArray<CohortCell> Cells
    {
        get
        {
            int n = CohortCount;
            var cells = ImmutableArray.CreateBuilder<CohortCell>(n * (n + 1) / 2);
            for (int row = 0; row < n; row++)
            {
                int cohort = FirstCohort + row;
                for (int age = 0; age < n - row; age++)
                {
                    cells.Add(new CohortCell(cohort, age, CohortSizes[row], Active(cohort, age), RevenueAt(cohort, age),
                        LogoRetention(cohort, age), RevenueRetention(cohort, age)));
                }
            }

            return cells.MoveToImmutable();
        }
    }

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
                total = checked(total + size);
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
