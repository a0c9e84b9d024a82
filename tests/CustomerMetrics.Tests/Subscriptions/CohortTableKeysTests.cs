using CustomerMetrics.Subscriptions;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Subscriptions;

/// <summary>The keyed, any-order cohort build against the sorted long path on rows sorted and numbered here.</summary>
public class CohortTableKeysTests
{
    [Property(MaxTest = 80)]
    public void Keyed_unsorted_rows_build_the_table_of_the_sorted_rows(int[] draws, bool withRevenue)
    {
        const int ObservedThrough = 11;
        // Customer c joins in period c % 6 and is active in later periods up to ObservedThrough.
        var rows = draws.Select((d, i) =>
        {
            int customer = Math.Abs(d % 17), cohort = customer % 6;
            return (Key: $"k{customer}", Cohort: cohort, Active: cohort + Math.Abs((d + i) % (ObservedThrough - cohort + 1)), Revenue: Math.Abs(d % 50) + 0.5);
        }).ToArray();
        double[] revenue = withRevenue ? rows.Select(r => r.Revenue).ToArray() : [];
        var keyed = CohortTable.Build<string>(rows.Select(r => r.Key).ToArray(), rows.Select(r => r.Cohort).ToArray(),
            rows.Select(r => r.Active).ToArray(), revenue, ObservedThrough, null);

        var sorted = rows.Select((r, i) => (Id: long.Parse(r.Key[1..], System.Globalization.CultureInfo.InvariantCulture), r.Cohort, r.Active, r.Revenue))
            .OrderBy(r => r.Id).ThenBy(r => r.Active).ToArray();
        var expected = CohortTable.Build(sorted.Select(r => r.Id).ToArray(), sorted.Select(r => r.Cohort).ToArray(),
            sorted.Select(r => r.Active).ToArray(), withRevenue ? sorted.Select(r => r.Revenue).ToArray() : [], ObservedThrough);

        Assert.Equal(expected.FirstCohort, keyed.FirstCohort);
        Assert.Equal(expected.CohortSizes.ToArray(), keyed.CohortSizes.ToArray());
        Assert.Equal(expected.ActiveCustomers.ToArray(), keyed.ActiveCustomers.ToArray());
        Assert.Equal(expected.Revenue.Length, keyed.Revenue.Length);
        for (int i = 0; i < expected.Revenue.Length; i++)
        {
            Assert.Equal(expected.Revenue[i], keyed.Revenue[i], 9);
        }
    }

    [Fact]
    public void Int_and_guid_keys_build_too_and_empty_logs_give_the_empty_table()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var table = CohortTable.Build<Guid>([b, a, a], [1, 0, 0], [1, 1, 0], [], 1, null);
        Assert.Equal(2, table.Customers);
        var byInt = CohortTable.Build<int>([5, 3, 3], [1, 0, 0], [1, 1, 0], [], 1, null);
        Assert.Equal(byInt.ActiveCustomers.ToArray(), table.ActiveCustomers.ToArray());
        Assert.Equal([1L, 1L], table.CohortSizes.ToArray());
        Assert.True(CohortTable.Build<string>([], [], [], [], 3, null).IsEmpty);
    }

    [Fact]
    public void Bad_records_are_named_by_their_position_in_the_callers_order()
    {
        var active = Assert.Throws<ArgumentOutOfRangeException>(() => CohortTable.Build<string>(["a", "b", "a"], [2, 0, 2], [3, 1, 1], [], 5, null));
        Assert.Contains("activePeriods[2] is 1", active.Message, StringComparison.Ordinal);
        var cohort = Assert.Throws<ArgumentException>(() => CohortTable.Build<string>(["a", "b", "a"], [2, 0, 3], [3, 1, 4], [], 5, null));
        Assert.Contains("cohortPeriods[2] is 3 but cohortPeriods[0] is 2", cohort.Message, StringComparison.Ordinal);
        var revenue = Assert.Throws<ArgumentOutOfRangeException>(() => CohortTable.Build<string>(["a", "b"], [0, 0], [0, 0], [1, -2], 5, null));
        Assert.Contains("revenue[1]", revenue.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CohortTable.Build<string>(["a"], [0, 0], [0], [], 5, null));
    }
}
