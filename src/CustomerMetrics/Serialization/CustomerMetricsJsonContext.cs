using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerMetrics.Serialization;

/// <summary>
/// Source-generated System.Text.Json metadata for every result type of the library (trim- and AOT-safe).
/// Use <c>JsonSerializer.Serialize(result, CustomerMetricsJsonContext.Default.NpsResult)</c>; results round-trip
/// exactly. Non-finite derived values (the NaN score of an empty result) are written as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>.
/// </summary>
/// <remarks>
/// <para>Reading is strict: every constructor field must be present (<c>RespectRequiredConstructorParameters</c>), a
/// property may not appear twice (<c>AllowDuplicateProperties = false</c>), and the values go through each type's
/// validating constructor, so a document that is not a valid result throws (a <see cref="JsonException"/>, or the
/// constructor's <see cref="ArgumentException"/> or <see cref="OverflowException"/>).</para>
/// <para>Hosts with their own <see cref="JsonSerializerOptions"/> (ASP.NET Core's <c>TypeInfoResolverChain</c>): call
/// <see cref="CustomerMetricsJson.Configure(JsonSerializerOptions)"/>. The number handling of NaN and ±∞ is on each
/// result type (<see cref="JsonNumberHandlingAttribute"/>), so it holds under any options.</para>
/// </remarks>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    AllowDuplicateProperties = false,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(ConfidenceInterval))]
[JsonSerializable(typeof(Surveys.NpsResult))]
[JsonSerializable(typeof(Surveys.WeightedNpsResult))]
[JsonSerializable(typeof(Surveys.NpsComparison))]
[JsonSerializable(typeof(Surveys.CesResult))]
[JsonSerializable(typeof(Surveys.CsatResult))]
[JsonSerializable(typeof(Surveys.CesComparison))]
[JsonSerializable(typeof(Surveys.CsatComparison))]
[JsonSerializable(typeof(Surveys.ScoreParseResult))]
[JsonSerializable(typeof(Surveys.NpsPairwiseDifference))]
[JsonSerializable(typeof(Surveys.NpsHomogeneityTest))]
[JsonSerializable(typeof(Surveys.NpsSegmentComparison))]
[JsonSerializable(typeof(Surveys.NpsTrend))]
[JsonSerializable(typeof(Surveys.WeightedCesResult))]
[JsonSerializable(typeof(Surveys.WeightedCsatResult))]
[JsonSerializable(typeof(Surveys.RakingResult))]
[JsonSerializable(typeof(Subscriptions.MrrMovements<decimal>), TypeInfoPropertyName = "MrrMovementsDecimal")]
[JsonSerializable(typeof(Subscriptions.MrrMovements<double>), TypeInfoPropertyName = "MrrMovementsDouble")]
[JsonSerializable(typeof(Subscriptions.RetentionComparison))]
[JsonSerializable(typeof(Subscriptions.CohortTable))]
[JsonSerializable(typeof(Subscriptions.LedgerPeriod))]
[JsonSerializable(typeof(Acquisition.AcquisitionCost))]
[JsonSerializable(typeof(CustomerMetrics.Value.HistoricalClv<decimal>), TypeInfoPropertyName = "HistoricalClvDecimal")]
[JsonSerializable(typeof(CustomerMetrics.Value.HistoricalClv<double>), TypeInfoPropertyName = "HistoricalClvDouble")]
[JsonSerializable(typeof(CustomerMetrics.Value.PredictiveClv))]
[JsonSerializable(typeof(CustomerMetrics.Value.RetentionClv))]
[JsonSerializable(typeof(CustomerMetrics.Value.RetentionWhatIf))]
[JsonSerializable(typeof(CustomerMetrics.Value.RfmRecord))]
[JsonSerializable(typeof(CustomerMetrics.Value.RfmScore))]
[JsonSerializable(typeof(CustomerMetrics.Value.RfmOptions))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.BgNbdModel))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.GammaGammaModel))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.ShiftedBetaGeometricModel))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.ParetoNbdModel))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.MbgNbdModel))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.BgBbModel))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.Validation.ModelComparisonRow))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.Validation.LikelihoodRatioTest))]
[JsonSerializable(typeof(Service.QuantileSketch))]
[JsonSerializable(typeof(Service.ServiceLevelResult))]
[JsonSerializable(typeof(Service.ResolutionResult))]
[JsonSerializable(typeof(Loyalty.SpendSummary))]
[JsonSerializable(typeof(Loyalty.SpendComparison))]
[JsonSerializable(typeof(Loyalty.ProgrammeReport))]
[JsonSerializable(typeof(Loyalty.ProgrammeRate))]
[JsonSerializable(typeof(Loyalty.ProgrammeRoi))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.Validation.TrackingSeries))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.Validation.HoldoutByFrequency))]
[JsonSerializable(typeof(CustomerMetrics.Value.Models.Validation.PurchaseHistogram))]
[JsonSerializable(typeof(CustomerMetrics.Value.GiniResult))]
[JsonSerializable(typeof(CustomerMetrics.Value.NpsGroupValue))]
[JsonSerializable(typeof(Subscriptions.CohortFitRow))]
[JsonSerializable(typeof(Subscriptions.CohortRetentionFit))]
[JsonSerializable(typeof(Subscriptions.CohortProjectionPoint))]
[JsonSerializable(typeof(Subscriptions.CohortValue))]
[JsonSerializable(typeof(Subscriptions.CohortProjection))]
public sealed partial class CustomerMetricsJsonContext : JsonSerializerContext;
