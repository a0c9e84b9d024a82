using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;

namespace CustomerMetrics.ScaleOut.Tests;

[Collection("Orleans")]
public sealed class DistributedEqualityTests(ThreeSiloCluster cluster, DataFixture data) : IClassFixture<ThreeSiloCluster>, IClassFixture<DataFixture>
{
    [Theory]
    [InlineData(5, 11)]
    [InlineData(8, 12)]
    [InlineData(13, 13)]
    public async Task Three_silos_equal_one_process_for_a_seeded_random_partitioning(int partitions, int seed)
    {
        var coordinator = new ScaleOutCoordinator(cluster.Cluster.Client);
        await coordinator.LoadAsync(DemoData.Split(data.All, partitions, seed));

        ScaleOutReport distributed = await coordinator.RunAsync(data.Request);

        (List<string> differences, double maxRelative) = ReportComparison.Compare(data.Single, distributed);
        Assert.Empty(differences);
        Assert.True(maxRelative <= 1e-9, $"largest relative difference {maxRelative:E2}");
        Assert.Equal(0, coordinator.Reloads);
        Assert.True(coordinator.Silos.Distinct().Count() > 1, "the partitions should be spread over several silos");
    }

    [Fact]
    public async Task Modulo_partitioning_equals_one_process_and_the_sums_are_not_trivial()
    {
        var coordinator = new ScaleOutCoordinator(cluster.Cluster.Client);
        await coordinator.LoadAsync(DemoData.Split(data.All, 4));

        ScaleOutReport distributed = await coordinator.RunAsync(data.Request);

        Assert.Empty(ReportComparison.Compare(data.Single, distributed).Differences);
        // The comparison would be vacuous on empty results: the data exercise every part.
        NpsResult nps = default;
        foreach (NpsResult cell in distributed.Nps)
        {
            nps += cell;
        }

        Assert.Equal(data.All.Surveys.Count, nps.Count);
        Assert.Equal(DataFixture.Customers, distributed.LedgerCustomers);
        LedgerPeriod last = distributed.Ledger[^1];
        Assert.True(last.Movements.EndingMrr > 0 && last.Movements.ChurnedCustomers + distributed.Ledger.Sum(p => p.Movements.ChurnedCustomers) > 0);
        Assert.True(distributed.Cohorts.CohortCount > 12);
        Assert.Equal(DataFixture.Customers, distributed.Rfm.Count);
        Assert.True(distributed.PurchaseTable.Length < distributed.Rfm.Count, "the compressed table is smaller than one row per customer");
        Assert.True(distributed.Purchases.FitInfo.Converged && distributed.Pareto.FitInfo.Converged && distributed.Spend.FitInfo.Converged);
    }

    [Fact]
    public async Task Merged_ledger_and_surveys_equal_exactly_including_every_segment()
    {
        var coordinator = new ScaleOutCoordinator(cluster.Cluster.Client);
        await coordinator.LoadAsync(DemoData.Split(data.All, 6, seed: 99));

        ScaleOutReport distributed = await coordinator.RunAsync(data.Request);

        Assert.Empty(ReportComparison.Compare(data.Single, distributed).Differences);

        // Record equality: every count and decimal sum of every period and segment, exactly.
        Assert.Equal(data.Single.Ledger, distributed.Ledger);
        Assert.Equal(data.Single.LedgerSegments.Keys, distributed.LedgerSegments.Keys);
        foreach ((string segment, LedgerPeriod[] periods) in data.Single.LedgerSegments)
        {
            Assert.Equal(periods, distributed.LedgerSegments[segment]);
        }

        Assert.Equal(data.Single.Nps, distributed.Nps);
        Assert.Equal(data.Single.Ces, distributed.Ces);
        Assert.Equal(data.Single.Csat, distributed.Csat);
        Assert.Equal(data.Single.Cohorts.CohortSizes.ToArray(), distributed.Cohorts.CohortSizes.ToArray());
        Assert.Equal(data.Single.Cohorts.ActiveCustomers.ToArray(), distributed.Cohorts.ActiveCustomers.ToArray());
    }
}

[CollectionDefinition("Orleans", DisableParallelization = true)]
public sealed class OrleansCollection;
