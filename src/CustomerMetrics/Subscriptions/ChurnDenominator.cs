namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Which customer count a logo churn rate divides by. The conventions differ between the SaaS analytics vendors, so
/// the caller names one: the library never picks silently.
/// </summary>
public enum ChurnDenominator
{
    /// <summary>
    /// Customers at the start of the period: churn = lost ÷ start (ChartMogul, "Customer churn rate";
    /// Baremetrics, "User churn"). Customers both acquired and lost within the period can push it above 1.
    /// </summary>
    StartOfPeriod = 0,

    /// <summary>
    /// Customers at the start plus customers acquired during the period: churn = lost ÷ (start + new)
    /// (Stripe Billing, "Subscriber churn rate"). Always in [0, 1].
    /// </summary>
    StartPlusNew = 1,
}
