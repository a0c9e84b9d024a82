namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The unit of a subscription's billing cycle; a record bills every <see cref="SubscriptionRecord{TCustomer, TSubscription}.IntervalCount"/>
/// of these units (Stripe's <c>interval</c> and <c>interval_count</c>). Normalisation to a month is in
/// <see cref="MrrNormalization.MonthlyFactor(BillingInterval, int)"/>.
/// </summary>
public enum BillingInterval
{
    /// <summary>A month: MRR = price (every n months: price ÷ n).</summary>
    Month = 0,

    /// <summary>A day: MRR = price × 365 ÷ 12.</summary>
    Day = 1,

    /// <summary>A week: MRR = price × 52 ÷ 12.</summary>
    Week = 2,

    /// <summary>A quarter of three months: MRR = price ÷ 3.</summary>
    Quarter = 3,

    /// <summary>A year: MRR = price ÷ 12.</summary>
    Year = 4,
}
