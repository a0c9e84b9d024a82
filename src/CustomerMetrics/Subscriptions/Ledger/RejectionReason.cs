namespace CustomerMetrics.Subscriptions;

/// <summary>Why the lenient ledger left a subscription record out.</summary>
public enum RejectionReason
{
    /// <summary><c>EndsOn</c>, <c>CancelledOn</c> or <c>TrialEndsOn</c> before <c>Start</c>, cancellation after the end, or a pause ending before it begins.</summary>
    DateOrder = 0,

    /// <summary>A negative price.</summary>
    NegativePrice = 1,

    /// <summary>An interval that is not a defined <see cref="BillingInterval"/>, or an interval count below 1.</summary>
    UnknownInterval = 2,

    /// <summary>A negative quantity.</summary>
    NegativeQuantity = 3,

    /// <summary>A discount amount below 0, a percent outside [0, 1] or a duration below 1.</summary>
    InvalidDiscount = 4,

    /// <summary>A record of the same customer and subscription key overlapping an earlier record in time.</summary>
    OverlappingDuplicate = 5,

    /// <summary>A null record or a null key.</summary>
    MissingKey = 6,
}
