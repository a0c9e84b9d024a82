using Xunit.Abstractions;
using Orleans.TestingHost;

namespace CustomerMetrics.ScaleOut.Tests;

/// <summary>
/// A silo that stops takes the partitions it hosted with it (the grains keep their data in memory only). The run must
/// then either reload and recompute them (the result still equals the single-process one) or fail naming the partition;
/// it must never merge what is left.
/// </summary>
[Collection("Orleans")]
public sealed class SiloFailureTests(DataFixture data, ITestOutputHelper output) : IClassFixture<DataFixture>
{
    [Fact]
    public async Task A_stopped_silo_fails_a_run_without_retries_and_is_recovered_by_a_run_with_retries()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using InProcessTestCluster cluster = await ClusterFixture.StartAsync(4, TimeSpan.FromSeconds(5));
        output.WriteLine($"{clock.Elapsed}: cluster up");
        InProcessSiloHandle primary = cluster.Silos[0];
        const int partitions = 12;

        // Without retries: the partitions of the stopped silo come back empty (re-activated elsewhere) or fail.
        var strict = new ScaleOutCoordinator(cluster.Client) { MaxAttempts = 1 };
        await strict.LoadAsync(DemoData.Split(data.All, partitions, seed: 5));
        InProcessSiloHandle first = HostOfSomePartition(cluster, await strict.HostsAsync(), primary);
        output.WriteLine($"{clock.Elapsed}: strict coordinator loaded");
        await cluster.StopSiloAsync(first);
        output.WriteLine($"{clock.Elapsed}: first silo stopped");

        PartitionFailedException failure = await Assert.ThrowsAsync<PartitionFailedException>(() => strict.RunAsync(data.Request));
        Assert.InRange(failure.Partition, 0, partitions - 1);
        output.WriteLine($"{clock.Elapsed}: strict run failed: {failure.Message}");

        // With retries: load afresh, then stop another silo while the run is in flight.
        var tolerant = new ScaleOutCoordinator(cluster.Client) { MaxAttempts = 6 };
        await tolerant.LoadAsync(DemoData.Split(data.All, partitions, seed: 6));
        InProcessSiloHandle second = HostOfSomePartition(cluster, await tolerant.HostsAsync(), primary);
        Task<ScaleOutReport> run = tolerant.RunAsync(data.Request);
        await cluster.StopSiloAsync(second);
        output.WriteLine($"{clock.Elapsed}: second silo stopped");
        ScaleOutReport during = await run;
        int reloadsDuring = tolerant.Reloads;
        output.WriteLine($"{clock.Elapsed}: run during the stop done, {reloadsDuring} reload(s)");

        // The in-flight run may have been answered before the silo went; the next one must find the lost partitions.
        ScaleOutReport after = await tolerant.RunAsync(data.Request);
        output.WriteLine($"{clock.Elapsed}: run after the stop done, {tolerant.Reloads} reload(s)");

        Assert.True(reloadsDuring + tolerant.Reloads > 0, "the partitions of the stopped silo were reloaded");
        Assert.DoesNotContain(second.SiloAddress.ToString(), tolerant.Silos);
        Assert.Empty(ReportComparison.Compare(data.Single, during).Differences);
        Assert.Empty(ReportComparison.Compare(data.Single, after).Differences);
    }

    private static InProcessSiloHandle HostOfSomePartition(InProcessTestCluster cluster, IReadOnlyList<string> hosts, InProcessSiloHandle primary) =>
        cluster.Silos.First(s => s != primary && hosts.Contains(s.SiloAddress.ToString()));
}
