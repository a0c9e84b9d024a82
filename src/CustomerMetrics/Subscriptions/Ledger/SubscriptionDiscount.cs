namespace CustomerMetrics.Subscriptions;

/// <summary>
/// A discount on a subscription: an amount off each billing period's price, or a fraction off; forever or for the first
/// <see cref="DurationInPeriods"/> billing periods after the trial.
/// </summary>
/// <param name="Kind">Amount or percent.</param>
/// <param name="Value">Currency units per billing period (amount, ≥ 0) or a fraction in [0, 1] (percent: 0.2 = 20 % off).</param>
/// <param name="DurationInPeriods">Billing periods the discount lasts (≥ 1), or <see langword="null"/> for forever.</param>
public readonly record struct SubscriptionDiscount(DiscountKind Kind, decimal Value, int? DurationInPeriods)
{
    /// <summary>A fraction off the price.</summary>
    /// <param name="fraction">0.2 = 20 % off, in [0, 1].</param>
    /// <param name="durationInPeriods">Billing periods it lasts, or <see langword="null"/> for forever.</param>
    /// <returns>The discount (validated when the ledger reads it).</returns>
    public static SubscriptionDiscount Percent(decimal fraction, int? durationInPeriods = null) => new(DiscountKind.Percent, fraction, durationInPeriods);

    /// <summary>An amount off each billing period's price.</summary>
    /// <param name="amount">Currency units per billing period, ≥ 0.</param>
    /// <param name="durationInPeriods">Billing periods it lasts, or <see langword="null"/> for forever.</param>
    /// <returns>The discount (validated when the ledger reads it).</returns>
    public static SubscriptionDiscount Amount(decimal amount, int? durationInPeriods = null) => new(DiscountKind.Amount, amount, durationInPeriods);
}
