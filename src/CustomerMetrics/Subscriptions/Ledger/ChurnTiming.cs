namespace CustomerMetrics.Subscriptions;

/// <summary>When a cancelled subscription stops counting in MRR.</summary>
public enum ChurnTiming
{
    /// <summary>
    /// At the end of service (<see cref="SubscriptionRecord{TCustomer, TSubscription}.EndsOn"/>): a cancellation keeps
    /// its MRR to the end of the paid period, then churns (ProfitWell; ChartMogul and Stripe count a subscription until it
    /// ends).
    /// </summary>
    EndOfService = 0,

    /// <summary>
    /// At the cancellation date (<see cref="SubscriptionRecord{TCustomer, TSubscription}.CancelledOn"/>, or the end of
    /// service when there is none): MRR falls when the customer asks.
    /// </summary>
    Cancellation = 1,
}
