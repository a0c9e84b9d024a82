using System.Collections.Immutable;

namespace CustomerMetrics.Subscriptions;

/// <summary>A validated record reduced to day numbers and MRR amounts under the ledger's rules.</summary>
internal readonly struct PreparedSubscription
{
    public PreparedSubscription(int startDay, int churnDay, int paidFromDay, int discountUntilDay, decimal fullMrr, decimal discountedMrr,
        ImmutableArray<PauseInterval> pauses, ChurnReason reason)
    {
        StartDay = startDay;
        ChurnDay = churnDay;
        PaidFromDay = paidFromDay;
        DiscountUntilDay = discountUntilDay;
        FullMrr = fullMrr;
        DiscountedMrr = discountedMrr;
        Pauses = pauses.IsDefault ? [] : pauses;
        Reason = reason;
    }

    /// <summary>First day of service.</summary>
    public int StartDay { get; }

    /// <summary>First day without MRR under the churn timing (int.MaxValue while running).</summary>
    public int ChurnDay { get; }

    /// <summary>First day after the trial.</summary>
    public int PaidFromDay { get; }

    /// <summary>First day without the discount (int.MaxValue for forever; PaidFromDay when it never applies).</summary>
    public int DiscountUntilDay { get; }

    public decimal FullMrr { get; }

    public decimal DiscountedMrr { get; }

    public ImmutableArray<PauseInterval> Pauses { get; }

    public ChurnReason Reason { get; }
}
