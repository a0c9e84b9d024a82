using CustomerMetrics.Subscriptions;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Subscriptions;

/// <summary>
/// <see cref="CohortTable.Cells"/> (the table a notebook renders) against counts made here from the records, and the
/// text form with real line breaks.
/// </summary>
public class CohortTableDisplayTests
{
    private const int Through = 9;

    /// <summary>Records sorted by customer then period: each customer joins at a drawn cohort and is active in a drawn subset of later periods.</summary>
    private static (long[] Customers, int[] Cohorts, int[] Active, double[] Revenue) Records(int[] draws)
    {
        List<(long, int, int, double)> records = [];
        for (int c = 0; c < draws.Length; c++)
        {
            int cohort = Math.Abs(draws[c] % 6);
            uint mask = (uint)draws[c] | 1u;
            for (int age = 0; cohort + age <= Through; age++)
            {
                if ((mask >> age & 1) == 1)
                {
                    records.Add((c, cohort, cohort + age, 10 + age + (c % 3)));
                }
            }
        }

        return ([.. records.Select(r => r.Item1)], [.. records.Select(r => r.Item2)], [.. records.Select(r => r.Item3)], [.. records.Select(r => r.Item4)]);
    }

    [Property(MaxTest = 60)]
    public void Cells_equal_the_records_counted_by_cohort_and_age(int[] draws)
    {
        (long[] customers, int[] cohorts, int[] active, double[] revenue) = Records(draws);
        CohortTable table = CohortTable.Build(customers, cohorts, active, revenue, Through);
        var cells = table.Cells;

        if (customers.Length == 0)
        {
            Assert.Empty(cells);
            return;
        }

        int first = cohorts.Min(), n = Through - first + 1;
        Assert.Equal(n * (n + 1) / 2, cells.Length);
        Assert.Equal(customers.Distinct().Count(), cells.Where(c => c.Age == 0).Sum(c => c.CohortSize));
        var records = customers.Select((c, i) => (Customer: c, Cohort: cohorts[i], Age: active[i] - cohorts[i], Revenue: revenue[i])).ToList();
        int k = 0;
        for (int cohort = first; cohort <= Through; cohort++)
        {
            long size = records.Where(r => r.Cohort == cohort).Select(r => r.Customer).Distinct().Count();
            double firstRevenue = records.Where(r => r.Cohort == cohort && r.Age == 0).Sum(r => r.Revenue);
            for (int age = 0; cohort + age <= Through; age++, k++)
            {
                CohortCell cell = cells[k];
                long activeCount = records.Where(r => r.Cohort == cohort && r.Age == age).Select(r => r.Customer).Distinct().Count();
                double cellRevenue = records.Where(r => r.Cohort == cohort && r.Age == age).Sum(r => r.Revenue);
                Assert.Equal((cohort, age, size, activeCount), (cell.Cohort, cell.Age, cell.CohortSize, cell.Active));
                Assert.Equal(cellRevenue, cell.Revenue, 9);
                Assert.Equal(size == 0 ? double.NaN : (double)activeCount / size, cell.LogoRetention, 12);
                Assert.Equal(firstRevenue == 0 ? double.NaN : cellRevenue / firstRevenue, cell.RevenueRetention, 12);
            }
        }
    }

    [Property(MaxTest = 40)]
    public void Text_has_real_line_breaks_one_line_per_cohort_plus_header_and_average(int[] draws)
    {
        (long[] customers, int[] cohorts, int[] active, double[] revenue) = Records(draws);
        CohortTable table = CohortTable.Build(customers, cohorts, active, revenue, Through);
        string text = table.ToText();
        Assert.DoesNotContain('\n', table.ToString());

        Assert.DoesNotContain("\\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        string[] lines = text.Split('\n');
        Assert.Equal(table.IsEmpty ? 1 : table.CohortCount + 3, lines.Length);
    }

    [Fact]
    public void Cells_are_not_serialized_and_the_empty_table_has_none()
    {
        Assert.Empty(default(CohortTable).Cells);
        CohortTable table = CohortTable.Build([1L, 1, 2], [0, 0, 1], [0, 1, 1], [5.0, 6, 7], 1);
        string json = System.Text.Json.JsonSerializer.Serialize(table, CustomerMetrics.Serialization.CustomerMetricsJsonContext.Default.CohortTable);
        Assert.DoesNotContain("ells", json, StringComparison.Ordinal);
        Assert.Equal(3, table.Cells.Length);
    }
}
