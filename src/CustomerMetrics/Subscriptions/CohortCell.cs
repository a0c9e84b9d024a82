using System.Globalization;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// One observed cell of a <see cref="CohortTable"/> in long ("tidy") form, for display, LINQ and charts: the cohort,
/// the age, the cohort's size, the active customers and revenue at that age, and both retentions. In a notebook,
/// <c>table.Cells.ToTabularDataResource()</c> shows them as a column table.
/// </summary>
/// <remarks>Made only by <see cref="CohortTable.Cells"/>; the values are those of the table's accessors.</remarks>
public readonly record struct CohortCell
{
    internal CohortCell(int cohort, int age, long cohortSize, long active, double revenue, double logoRetention, double revenueRetention)
    {
        Cohort = cohort;
        Age = age;
        CohortSize = cohortSize;
        Active = active;
        Revenue = revenue;
        LogoRetention = logoRetention;
        RevenueRetention = revenueRetention;
    }

    /// <summary>The cohort: the period index (in the table's period unit) in which its customers joined.</summary>
    public int Cohort { get; }

    /// <summary>Periods since joining, 0 to the cohort's last observed age.</summary>
    public int Age { get; }

    /// <summary>Customers who joined in <see cref="Cohort"/> (<see cref="CohortTable.CohortSize"/>).</summary>
    public long CohortSize { get; }

    /// <summary>Customers of the cohort active at <see cref="Age"/> (<see cref="CohortTable.Active"/>).</summary>
    public long Active { get; }

    /// <summary>Revenue of the cohort at <see cref="Age"/>, in the input's money (<see cref="CohortTable.RevenueAt"/>).</summary>
    public double Revenue { get; }

    /// <summary>Active ÷ cohort size, a fraction; NaN for an empty cohort (<see cref="CohortTable.LogoRetention"/>).</summary>
    public double LogoRetention { get; }

    /// <summary>Revenue ÷ the cohort's age-0 revenue, a fraction; NaN when that is 0 (<see cref="CohortTable.RevenueRetention"/>).</summary>
    public double RevenueRetention { get; }

    /// <summary>One line, culture-invariant, e.g. <c>cohort 3 +2: 8/10 active (80.0%), revenue 120</c>.</summary>
    /// <returns>The cell as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cohort {Cohort} +{Age}: {Active}/{CohortSize} active ({LogoRetention * 100:0.0}%), revenue {Revenue:0.##}");
}
