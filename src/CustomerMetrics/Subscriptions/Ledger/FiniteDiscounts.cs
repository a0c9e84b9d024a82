namespace CustomerMetrics.Subscriptions;

/// <summary>How a discount that lasts a finite number of billing periods enters MRR. Forever discounts always reduce MRR.</summary>
public enum FiniteDiscounts
{
    /// <summary>A finite discount reduces MRR while it lasts; its expiry is expansion (ChartMogul, Baremetrics).</summary>
    ReduceMrr = 0,

    /// <summary>A finite discount does not reduce MRR (Stripe: "forever" coupons reduce MRR, "once" and "repeating" ones do not).</summary>
    Ignore = 1,
}
