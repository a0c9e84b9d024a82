namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Whether a customer who joins and churns within one period (never paying at a period boundary) counts in logo churn.
/// Such a customer moves no MRR between two period ends, so the MRR movements are the same either way; only the
/// customer counts differ.
/// </summary>
public enum JoinAndChurn
{
    /// <summary>Left out of new and churned customers (ChartMogul's customer churn rate; ProfitWell).</summary>
    Excluded = 0,

    /// <summary>Counted as both new and churned in the period (Stripe's subscriber churn counts every cancellation among start + new).</summary>
    Counted = 1,
}
