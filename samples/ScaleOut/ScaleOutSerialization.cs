using System.Net;
using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;
using Orleans.Serialization;

namespace CustomerMetrics.ScaleOut;

/// <summary>
/// How the library's result types cross the wire: Orleans' System.Text.Json codec with the library's source-generated
/// context (<see cref="CustomerMetricsJson.Configure"/>), for every type of the library that the context registers.
/// The validating <c>[JsonConstructor]</c> of each result runs on arrival, so a silo never receives an impossible result.
/// The sample's own messages use Orleans' generated serializers (<c>[GenerateSerializer]</c>).
/// </summary>
public static class ScaleOutSerialization
{
    /// <summary>The silo-to-silo port of silo 0; silo k listens on this + k.</summary>
    public const int BaseSiloPort = 11111;

    /// <summary>The client gateway port of silo 0; silo k listens on this + k.</summary>
    public const int BaseGatewayPort = 30000;

    /// <summary>Whether a type goes through the JSON codec: a library type registered in the source-generated context.</summary>
    public static bool IsLibraryResult(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Assembly == typeof(NpsResult).Assembly && CustomerMetricsJsonContext.Default.GetTypeInfo(type) is not null;
    }

    /// <summary>Adds the JSON codec for the library's results.</summary>
    public static ISerializerBuilder AddCustomerMetricsJson(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(IsLibraryResult, CustomerMetricsJson.Configure(new JsonSerializerOptions()));

    /// <summary>A silo of the localhost cluster: ports offset by <paramref name="offset"/>; silo 0 is the primary.</summary>
    public static ISiloBuilder UseScaleOutLocalhost(this ISiloBuilder silo, int offset)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseLocalhostClustering(BaseSiloPort + offset, BaseGatewayPort + offset, new IPEndPoint(IPAddress.Loopback, BaseSiloPort));
        silo.Services.AddSerializer(s => s.AddCustomerMetricsJson());
        return silo;
    }

    /// <summary>A client of the localhost cluster, knowing the gateways of silos 0 to <paramref name="silos"/> − 1.</summary>
    public static IClientBuilder UseScaleOutLocalhost(this IClientBuilder client, int silos)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.UseLocalhostClustering([.. Enumerable.Range(0, silos).Select(k => BaseGatewayPort + k)]);
        client.Services.AddSerializer(s => s.AddCustomerMetricsJson());
        return client;
    }
}
