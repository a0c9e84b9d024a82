using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Acquisition;

/// <summary>
/// Sales and marketing spend and the customers it acquired, as sufficient statistics; the customer acquisition cost
/// <see cref="Cac"/> = spend ÷ new customers is derived. Whether the spend is blended (all sales and marketing) or
/// paid (paid channels only, with the customers those channels brought) is the caller's choice of inputs. Two costs
/// (channels, regions, months) merge with <c>+</c>; <c>default</c> is the empty identity. Money is <c>decimal</c>, in
/// the caller's currency, so merged spend is exact.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct AcquisitionCost
{
    /// <summary>Creates an acquisition cost; the JSON constructor.</summary>
    /// <param name="spend">Sales and marketing spend in the period, in currency units, ≥ 0.</param>
    /// <param name="newCustomers">Customers acquired in the period, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    [JsonConstructor]
    public AcquisitionCost(decimal spend, long newCustomers)
    {
        Guard.NonNegative(spend);
        Guard.NonNegative(newCustomers);
        Spend = spend;
        NewCustomers = newCustomers;
    }

    /// <summary>Sales and marketing spend in the period, in currency units, ≥ 0.</summary>
    public decimal Spend { get; }

    /// <summary>Customers acquired in the period, ≥ 0.</summary>
    public long NewCustomers { get; }

    /// <summary>
    /// Customer acquisition cost CAC = spend ÷ new customers, in currency units per customer (Skok, <i>SaaS Metrics
    /// 2.0</i>, For Entrepreneurs). <see cref="double.NaN"/> when no customer was acquired: the cost per customer is
    /// undefined (never 0, never a silent infinity).
    /// </summary>
    public double Cac => NewCustomers == 0 ? double.NaN : (double)(Spend / NewCustomers);

    /// <summary>Validates and creates an acquisition cost (the same as the constructor).</summary>
    /// <param name="spend">Spend in currency units, ≥ 0.</param>
    /// <param name="newCustomers">Customers acquired, ≥ 0.</param>
    /// <returns>The acquisition cost.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public static AcquisitionCost Create(decimal spend, long newCustomers) => new(spend, newCustomers);

    /// <summary>Merges two acquisition costs (channels, regions, periods): spends and customers add.</summary>
    /// <param name="left">One cost.</param>
    /// <param name="right">The other.</param>
    /// <returns>The combined cost, whose <see cref="Cac"/> is the customer-weighted blend.</returns>
    /// <exception cref="OverflowException">A merged value overflows.</exception>
    public static AcquisitionCost operator +(AcquisitionCost left, AcquisitionCost right) =>
        new(left.Spend + right.Spend, checked(left.NewCustomers + right.NewCustomers));

    /// <summary>Merges two acquisition costs (the named form of <c>+</c>).</summary>
    /// <param name="left">One cost.</param>
    /// <param name="right">The other.</param>
    /// <returns>The combined cost.</returns>
    /// <exception cref="OverflowException">A merged value overflows.</exception>
    public static AcquisitionCost Add(AcquisitionCost left, AcquisitionCost right) => left + right;

    /// <summary>Formats as <c>CAC 250.00 (spend 25000 / 100 new customers)</c>, invariant culture.</summary>
    /// <returns>The cost as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CAC {Cac:0.00} (spend {Spend} / {NewCustomers} new customers)");
}
