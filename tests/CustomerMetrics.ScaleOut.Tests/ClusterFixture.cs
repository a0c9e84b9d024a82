using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace CustomerMetrics.ScaleOut.Tests;

/// <summary>Builds in-process Orleans clusters (several silos in the test process) with the sample's serialization.</summary>
public static class ClusterFixture
{
    public static async Task<InProcessTestCluster> StartAsync(short silos)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo.Services.AddSerializer(s => s.AddCustomerMetricsJson()));
        builder.ConfigureClient(client =>
        {
            client.Services.AddSerializer(s => s.AddCustomerMetricsJson());
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
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

    public async Task InitializeAsync() => Cluster = await ClusterFixture.StartAsync(3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
