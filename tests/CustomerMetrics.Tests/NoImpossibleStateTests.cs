using System.Text.Json;
using CustomerMetrics.Acquisition;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Surveys;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests;

/// <summary>
/// One test per class of impossible state of issue 8: each was written first and failed before the fix. The names of
/// the classes are those of the closing note.
/// </summary>
public class NoImpossibleStateTests
{
    private static void ThrowsNaming<TException>(string member, Action make)
        where TException : Exception
    {
        TException e = Assert.ThrowsAny<TException>(make);
        Assert.Contains(member, e.Message, StringComparison.Ordinal);
    }

    // Class 1: a constructor accepts a negative count or amount.
    [Fact]
    public void Negative_counts_and_amounts_are_rejected_naming_the_member()
    {
        ThrowsNaming<ArgumentOutOfRangeException>("spend", () => _ = new AcquisitionCost(-100, -5));
        ThrowsNaming<ArgumentOutOfRangeException>("newCustomers", () => _ = new AcquisitionCost(100, -5));
        ThrowsNaming<ArgumentOutOfRangeException>("transactions", () => _ = new HistoricalClv<decimal>(-1, 0m, 0m));
        ThrowsNaming<ArgumentOutOfRangeException>("customersA", () => _ = new RetentionComparison(0, -3, 0, 1));
        ThrowsNaming<ArgumentOutOfRangeException>("churnedMrr", () => _ = Mrr(churnedMrr: -5, churned: 1, start: 5));
        ThrowsNaming<ArgumentOutOfRangeException>("transactionsPerMonth", () => _ = new PredictiveClv(-2, 45, 0.3, 20));
        ThrowsNaming<ArgumentOutOfRangeException>("retentionRate", () => _ = new RetentionClv(100, -0.5, 0.1, null));
        ThrowsNaming<ArgumentOutOfRangeException>("standardError", () => _ = new NpsComparison(10, -1));
        ThrowsNaming<ArgumentOutOfRangeException>("frequency", () => _ = new RfmRecord(1, -1, 0, 5, 0, 10));
    }

    // Class 2: counts disagree with their parts (a part larger than its whole, amounts without customers).
    [Fact]
    public void Counts_that_disagree_with_their_parts_are_rejected()
    {
        ThrowsNaming<ArgumentOutOfRangeException>("retainedA", () => _ = new RetentionComparison(5, 1, 0, 1));
        ThrowsNaming<ArgumentException>("inactiveCustomers", () => _ = Mrr(unchanged: 1, inactive: 2));
        ThrowsNaming<ArgumentException>("newMrr", () => _ = Mrr(newMrr: 50, end: 50));
        ThrowsNaming<ArgumentException>("startingMrr", () => _ = Mrr(start: 100, end: 100));
        ThrowsNaming<ArgumentException>("revenue", () => _ = new HistoricalClv<decimal>(0, 10m, 3m));
        ThrowsNaming<ArgumentException>("promoterWeight", () => _ = new WeightedNpsResult(2, 0, 0, 4, 0));
        ThrowsNaming<ArgumentException>("monetaryValue", () => _ = new RfmRecord(1, 0, 0, 5, 12, 10));
        ThrowsNaming<ArgumentOutOfRangeException>("recency", () => _ = new RfmRecord(1, 2, 9, 5, 12, 10));
    }

    // Class 3: sums disagree with each other.
    [Fact]
    public void Sums_that_disagree_with_each_other_are_rejected()
    {
        // Ending MRR must be starting MRR plus the movements.
        ThrowsNaming<ArgumentException>("endingMrr", () => _ = Mrr(start: 100, end: 500, unchanged: 1));
        // Losses cannot exceed what there was at the start.
        ThrowsNaming<ArgumentException>("startingMrr", () => _ = Mrr(start: 10, end: 0, churnedMrr: 30, churned: 1, unchanged: 0));
        // Σw² cannot exceed (Σw)², nor fall below (Σw)² / n.
        ThrowsNaming<ArgumentException>("sumOfSquaredWeights", () => _ = new WeightedNpsResult(1, 1, 1, 100, 3));
        ThrowsNaming<ArgumentException>("sumOfSquaredWeights", () => _ = new WeightedNpsResult(3, 3, 3, 1, 3));
        // A what-if compares the same customer at two retention rates: margin, discount and horizon agree.
        ThrowsNaming<ArgumentException>("improved", () => _ = new RetentionWhatIf(new RetentionClv(100, 0.8, 0.1, null), new RetentionClv(50, 0.85, 0.1, null)));
        ThrowsNaming<ArgumentOutOfRangeException>("upper", () => _ = new ConfidenceInterval(5, 1, 0.95));
    }

    // Class 4: NaN or infinite money (and rates) in a result.
    [Fact]
    public void Non_finite_money_is_rejected()
    {
        ThrowsNaming<ArgumentOutOfRangeException>("revenue", () => _ = new HistoricalClv<double>(1, double.NaN, 0));
        ThrowsNaming<ArgumentOutOfRangeException>("grossProfit", () => _ = new HistoricalClv<double>(1, 10, double.PositiveInfinity));
        ThrowsNaming<ArgumentOutOfRangeException>("startingMrr", () => _ = new MrrMovements<double>(double.PositiveInfinity, double.PositiveInfinity, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0));
        ThrowsNaming<ArgumentOutOfRangeException>("averageOrderValue", () => _ = new PredictiveClv(2, double.PositiveInfinity, 0.3, 20));
        ThrowsNaming<ArgumentOutOfRangeException>("marginPerPeriod", () => _ = new RetentionClv(double.NaN, 0.5, 0.1, null));
        ThrowsNaming<ArgumentOutOfRangeException>("difference", () => _ = new NpsComparison(double.NaN, 1));
        ThrowsNaming<ArgumentOutOfRangeException>("totalSpend", () => _ = new RfmRecord(1, 0, 0, 5, 0, double.NaN));
        ThrowsNaming<ArgumentOutOfRangeException>("confidenceLevel", () => _ = new ConfidenceInterval(0, 1, double.NaN));
    }

    // Class 5: totals of counts overflow silently (Count wraps to a negative number).
    [Fact]
    public void Totals_of_counts_that_overflow_throw()
    {
        ThrowsNaming<OverflowException>("detractors", () => _ = NpsResult.FromCounts(long.MaxValue, 1, 0));
        Assert.Throws<OverflowException>(() => _ = new CesResult(CesScale.FivePointEffort, [long.MaxValue, 1, 0, 0, 0]));
        Assert.Throws<OverflowException>(() => _ = new CsatResult(5, 2, [long.MaxValue, 1, 0, 0, 0]));
        Assert.Throws<OverflowException>(() => _ = new HistoricalClv<decimal>(long.MaxValue, 1m, 1m) + new HistoricalClv<decimal>(1, 1m, 1m));
        Assert.Throws<OverflowException>(() => _ = Mrr(unchanged: long.MaxValue, inactive: long.MaxValue) + Mrr(unchanged: 1, inactive: 1));
        Assert.Throws<OverflowException>(() => _ = new AcquisitionCost(1, long.MaxValue) + new AcquisitionCost(1, 1));
    }

    // Class 6: double money sums overflow to ∞ and come out as a plausible number.
    [Fact]
    public void Double_sums_that_overflow_throw_instead_of_returning_a_plausible_number()
    {
        Assert.Throws<OverflowException>(() => MrrMovements.Between([1e308, 1e308], [1e308, 5e307]));
        Assert.Throws<OverflowException>(() => Clv.Historical([1e308, 1e308], 0.5));
        Assert.Throws<OverflowException>(() => Clv.Historical([1, 2], [1e308, 1e308], 0.5));
        Assert.Throws<OverflowException>(() => new HistoricalClv<double>(1, 1e308, 1e308) + new HistoricalClv<double>(1, 1e308, 1e308));
        Assert.Throws<OverflowException>(() => new WeightedNpsResult(1e154, 0, 0, 1e308, 1) + new WeightedNpsResult(1e154, 0, 0, 1e308, 1));

        // Ratios of valid results stay right near the top of the range.
        MrrMovements<double> big = MrrMovements.Between([1e308, 0], [1.7e308, 1e308]);
        Assert.Equal(1.7, big.NetRevenueRetention, 12);
        Assert.Equal(-1.7, big.NetMrrChurn, 12);
        Assert.Equal(1.7, big.QuickRatio, 12);
    }

    // Class 7: a JSON document missing a field, duplicating one, or holding an invalid value reads silently.
    [Fact]
    public void Json_documents_need_every_field_once_and_valid_values()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"passives":30,"detractors":20}""", CustomerMetricsJsonContext.Default.NpsResult));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"promoters":1,"promoters":50,"passives":30,"detractors":20,"rejected":0}""", CustomerMetricsJsonContext.Default.NpsResult));
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Deserialize("""{"spend":-100,"newCustomers":-5}""", CustomerMetricsJsonContext.Default.AcquisitionCost));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"spend":100}""", CustomerMetricsJsonContext.Default.AcquisitionCost));
        NpsResult read = JsonSerializer.Deserialize("""{"promoters":50,"passives":30,"detractors":20,"rejected":0}""", CustomerMetricsJsonContext.Default.NpsResult);
        Assert.Equal(30, read.Score, 12);
    }

    // Class 8: default is written but does not read back.
    [Fact]
    public void Default_results_round_trip()
    {
        Assert.Equal(default, RoundTrip(default(CesResult), CustomerMetricsJsonContext.Default.CesResult));
        Assert.Equal(default, RoundTrip(default(CsatResult), CustomerMetricsJsonContext.Default.CsatResult));
        Assert.Equal(default, RoundTrip(default(WeightedNpsResult), CustomerMetricsJsonContext.Default.WeightedNpsResult));
    }

    // Class 9: NaN and ±∞ cannot be written or read under a host's own options (ASP.NET Core's resolver chain).
    [Fact]
    public void Nan_round_trips_under_host_options()
    {
        var host = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        CustomerMetricsJson.Configure(host);
        string json = JsonSerializer.Serialize(NpsResult.Empty, host);
        Assert.Contains("\"score\":\"NaN\"", json, StringComparison.Ordinal);
        Assert.Equal(NpsResult.Empty, JsonSerializer.Deserialize<NpsResult>(json, host));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<NpsResult>("""{"passives":30,"detractors":20}""", host));
    }

    private static T RoundTrip<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value, info), info)!;

    private static MrrMovements<decimal> Mrr(decimal start = 0, decimal end = 0, decimal newMrr = 0, decimal churnedMrr = 0,
        long churned = 0, long unchanged = 0, long inactive = 0) =>
        new(start, end, newMrr, 0, 0, churnedMrr, 0, 0, 0, 0, churned, 0, unchanged, inactive);
}
