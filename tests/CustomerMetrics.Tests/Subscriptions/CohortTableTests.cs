using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions;

public class CohortTableTests
{
    internal readonly record struct Record(long Customer, int Cohort, int Active, double Revenue);

    /// <summary>Customers sorted by id, each active from its cohort for a run of periods (no reactivation unless asked),
    /// with some duplicate records in the same period. Revenue multiples of 0.5: sums are exact in any order.</summary>
    internal static Record[] Generate(int seed, int customers, int first, int last, bool reactivations)
    {
        var random = new Random(seed);
        var records = new List<Record>();
        long id = random.Next(-5, 5);
        for (int k = 0; k < customers; k++)
        {
            id += random.Next(1, 4);
            int cohort = random.Next(first, last + 1);
            int stop = random.Next(cohort, last + 1);
            for (int period = cohort; period <= stop; period++)
            {
                if (reactivations && period > cohort && random.Next(3) == 0)
                {
                    continue;
                }

                int copies = random.Next(5) == 0 ? 2 : 1;
                for (int copy = 0; copy < copies; copy++)
                {
                    records.Add(new Record(id, cohort, period, random.Next(0, 200) / 2.0));
                }
            }
        }

        return [.. records];
    }

    internal static CohortTable Build(Record[] records, int observedThrough, bool withRevenue = true) =>
        CohortTable.Build(
            records.Select(r => r.Customer).ToArray(), records.Select(r => r.Cohort).ToArray(),
            records.Select(r => r.Active).ToArray(), withRevenue ? records.Select(r => r.Revenue).ToArray() : [], observedThrough);

    [Fact]
    public void Small_example_by_hand()
    {
        // Cohort 1: customers 1, 2, 3; cohort 2: customers 4, 5. Observed through period 3.
        long[] customers = [1, 1, 1, 2, 2, 3, 4, 4, 4, 5];
        int[] cohorts = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2];
        int[] active = [1, 2, 3, 1, 2, 1, 2, 2, 3, 2];
        double[] revenue = [10, 10, 12, 20, 20, 30, 5, 5, 10, 10];
        CohortTable table = CohortTable.Build(customers, cohorts, active, revenue, 3);
        Assert.Equal(1, table.FirstCohort);
        Assert.Equal(3, table.CohortCount);
        Assert.Equal(3, table.CohortSize(1));
        Assert.Equal(2, table.CohortSize(2));
        Assert.Equal(0, table.CohortSize(3));
        Assert.Equal([1.0, 2.0 / 3, 1.0 / 3], table.LogoRetentionCurve(1));
        Assert.Equal([1.0, 0.5], table.LogoRetentionCurve(2)); // customer 4's two records in period 2 count once
        Assert.Equal([1.0, 30.0 / 60, 12.0 / 60], table.RevenueRetentionCurve(1));
        Assert.Equal([1.0, 0.5], table.RevenueRetentionCurve(2));
        Assert.Equal(20, table.RevenueAt(2, 0));
        // Size-weighted average: age 0 (3 + 2) / 5, age 1 (2 + 1) / 5, age 2 only cohort 1 (1 / 3).
        Assert.Equal([1.0, 0.6, 1.0 / 3], table.AverageLogoRetentionCurve());
        Assert.Equal([1.0, 40.0 / 80, 12.0 / 60], table.AverageRevenueRetentionCurve());
        Assert.True(double.IsNaN(table.LogoRetention(3, 0))); // empty cohort: NaN, not 0
        Assert.True(double.IsNaN(table.RevenueRetention(3, 0)));
        Assert.Equal("age", Assert.Throws<ArgumentOutOfRangeException>(() => table.Active(2, 2)).ParamName); // unobserved
        Assert.Equal("cohort", Assert.Throws<ArgumentOutOfRangeException>(() => table.CohortSize(0)).ParamName);
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool Matches_an_independent_linq_computation(int seed, byte rawCustomers)
    {
        Record[] records = Generate(seed, rawCustomers, 3, 14, reactivations: true);
        CohortTable table = Build(records, 15);
        if (records.Length == 0)
        {
            return table.IsEmpty && table == default;
        }

        int first = records.Min(r => r.Cohort);
        var cells = records.GroupBy(r => (r.Cohort, Age: r.Active - r.Cohort))
            .ToDictionary(g => g.Key, g => (Active: g.Select(r => r.Customer).Distinct().LongCount(), Revenue: g.Sum(r => r.Revenue)));
        var sizes = records.GroupBy(r => r.Cohort).ToDictionary(g => g.Key, g => g.Select(r => r.Customer).Distinct().LongCount());
        for (int cohort = first; cohort <= 15; cohort++)
        {
            if (table.CohortSize(cohort) != sizes.GetValueOrDefault(cohort))
            {
                return false;
            }

            for (int age = 0; age <= 15 - cohort; age++)
            {
                var expected = cells.GetValueOrDefault((cohort, age));
                if (table.Active(cohort, age) != expected.Active || table.RevenueAt(cohort, age) != expected.Revenue)
                {
                    return false;
                }
            }
        }

        return table.FirstCohort == first && table.Customers == records.Select(r => r.Customer).Distinct().Count();
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool Logo_curves_start_at_one_and_never_rise_without_reactivation(int seed, byte rawCustomers)
    {
        Record[] records = Generate(seed, rawCustomers + 1, 0, 11, reactivations: false);
        CohortTable table = Build(records, 11);
        for (int cohort = table.FirstCohort; cohort <= table.ObservedThrough; cohort++)
        {
            if (table.CohortSize(cohort) == 0)
            {
                continue;
            }

            double[] curve = table.LogoRetentionCurve(cohort);
            if (curve[0] != 1 || curve.Zip(curve.Skip(1)).Any(pair => pair.Second > pair.First) || table.RevenueRetentionCurve(cohort).Length != curve.Length)
            {
                return false;
            }
        }

        return table.AverageLogoRetentionCurve()[0] == 1;
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool Tables_of_disjoint_customers_merge_to_the_whole(int seed, byte rawCustomers, byte rawSplit)
    {
        Record[] records = Generate(seed, rawCustomers, 2, 9, reactivations: true);
        int split = records.Length == 0 ? 0 : rawSplit % records.Length;
        while (split > 0 && split < records.Length && records[split].Customer == records[split - 1].Customer)
        {
            split++;
        }

        CohortTable whole = Build(records, 10), a = Build(records[..split], 10), b = Build(records[split..], 10);
        return a + b == whole && b + a == whole && whole + default(CohortTable) == whole && default(CohortTable) + whole == whole
            && (a + b).GetHashCode() == whole.GetHashCode();
    }

    [Fact]
    public void Merging_tables_with_different_windows_throws()
    {
        Record[] records = Generate(1, 20, 0, 5, reactivations: false);
        var e = Assert.Throws<ArgumentException>(() => Build(records, 5) + Build(records, 6));
        Assert.Contains("observed through 5 and 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_revenue_the_revenue_retention_is_nan()
    {
        Record[] records = Generate(2, 30, 0, 5, reactivations: false);
        CohortTable table = Build(records, 5, withRevenue: false);
        Assert.All(table.Revenue, value => Assert.Equal(0, value));
        Assert.All(table.AverageRevenueRetentionCurve(), value => Assert.True(double.IsNaN(value)));
        Assert.Equal(1, table.AverageLogoRetentionCurve()[0]);
    }

    [Fact]
    public void Bad_records_name_span_index_and_value()
    {
        static ArgumentOutOfRangeException Bad(long[] c, int[] k, int[] a, double[] r, int through = 10) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => CohortTable.Build(c, k, a, r, through));

        var e = Bad([1, 3, 2], [0, 0, 0], [0, 0, 0], []);
        Assert.Equal("customers", e.ParamName);
        Assert.Contains("customers[2] is 2", e.Message, StringComparison.Ordinal);
        e = Bad([1, 1, 1], [0, 0, 0], [0, 2, 1], []);
        Assert.Equal("activePeriods", e.ParamName);
        Assert.Contains("activePeriods[2] is 1", e.Message, StringComparison.Ordinal);
        Assert.Equal("cohortPeriods", Bad([1, 1], [0, 1], [1, 1], []).ParamName);
        Assert.Equal("activePeriods", Bad([1], [3], [2], []).ParamName);
        Assert.Equal("activePeriods", Bad([1], [3], [11], []).ParamName);
        Assert.Equal("cohortPeriods", Bad([1], [11], [11], []).ParamName);
        Assert.Equal("activePeriods", Bad([1, 2], [1, 11], [1, 11], []).ParamName);
        e = Bad([1, 2], [0, 0], [0, 0], [1, double.NaN]);
        Assert.Equal("revenue", e.ParamName);
        Assert.Contains("revenue[1] is NaN", e.Message, StringComparison.Ordinal);
        Assert.Equal("revenue", Bad([1, 2], [0, 0], [0, 0], [-1, 1]).ParamName);
        Assert.Throws<ArgumentException>(() => CohortTable.Build([1, 2], [0], [0, 0], 10));
        Assert.Throws<ArgumentException>(() => CohortTable.Build([1, 2], [0, 0], [0, 0], [1.0], 10));
        var tooWide = Assert.Throws<ArgumentException>(() => CohortTable.Build([1], [0], [0], CohortTable.MaxPeriods));
        Assert.Contains("spans 2049 periods", tooWide.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_is_the_empty_table()
    {
        CohortTable table = CohortTable.Build([], [], [], 10);
        Assert.True(table.IsEmpty);
        Assert.Equal(default, table);
        Assert.Empty(table.AverageLogoRetentionCurve());
        Assert.Equal("CohortTable (empty)", default(CohortTable).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => default(CohortTable).CohortSize(0));
    }

    [Fact]
    public void Json_round_trip_and_readable_text()
    {
        CohortTable table = Build(Generate(3, 50, 0, 4, reactivations: true), 4);
        string json = JsonSerializer.Serialize(table, CustomerMetricsJsonContext.Default.CohortTable);
        Assert.Equal(table, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.CohortTable));
        Assert.Equal(default, JsonSerializer.Deserialize(JsonSerializer.Serialize(default(CohortTable), CustomerMetricsJsonContext.Default.CohortTable), CustomerMetricsJsonContext.Default.CohortTable));
        Assert.Equal($"CohortTable: {table.CohortCount} cohorts, periods {table.FirstCohort}..{table.ObservedThrough}, {table.Customers} customers", table.ToString());
        string text = table.ToText();
        Assert.Contains("cohort  customers     +0     +1", text, StringComparison.Ordinal);
        Assert.Contains("100.0%", text, StringComparison.Ordinal);
        Assert.StartsWith("average", text.Split('\n')[^1], StringComparison.Ordinal);
    }
}
