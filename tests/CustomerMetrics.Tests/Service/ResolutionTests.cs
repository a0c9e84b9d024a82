using CustomerMetrics.Service;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Service;

public class ResolutionTests
{
    private const long M = ServiceTimes.Missing;

    [Fact]
    public void A_hand_counted_example()
    {
        long[] resolved = [10, 20, M, 30, 40, 50, M, 60];
        int[] contacts = [1, 2, 1, 1, 3, 1, 2, 1];
        bool[] reopened = [false, false, false, true, false, false, true, false];
        ResolutionResult result = Resolution.Calculate(resolved, contacts, reopened);
        // Resolved: rows 0,1,3,4,5,7 = 6. First contact: 0,5,7 (row 3 reopened) = 3. Reopened among resolved: row 3 = 1.
        Assert.Equal((8L, 6L, 3L, 1L), (result.Tickets, result.Resolved, result.FirstContact, result.Reopened));
        Assert.Equal(0.75, result.ResolutionRate);
        Assert.Equal(0.5, result.FirstContactResolutionRate);
        Assert.Equal(3.0 / 8, result.FirstContactShareOfAll);
        Assert.Equal(1.0 / 6, result.ReopenRate);
        Assert.Equal(2, result.Unresolved);
        Assert.True(result.FirstContactInterval().Contains(0.5));
        Assert.True(result.ReopenInterval(0.9).Lower < 1.0 / 6);
        Assert.True(result.ResolutionInterval().Upper > 0.75);
        Assert.Contains("FCR 50.0 %", result.ToString(), StringComparison.Ordinal);
    }

    [Property(Arbitrary = [typeof(TicketArbitraries)], MaxTest = 100)]
    public void Groups_merge_to_the_ungrouped_result_and_backlogs_add_up(Tickets t)
    {
        var (created, responded, groups) = ServiceLevelTests.Valid(t);
        int[] contacts = created.Select((c, i) => 1 + (int)(c % 3)).ToArray();
        bool[] reopened = created.Select((c, i) => c % 7 == 0).ToArray();
        var perGroup = new ResolutionResult[5];
        Resolution.Calculate(responded, contacts, reopened, groups, perGroup);
        Assert.Equal(Resolution.Calculate(responded, contacts, reopened), perGroup.Aggregate(default(ResolutionResult), ResolutionResult.Add));

        long at = 500_000;
        var backlog = new long[5];
        Resolution.Backlog(created, responded, at, groups, backlog);
        long expected = created.Zip(responded).Count(p => p.First <= at && (p.Second == M || p.Second > at));
        Assert.Equal(expected, Resolution.Backlog(created, responded, at));
        Assert.Equal(expected, backlog.Sum());
    }

    [Fact]
    public void Backlog_counts_tickets_open_at_the_moment()
    {
        long[] created = [0, 5, 10, 15, 20];
        long[] resolved = [4, 12, M, 15, M];
        Assert.Equal(2, Resolution.Backlog(created, resolved, 10)); // rows 1 (until 12) and 2.
        Assert.Equal(1, Resolution.Backlog(created, resolved, 15)); // row 1 closed at 12, row 3 resolved at 15 is closed: only row 2.
        Assert.Equal(0, Resolution.Backlog(created, resolved, -1));
        Assert.Throws<ArgumentException>(() => Resolution.Backlog([10], [5], 20));
    }

    [Fact]
    public void Bad_input_and_impossible_results_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resolution.Calculate([1], [0], [false]));
        Assert.Throws<ArgumentException>(() => Resolution.Calculate([1, 2], [1], [false]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResolutionResult(5, 6, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResolutionResult(5, 4, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResolutionResult(-1, 0, 0, 0));
        Assert.True(double.IsNaN(default(ResolutionResult).FirstContactResolutionRate));
        Assert.Throws<InvalidOperationException>(() => default(ResolutionResult).ReopenInterval());
        Assert.Throws<OverflowException>(() => new ResolutionResult(long.MaxValue, 0, 0, 0) + new ResolutionResult(1, 0, 0, 0));
    }
}
