namespace CustomerMetrics.Subscriptions;

/// <summary>A customer's MRR movement in one period (ChartMogul's five movements), plus join-and-churn within the period.</summary>
public enum MovementKind
{
    /// <summary>First paying period.</summary>
    New = 0,

    /// <summary>MRR rose.</summary>
    Expansion = 1,

    /// <summary>MRR fell and stayed positive.</summary>
    Contraction = 2,

    /// <summary>MRR fell to zero: no subscription remains.</summary>
    Churn = 3,

    /// <summary>A former paying customer pays again.</summary>
    Reactivation = 4,

    /// <summary>Paid within the period but at neither end: joined (or returned) and churned within it; moves no MRR.</summary>
    JoinedAndChurned = 5,
}
