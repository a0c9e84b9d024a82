using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerMetrics.Serialization;

/// <summary>
/// Source-generated System.Text.Json metadata for every result type of the library (trim- and AOT-safe).
/// Use <c>JsonSerializer.Serialize(result, CustomerMetricsJsonContext.Default.NpsResult)</c>; results round-trip
/// exactly. Non-finite derived values (the NaN score of an empty result) are written as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(ConfidenceInterval))]
[JsonSerializable(typeof(Surveys.NpsResult))]
[JsonSerializable(typeof(Surveys.WeightedNpsResult))]
[JsonSerializable(typeof(Surveys.NpsComparison))]
[JsonSerializable(typeof(Surveys.CesResult))]
[JsonSerializable(typeof(Surveys.CsatResult))]
[JsonSerializable(typeof(Subscriptions.MrrMovements<decimal>), TypeInfoPropertyName = "MrrMovementsDecimal")]
[JsonSerializable(typeof(Subscriptions.MrrMovements<double>), TypeInfoPropertyName = "MrrMovementsDouble")]
[JsonSerializable(typeof(Subscriptions.RetentionComparison))]
[JsonSerializable(typeof(Subscriptions.CohortTable))]
[JsonSerializable(typeof(Acquisition.AcquisitionCost))]
[JsonSerializable(typeof(CustomerMetrics.Value.HistoricalClv))]
[JsonSerializable(typeof(CustomerMetrics.Value.HistoricalClvDouble))]
[JsonSerializable(typeof(CustomerMetrics.Value.PredictiveClv))]
[JsonSerializable(typeof(CustomerMetrics.Value.RetentionClv))]
[JsonSerializable(typeof(CustomerMetrics.Value.RetentionWhatIf))]
[JsonSerializable(typeof(CustomerMetrics.Value.RfmRecord))]
[JsonSerializable(typeof(CustomerMetrics.Value.RfmScore))]
[JsonSerializable(typeof(CustomerMetrics.Value.RfmOptions))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.BgNbdModel))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.GammaGammaModel))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.ShiftedBetaGeometricModel))]
[JsonSerializable(typeof(Service.QuantileSketch))]
[JsonSerializable(typeof(Service.ServiceLevelResult))]
[JsonSerializable(typeof(Service.ResolutionResult))]
[JsonSerializable(typeof(Loyalty.SpendSummary))]
[JsonSerializable(typeof(Loyalty.SpendComparison))]
[JsonSerializable(typeof(Loyalty.ProgrammeReport))]
[JsonSerializable(typeof(Loyalty.ProgrammeRate))]
[JsonSerializable(typeof(Loyalty.ProgrammeRoi))]
public sealed partial class CustomerMetricsJsonContext : JsonSerializerContext;
