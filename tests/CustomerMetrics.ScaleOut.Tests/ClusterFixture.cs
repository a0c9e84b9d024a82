using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace CustomerMetrics.ScaleOut.Tests;

/// <summary>Builds in-process Orleans clusters (several silos in the test process) with the sample's serialization.</summary>
public static class ClusterFixture
{
    /// <summary>
    /// Starts a cluster of <paramref name="silos"/> silos. <paramref name="responseTimeout"/> is the client's wait for a
    /// grain call: short where a test stops a silo and wants the coordinator to notice, Orleans' default 30 s otherwise,
    /// so that a loaded test machine (the library's tests run beside these) does not turn a slow call into a reload.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(short silos, TimeSpan responseTimeout)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo.Services.AddSerializer(s => s.AddCustomerMetricsJson()));
        builder.ConfigureClient(client =>
        {
            client.Services.AddSerializer(s => s.AddCustomerMetricsJson());
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
        });
        InProcessTestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

/// <summary>The data set every test uses and its single-process report, computed once.</summary>
public sealed class DataFixture
{
    private static readonly Lazy<(PartitionData All, AnalysisRequest Request, ScaleOutReport Single)> Shared = new(() =>
    {
        PartitionData all = DemoData.Generate(Customers, seed: 7);
        AnalysisRequest request = DemoData.Request();
        return (all, request, SingleProcess.Run(all, request));
    });

    public const int Customers = 2500;

    public PartitionData All => Shared.Value.All;

    public AnalysisRequest Request => Shared.Value.Request;

    public ScaleOutReport Single => Shared.Value.Single;
}

/// <summary>A three-silo cluster shared by the tests of one class.</summary>
public sealed class ThreeSiloCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await ClusterFixture.StartAsync(3, TimeSpan.FromSeconds(30));

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
