using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// Retention-based customer lifetime value: the discounted margins of a customer retained each period with
/// probability r, the first margin at the end of period 1. Infinite horizon: m × r / (1 + d − r)
/// (Gupta &amp; Lehmann 2003, <i>Customers as Assets</i>, J. Interactive Marketing 17(1); Gupta, Lehmann &amp; Stuart 2004,
/// <i>Valuing Customers</i>, J. Marketing Research 41(1)); finite horizon of N periods:
/// Σₜ₌₁ᴺ m (r / (1 + d))ᵗ.
/// </summary>
/// <param name="MarginPerPeriod">m: gross margin per customer per period (money; may be negative).</param>
/// <param name="RetentionRate">r: probability that a customer stays for one more period, in [0, 1).</param>
/// <param name="DiscountRate">d: discount rate per period (&gt; −1; 0.1 = 10 %).</param>
/// <param name="Horizon">N: number of periods summed; <c>null</c> for the infinite horizon.</param>
/// <remarks>A derived value, not sufficient statistics: it has no <c>+</c>.</remarks>
public readonly record struct RetentionClv(double MarginPerPeriod, double RetentionRate, double DiscountRate, int? Horizon)
{
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
}
