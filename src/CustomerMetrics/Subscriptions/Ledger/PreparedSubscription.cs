namespace CustomerMetrics.Subscriptions;

/// <summary>
/// A validated record reduced to day numbers and MRR amounts under the ledger's rules. It holds no reference (pauses are
/// read from the record when <see cref="HasPauses"/>), so an array of them is never scanned by the garbage collector.
/// </summary>
internal readonly struct PreparedSubscription
{
    public PreparedSubscription(int startDay, int churnDay, int paidFromDay, int discountUntilDay, decimal fullMrr, decimal discountedMrr,
        bool hasPauses, ChurnReason reason)
    {
        StartDay = startDay;
        ChurnDay = churnDay;
        PaidFromDay = paidFromDay;
        DiscountUntilDay = discountUntilDay;
        FullMrr = fullMrr;
        DiscountedMrr = discountedMrr;
        HasPauses = hasPauses;
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

    /// <summary>The record has at least one pause (read them from the record).</summary>
    public bool HasPauses { get; }

    public ChurnReason Reason { get; }
}
