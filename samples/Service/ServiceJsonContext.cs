using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;

namespace CustomerMetrics.Service;

/// <summary>
/// Source-generated JSON metadata for the service's requests and answers (AOT-safe). <see cref="Configure"/> puts it in
/// front of the library's <see cref="CustomerMetricsJsonContext"/> in the host's resolver chain.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(NpsRequest))]
[JsonSerializable(typeof(CesRequest))]
[JsonSerializable(typeof(CsatRequest))]
[JsonSerializable(typeof(MovementsRequest))]
[JsonSerializable(typeof(TransactionLogRequest))]
[JsonSerializable(typeof(CustomerValueReport))]
[JsonSerializable(typeof(NpsResult))]
[JsonSerializable(typeof(CesResult))]
[JsonSerializable(typeof(CsatResult))]
[JsonSerializable(typeof(MrrMovements<decimal>), TypeInfoPropertyName = "MrrMovementsDecimal")]
public sealed partial class ServiceJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Sets up a host's options: this context, then the library's context, in the resolver chain; NaN and ±∞ written as
    /// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c> (the options' own number handling, because a context's
    /// options do not apply once it sits in a chain); enums as strings.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolverChain.Insert(0, Default);
        options.TypeInfoResolverChain.Insert(1, CustomerMetricsJsonContext.Default);
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new JsonStringEnumConverter<CesScale>());
        options.Converters.Add(new JsonStringEnumConverter<CustomerMetrics.Value.PeriodKind>());
    }
}
