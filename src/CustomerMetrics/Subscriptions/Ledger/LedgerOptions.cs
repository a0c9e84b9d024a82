using CustomerMetrics.Value;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The rules that turn a billing log into a ledger. The named presets (<see cref="ChartMogul"/>, <see cref="Stripe"/>,
/// <see cref="Baremetrics"/>, <see cref="ProfitWell"/>) differ only where the vendors' help pages differ; every rule is
/// also an explicit property, so a caller can name any mix (<c>LedgerOptions.Stripe with { Period = PeriodUnit.Week }</c>).
/// </summary>
/// <remarks>
/// Rules every preset shares (each vendor's MRR pages agree): MRR is normalised to a month
/// (<see cref="MrrNormalization"/>); trials and pauses count 0; a customer's MRR is the sum of its subscriptions, so a
/// customer churns only when no subscription remains, and losing one of several subscriptions is contraction
/// (ChartMogul, <i>Data Table and MRR Movements</i>: "A customer only counts towards Churn MRR if they don't have any
/// other active subscriptions"); a return from zero of a former paying customer is reactivation; voluntary and
/// delinquent churn are kept apart whenever the record says why it ended (ProfitWell). MRR is read at the last day of
/// each period.
/// </remarks>
public sealed record LedgerOptions
{
    /// <summary>A descriptive name ("ChartMogul", "custom", …) shown by <c>ToString</c> of the ledger.</summary>
    public string Name { get; init; } = "custom";

    /// <summary>The period of the ledger: a calendar month by default; weeks run Monday to Sunday.</summary>
    public PeriodUnit Period { get; init; } = PeriodUnit.Month;

    /// <summary>When a cancelled subscription leaves MRR.</summary>
    public ChurnTiming ChurnTiming { get; init; } = ChurnTiming.EndOfService;

    /// <summary>Whether customers who join and churn within one period count in logo churn.</summary>
    public JoinAndChurn JoinAndChurn { get; init; } = JoinAndChurn.Excluded;

    /// <summary>The denominator of the headline logo churn rate (<see cref="LedgerPeriod.LogoChurn"/>); both are always available.</summary>
    public ChurnDenominator LogoChurnDenominator { get; init; } = ChurnDenominator.StartOfPeriod;

    /// <summary>How discounts that last a finite number of billing periods enter MRR.</summary>
    public FiniteDiscounts FiniteDiscounts { get; init; } = FiniteDiscounts.ReduceMrr;

    /// <summary>
    /// A return from zero counts as reactivation only if the customer last paid within this many periods; later it is
    /// new business again. <see langword="null"/> (every preset): any former paying customer reactivates.
    /// </summary>
    public int? ReactivationWithinPeriods { get; init; }

    /// <summary>Whether <see cref="LedgerPeriod.NetRevenueRetention"/> adds reactivation MRR to the retained MRR (default: no, the design guide's NRR).</summary>
    public bool RetentionCountsReactivation { get; init; }

    /// <summary>Whether <see cref="LedgerPeriod.QuickRatio"/> adds reactivation MRR to the gains (default: no, (new + expansion) ÷ (churn + contraction)).</summary>
    public bool QuickRatioCountsReactivation { get; init; }

    /// <summary>Whether the ledger lists every customer's movement per period (<see cref="SubscriptionLedger{TCustomer}.Entries"/>); off saves memory on large books.</summary>
    public bool IncludeCustomerEntries { get; init; } = true;

    /// <summary>
    /// ChartMogul: churn recognised at the end of the paid period (<i>MRR movements</i>, "reports the churn at the end of
    /// the current billing period"); customer churn rate ÷ customers at start, excluding customers who joined and churned
    /// within the period; every discount reduces MRR, and a discount expiring is expansion (<i>Data Table and MRR Movements</i>).
    /// </summary>
    public static LedgerOptions ChartMogul { get; } = new() { Name = "ChartMogul" };

    /// <summary>
    /// Stripe Billing: subscriber churn = churned ÷ (active at start + new), counting everyone who cancelled among them;
    /// MRR excludes trials; forever coupons reduce MRR, finite ("once", "repeating") coupons do not; a subscription counts
    /// until it is cancelled (its end of service).
    /// </summary>
    public static LedgerOptions Stripe { get; } = new()
    {
        Name = "Stripe",
        JoinAndChurn = JoinAndChurn.Counted,
        LogoChurnDenominator = ChurnDenominator.StartPlusNew,
        FiniteDiscounts = FiniteDiscounts.Ignore,
    };

    /// <summary>
    /// Baremetrics: user churn = cancellations in the period ÷ customers active at its start, every cancellation counted
    /// (a same-day start and cancel is a wash the daily snapshot never sees); revenue churn = MRR lost to downgrades and
    /// cancellations ÷ MRR at start; quick ratio (new + expansion) ÷ (contraction + churn).
    /// </summary>
    public static LedgerOptions Baremetrics { get; } = new()
    {
        Name = "Baremetrics",
        JoinAndChurn = JoinAndChurn.Counted,
    };

    /// <summary>
    /// ProfitWell (Paddle): a cancellation keeps its MRR to the end of the paid cycle, then churns; a customer new and
    /// churned in one month is left out; voluntary and delinquent churn apart.
    /// </summary>
    public static LedgerOptions ProfitWell { get; } = new() { Name = "ProfitWell" };

    /// <summary>The four presets, for tables and tests.</summary>
    public static IReadOnlyList<LedgerOptions> Presets { get; } = [ChartMogul, Stripe, Baremetrics, ProfitWell];
}
