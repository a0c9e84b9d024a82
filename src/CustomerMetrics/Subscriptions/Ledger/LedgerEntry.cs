using System.Globalization;

namespace CustomerMetrics.Subscriptions;

/// <summary>One customer's movement in one period: the "who churned, who expanded" line of a vendor's data table.</summary>
/// <typeparam name="TCustomer">The customer key type.</typeparam>
/// <param name="Customer">The customer.</param>
/// <param name="Period">The period index in the ledger's <see cref="LedgerOptions.Period"/> (see <see cref="LedgerPeriod.Period"/>).</param>
/// <param name="Kind">The movement.</param>
/// <param name="PreviousMrr">MRR at the end of the previous period.</param>
/// <param name="CurrentMrr">MRR at the end of this period.</param>
public readonly record struct LedgerEntry<TCustomer>(TCustomer Customer, int Period, MovementKind Kind, decimal PreviousMrr, decimal CurrentMrr)
{
    /// <summary>The MRR moved, as a positive amount: current − previous for gains, previous − current for losses, 0 for join-and-churn.</summary>
    public decimal Amount => Math.Abs(CurrentMrr - PreviousMrr);

    /// <summary>"customer 42, period 24301: Churn 99 (99 -> 0)".</summary>
    /// <returns>The entry as text, invariant culture.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"customer {Customer}, period {Period}: {Kind} {Amount:0.##} ({PreviousMrr:0.##} -> {CurrentMrr:0.##})");
}
