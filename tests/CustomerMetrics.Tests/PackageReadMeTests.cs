using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests;

/// <summary>The examples of the package README (<c>src/CustomerMetrics/PACKAGE.md</c>, packed as the package's README.md).</summary>
public class PackageReadMeTests
{
    private static string PackageReadMe() =>
        File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "src", "CustomerMetrics", "PACKAGE.md")).ReplaceLineEndings("\n");

    [Fact]
    public void Nps_example()
    {
        // README package nps begin
        byte[] scores = [10, 9, 9, 8, 7, 6, 3, 10, 9, 0];        // answers 0–10
        NpsResult nps = Nps.Calculate(scores);                      // 5 promoters, 3 detractors: NPS 20
        Console.WriteLine($"NPS {nps.Score:0} points, 95 % CI {nps.Interval(0.95)}");
        // README package nps end

        Assert.Equal(100.0 * (5 - 3) / 10, nps.Score, 12);
        Assert.Contains(ReadMeTests.Snippet("README package nps"), PackageReadMe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mrr_example()
    {
        // README package mrr begin
        decimal[] lastMonth = [100, 50, 0, 80];
        decimal[] thisMonth = [120, 0, 40, 60];
        MrrMovements<decimal> m = MrrMovements.Between(lastMonth, thisMonth);
        Console.WriteLine($"gross MRR churn {m.GrossMrrChurn:P1}, net {m.NetMrrChurn:P1}, NRR {m.NetRevenueRetention:P1}");
        // README package mrr end

        // Start 230; churned 50, contraction 20, expansion 20, new 40.
        Assert.Equal(70.0 / 230, m.GrossMrrChurn, 12);
        Assert.Equal(50.0 / 230, m.NetMrrChurn, 12);
        Assert.Equal(180.0 / 230, m.NetRevenueRetention, 12);
        Assert.Contains(ReadMeTests.Snippet("README package mrr"), PackageReadMe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_example()
    {
        // README package rfm begin
        int[] customer = [1, 1, 1, 2];
        DateOnly[] date = [new(2025, 1, 6), new(2025, 1, 20), new(2025, 2, 3), new(2025, 2, 10)];
        double[] amount = [10, 20, 30, 40];
        RfmSummary rfm = Rfm.Summarize(customer, date, amount, new DateOnly(2025, 6, 30), RfmOptions.Weeks);
        RfmScores scores = Rfm.Score(rfm);                          // quintile scores and named segments
        Console.WriteLine(rfm);
        // README package rfm end

        Assert.Equal(2, rfm.Count);
        Assert.Equal(2, scores.Count);
        Assert.Equal(2.0, rfm.Frequency[0]);                        // three purchase weeks − 1
        Assert.Equal(4.0, rfm.Recency[0], 12);                      // 28 days
        Assert.Equal((new DateOnly(2025, 6, 30).DayNumber - new DateOnly(2025, 1, 6).DayNumber) / 7.0, rfm.T[0], 12);
        Assert.Equal(25.0, rfm.MonetaryValue[0], 12);
        Assert.Contains(ReadMeTests.Snippet("README package rfm"), PackageReadMe(), StringComparison.Ordinal);
    }
}
