namespace CustomerMetrics.Subscriptions;

/// <summary>How a <see cref="SubscriptionDiscount"/> reduces the price.</summary>
public enum DiscountKind
{
    /// <summary>A fixed amount off each billing period's price (currency units per billing period).</summary>
    Amount = 0,

    /// <summary>A fraction off the price (0.2 = 20 % off).</summary>
    Percent = 1,
}
