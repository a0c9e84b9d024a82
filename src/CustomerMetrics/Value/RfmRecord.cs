using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// One customer's row of an <see cref="RfmSummary"/>, in the summary's <see cref="PeriodUnit"/>.
/// </summary>
/// <param name="CustomerId">The customer id.</param>
/// <param name="Frequency">Repeat purchases: distinct purchase periods − 1 (≥ 0).</param>
/// <param name="Recency">Last − first purchase period (0 for one-time buyers; ≤ <paramref name="Age"/>).</param>
/// <param name="Age">Age T: observation end − first purchase period.</param>
/// <param name="MeanSpend">Mean spend of the repeat periods (the "monetary value" of RFM); 0 when there are none.</param>
/// <param name="TotalSpend">Spend of all purchase periods up to the observation end (the first one included).</param>
public readonly record struct RfmRecord(int CustomerId, double Frequency, double Recency, double Age, double MeanSpend,
    double TotalSpend)
{
    /// <summary>"id 1: x=2 t_x=30.43 T=38.86 m=22.35 total=74.02" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"id {CustomerId}: x={Frequency:0.##} t_x={Recency:0.##} T={Age:0.##} m={MeanSpend:0.##} total={TotalSpend:0.##}");
}
