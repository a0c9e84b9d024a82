using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Retention-based customer lifetime value: the discounted margins of a customer retained each period with
/// probability r, the first margin at the end of period 1. Infinite horizon: m × r / (1 + d − r)
/// (Gupta &amp; Lehmann 2003, <i>Customers as Assets</i>, J. Interactive Marketing 17(1); Gupta, Lehmann &amp; Stuart 2004,
/// <i>Valuing Customers</i>, J. Marketing Research 41(1)); finite horizon of N periods:
/// Σₜ₌₁ᴺ m (r / (1 + d))ᵗ.
/// </summary>
/// <remarks>A derived value, not sufficient statistics: it has no <c>+</c>. <c>default</c> (margin 0, retention 0,
/// no discount, infinite horizon) is valid and worth 0.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct RetentionClv
{
    /// <summary>Creates a retention-based CLV (as <see cref="Clv.RetentionBased(double, double, double)"/> does); the JSON constructor.</summary>
    /// <param name="marginPerPeriod">m: gross margin per customer per period (money, finite; may be negative).</param>
    /// <param name="retentionRate">r: probability that a customer stays for one more period, in [0, 1).</param>
    /// <param name="discountRate">d: discount rate per period, finite and &gt; −1 (0.1 = 10 %); for the infinite horizon also r &lt; 1 + d.</param>
    /// <param name="horizon">N: number of periods summed, ≥ 0; <see langword="null"/> for the infinite horizon.</param>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range (the message names it and its value).</exception>
    [JsonConstructor]
    public RetentionClv(double marginPerPeriod, double retentionRate, double discountRate, int? horizon)
    {
        Guard.Finite(marginPerPeriod);
        Guard.FractionBelowOne(retentionRate);
        CheckDiscountRate(discountRate);
        if (horizon is { } periods)
        {
            Guard.NonNegative(periods, nameof(horizon));
        }
        else if (!(retentionRate < 1 + discountRate))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(discountRate), discountRate, string.Create(CultureInfo.InvariantCulture,
                $"rates above r − 1 = {retentionRate - 1:R} (the infinite sum diverges otherwise)"));
        }

        MarginPerPeriod = marginPerPeriod;
        RetentionRate = retentionRate;
        DiscountRate = discountRate;
        Horizon = horizon;
    }

    /// <summary>m: gross margin per customer per period (money; may be negative).</summary>
    public double MarginPerPeriod { get; }

    /// <summary>r: probability that a customer stays for one more period, in [0, 1).</summary>
    public double RetentionRate { get; }

    /// <summary>d: discount rate per period (&gt; −1; 0.1 = 10 %).</summary>
    public double DiscountRate { get; }

    /// <summary>N: number of periods summed; <see langword="null"/> for the infinite horizon.</summary>
    public int? Horizon { get; }

    /// <summary>The margin multiple r / (1 + d − r) for the infinite horizon, or Σₜ₌₁ᴺ (r / (1 + d))ᵗ for a finite one.</summary>
    public double Multiple
    {
        get
        {
            double r = RetentionRate, d = DiscountRate;
            if (Horizon is not { } n)
            {
                return r / (1 + d - r);
            }

            double q = r / (1 + d);
            if (q == 1)
            {
                return n;
            }

            return q * (1 - Math.Pow(q, n)) / (1 - q);
        }
    }

    /// <summary>The CLV, m × <see cref="Multiple"/> (money per customer).</summary>
    public double Value => MarginPerPeriod * Multiple;

    /// <summary>Expected customer lifetime in periods without discounting, 1 / (1 − r) (counting the current period).</summary>
    public double ExpectedLifetimePeriods => 1 / (1 - RetentionRate);

    /// <summary>"Retention CLV 150.00 (m 100.00, r 0.8, d 0.1, horizon ∞)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Retention CLV {Value:0.00} (m {MarginPerPeriod:0.00}, r {RetentionRate:0.####}, d {DiscountRate:0.####}, horizon {(Horizon is { } n ? n.ToString(CultureInfo.InvariantCulture) : "∞")})");

    internal static void CheckDiscountRate(double discountRate)
    {
        if (!(discountRate > -1) || double.IsPositiveInfinity(discountRate))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(discountRate), discountRate, "finite rates > −1");
        }
    }
}
