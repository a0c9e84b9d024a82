using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

public class SurveyJsonTests
{
    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 50)]
    public void Every_survey_result_round_trips_through_the_source_generated_context(Entries entries)
    {
        NpsResult nps = Nps.CalculateLenient(entries.Values);
        Assert.Equal(nps, JsonSerializer.Deserialize(JsonSerializer.Serialize(nps, CustomerMetricsJsonContext.Default.NpsResult), CustomerMetricsJsonContext.Default.NpsResult));

        CesResult ces = Ces.CalculateLenient(entries.Values, CesScale.SevenPointAgreement);
        Assert.Equal(ces, JsonSerializer.Deserialize(JsonSerializer.Serialize(ces, CustomerMetricsJsonContext.Default.CesResult), CustomerMetricsJsonContext.Default.CesResult));

        CsatResult csat = Csat.CalculateLenient(entries.Values, 10);
        Assert.Equal(csat, JsonSerializer.Deserialize(JsonSerializer.Serialize(csat, CustomerMetricsJsonContext.Default.CsatResult), CustomerMetricsJsonContext.Default.CsatResult));

        double[] weights = entries.Values.Select((v, i) => (i % 7) * 0.37).ToArray();
        WeightedNpsResult weighted = Nps.CalculateWeightedLenient(entries.Values, weights);
        Assert.Equal(weighted, JsonSerializer.Deserialize(JsonSerializer.Serialize(weighted, CustomerMetricsJsonContext.Default.WeightedNpsResult), CustomerMetricsJsonContext.Default.WeightedNpsResult));
    }

    [Fact]
    public void Comparison_and_interval_round_trip_and_empty_results_write_nan_by_name()
    {
        NpsComparison comparison = Nps.Compare(NpsResult.FromCounts(5, 3, 2), NpsResult.FromCounts(2, 3, 5));
        Assert.Equal(comparison, JsonSerializer.Deserialize(JsonSerializer.Serialize(comparison, CustomerMetricsJsonContext.Default.NpsComparison), CustomerMetricsJsonContext.Default.NpsComparison));

        ConfidenceInterval interval = new(-3.5, 12.25, 0.9);
        Assert.Equal(interval, JsonSerializer.Deserialize(JsonSerializer.Serialize(interval, CustomerMetricsJsonContext.Default.ConfidenceInterval), CustomerMetricsJsonContext.Default.ConfidenceInterval));

        string json = JsonSerializer.Serialize(NpsResult.Empty, CustomerMetricsJsonContext.Default.NpsResult);
        Assert.Contains("\"score\":\"NaN\"", json, StringComparison.Ordinal);
        Assert.Equal(NpsResult.Empty, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.NpsResult));
    }
}
