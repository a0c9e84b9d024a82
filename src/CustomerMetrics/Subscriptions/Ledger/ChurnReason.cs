namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Why a subscription ended, when the billing system says so. ProfitWell (Paddle) reports voluntary churn (the
/// customer cancelled) and delinquent churn (payment failed and was not recovered) apart; the ledger keeps them apart
/// for every preset.
/// </summary>
public enum ChurnReason
{
    /// <summary>Not recorded.</summary>
    Unspecified = 0,

    /// <summary>The customer cancelled.</summary>
    Voluntary = 1,

    /// <summary>Payment failed and was not recovered (involuntary churn).</summary>
    Delinquent = 2,
}
