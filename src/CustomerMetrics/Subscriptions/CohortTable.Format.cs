using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

public readonly partial record struct CohortTable
{
    /// <summary>The named form of <c>+</c>: merges two tables of disjoint customers over the same window.</summary>
    /// <param name="left">One table.</param>
    /// <param name="right">The other.</param>
    /// <returns>The merged table.</returns>
    /// <exception cref="ArgumentException">Both are non-empty and their <see cref="ObservedThrough"/> differ.</exception>
    public static CohortTable Add(CohortTable left, CohortTable right) => left + right;

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

    /// <summary>One line: the retention window and the customers, e.g. <c>CohortTable: 24 cohorts, periods 24288..24311, 360 customers</c>.</summary>
    /// <remarks>
    /// One line on purpose: a .NET Interactive notebook shows an object's <see cref="ToString"/> as the one-line summary
    /// of its default view, where line breaks appear escaped as a literal <c>\n</c> (seen with the kernel 1.0.712001).
    /// The grid is <see cref="ToText"/>; <see cref="Cells"/> lists the cells (in a notebook,
    /// <c>table.Cells.ToTabularDataResource()</c> shows them as a column table).
    /// </remarks>
    /// <returns>The summary line; <c>CohortTable (empty)</c> for an empty table.</returns>
    public override string ToString() => IsEmpty
        ? "CohortTable (empty)"
        : string.Create(CultureInfo.InvariantCulture, $"CohortTable: {CohortCount} cohorts, periods {FirstCohort}..{ObservedThrough}, {Customers} customers");

    /// <summary>
    /// The logo retention table as text: a header line, one row per cohort (period, customers, retention by age in %),
    /// then the size-weighted average; at most 24 ages are shown. Invariant culture. Print it
    /// (<c>Console.WriteLine(table.ToText())</c>).
    /// </summary>
    /// <remarks>Lines end in a single <c>'\n'</c> on every platform (not <see cref="Environment.NewLine"/>).</remarks>
    /// <returns>The table as text; <c>CohortTable (empty)</c> for an empty table.</returns>
    public string ToText()
    {
        if (IsEmpty)
        {
            return "CohortTable (empty)";
        }

        const int MaxAges = 24;
        int n = CohortCount, ages = Math.Min(n, MaxAges);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"Logo retention by cohort, periods {FirstCohort}..{ObservedThrough}, {Customers} customers").Append('\n');
        s.Append("cohort  customers");
        for (int age = 0; age < ages; age++)
        {
            s.Append(CultureInfo.InvariantCulture, $"{"+" + age.ToString(CultureInfo.InvariantCulture),7}");
        }

        s.Append(n > MaxAges ? "  …\n" : "\n");
        for (int row = 0; row < n; row++)
        {
            int cohort = FirstCohort + row;
            s.Append(CultureInfo.InvariantCulture, $"{cohort,6}  {CohortSizes[row],9}");
            for (int age = 0; age <= Math.Min(ages - 1, n - 1 - row); age++)
            {
                s.Append(Percent(LogoRetention(cohort, age)));
            }

            s.Append('\n');
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
}
