using System.Collections.Immutable;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// One subscription (or one phase of it) from a billing export: who, what, when and at what price. A plan change is two
/// records with the same <see cref="SubscriptionKey"/>: the first ends on the day the second starts. Dates are calendar
/// days in the time zone the caller's books use; ranges are half-open (a record serves from <see cref="Start"/> up to,
/// not including, <see cref="EndsOn"/>).
/// </summary>
/// <typeparam name="TCustomer">The customer key (a string id, a Guid, a long…): any type with value equality.</typeparam>
/// <typeparam name="TSubscription">The subscription key: any type with value equality.</typeparam>
/// <remarks>Validated by <see cref="SubscriptionLedger.Build{TCustomer, TSubscription}(IReadOnlyList{SubscriptionRecord{TCustomer, TSubscription}}, DateOnly, LedgerOptions)"/>,
/// which names the record index and field of a bad value, or counted by the lenient twin.</remarks>
public sealed record SubscriptionRecord<TCustomer, TSubscription>
    where TCustomer : notnull
    where TSubscription : notnull
{
    /// <summary>The customer who pays.</summary>
    public required TCustomer CustomerKey { get; init; }

    /// <summary>The subscription; records with the same customer and subscription key must not overlap in time.</summary>
    public required TSubscription SubscriptionKey { get; init; }

    /// <summary>First day of service (the trial's first day when there is a trial).</summary>
    public required DateOnly Start { get; init; }

    /// <summary>The day the customer asked to cancel, or <see langword="null"/>; between <see cref="Start"/> and <see cref="EndsOn"/>.</summary>
    public DateOnly? CancelledOn { get; init; }

    /// <summary>First day without service (exclusive end), or <see langword="null"/> while the subscription runs; ≥ <see cref="Start"/>.</summary>
    public DateOnly? EndsOn { get; init; }

    /// <summary>List price per unit per billing period, currency units, ≥ 0.</summary>
    public required decimal Price { get; init; }

    /// <summary>The billing interval's unit.</summary>
    public BillingInterval Interval { get; init; } = BillingInterval.Month;

    /// <summary>Billing intervals per billing period (a six-monthly plan is <see cref="BillingInterval.Month"/> × 6), ≥ 1.</summary>
    public int IntervalCount { get; init; } = 1;

    /// <summary>Seats or units, ≥ 0 (MRR = price × quantity, normalised to a month).</summary>
    public int Quantity { get; init; } = 1;

    /// <summary>A discount, or <see langword="null"/>.</summary>
    public SubscriptionDiscount? Discount { get; init; }

    /// <summary>First day after the trial (exclusive), or <see langword="null"/> for no trial; a trial counts 0 MRR (Stripe, ChartMogul).</summary>
    public DateOnly? TrialEndsOn { get; init; }

    /// <summary>Pauses (no MRR while paused); default or empty for none.</summary>
    public ImmutableArray<PauseInterval> Pauses { get; init; }

    /// <summary>A segment key (plan, country, channel) or <see langword="null"/>. A customer's segment is that of its earliest record.</summary>
    public string? Segment { get; init; }

    /// <summary>Why the subscription ended, when the billing system says so.</summary>
    public ChurnReason EndReason { get; init; }
}
