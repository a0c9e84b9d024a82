using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// One customer's row of an <see cref="RfmSummary"/>, in the summary's <see cref="PeriodUnit"/>.
/// </summary>
/// <remarks>Checked as <see cref="RfmSummary.FromColumns"/> checks a row; <c>default</c> (a one-time buyer on the observation end) is valid.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct RfmRecord
{
    /// <summary>Creates a row; the JSON constructor.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="frequency">Repeat purchases: distinct purchase periods − 1, a whole number ≥ 0.</param>
    /// <param name="recency">Last − first purchase period, 0 to <paramref name="t"/>; 0 when <paramref name="frequency"/> is 0.</param>
    /// <param name="t">Age: observation end − first purchase period, finite and ≥ 0.</param>
    /// <param name="monetaryValue">Mean spend of the repeat periods, finite; 0 when <paramref name="frequency"/> is 0.</param>
    /// <param name="totalSpend">Spend of all purchase periods up to the observation end (the first one included), finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range (the message names it and its value).</exception>
    /// <exception cref="ArgumentException">A customer without repeat purchases has a recency or monetary value other than 0.</exception>
    [JsonConstructor]
    public RfmRecord(int customerId, double frequency, double recency, double t, double monetaryValue, double totalSpend)
    {
        if (!(frequency >= 0) || double.IsInfinity(frequency) || frequency != Math.Floor(frequency))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(frequency), frequency, "whole numbers ≥ 0");
        }

        Guard.NonNegativeFinite(t);
        if (!(recency >= 0 && recency <= t))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(recency), recency, string.Create(CultureInfo.InvariantCulture, $"0 to T = {t:R}"));
        }

        Guard.Finite(monetaryValue);
        Guard.Finite(totalSpend);
        Guard.Consistent(frequency > 0 || recency == 0, nameof(recency), "is not 0 for a customer without repeat purchases.");
        Guard.Consistent(frequency > 0 || monetaryValue == 0, nameof(monetaryValue), "is not 0 for a customer without repeat purchases.");
        CustomerId = customerId;
        Frequency = frequency;
        Recency = recency;
        T = t;
        MonetaryValue = monetaryValue;
        TotalSpend = totalSpend;
    }

    /// <summary>The customer id.</summary>
    public int CustomerId { get; }

    /// <summary>Repeat purchases: distinct purchase periods − 1 (≥ 0).</summary>
    public double Frequency { get; }

    /// <summary>Last − first purchase period (0 for one-time buyers; ≤ <see cref="T"/>).</summary>
    public double Recency { get; }

    /// <summary>Age: observation end − first purchase period.</summary>
    public double T { get; }

    /// <summary>Mean spend of the repeat periods; 0 when there are none.</summary>
    public double MonetaryValue { get; }

    /// <summary>Spend of all purchase periods up to the observation end (the first one included).</summary>
    public double TotalSpend { get; }

    /// <summary>"id 1: x=2 t_x=30.43 T=38.86 m=22.35 total=74.02" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"id {CustomerId}: x={Frequency:0.##} t_x={Recency:0.##} T={T:0.##} m={MonetaryValue:0.##} total={TotalSpend:0.##}");
}
