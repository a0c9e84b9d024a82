using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// One period of a subscription ledger, as sufficient statistics: the MRR movements between the end of the previous
/// period and the end of this one (<see cref="Movements"/>, ChartMogul's five movements), the customers who joined and
/// churned inside the period, churn split by reason, and the year-ago cohort sums behind trailing-twelve-month
/// retention. Every rate is derived. Periods of disjoint customers (segments) merge with <c>+</c> or <see cref="Add"/>.
/// </summary>
/// <remarks>
/// Definitions (design guide, section "Churn and retention"): logo churn = churned ÷ customers at start (ChartMogul,
/// Baremetrics) or ÷ (start + new) (Stripe); gross MRR churn = (churned + contraction) ÷ MRR at start; net MRR churn =
/// (churned + contraction − expansion − reactivation) ÷ MRR at start; NRR = (start + expansion − contraction − churned
/// [+ reactivation]) ÷ start; GRR = (start − contraction − churned) ÷ start; quick ratio = (new + expansion
/// [+ reactivation]) ÷ (churned + contraction); ARR = 12 × MRR; ARPA = MRR ÷ paying customers. Bracketed terms follow
/// <see cref="LedgerOptions.RetentionCountsReactivation"/> and <see cref="LedgerOptions.QuickRatioCountsReactivation"/>.
/// Every ratio with a zero denominator is NaN, never 0.
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct LedgerPeriod
{
    /// <summary>Creates a period from its sums (the ledger builds these; deserialisation validates through here).</summary>
    /// <param name="period">The period index in the ledger's unit (months: year × 12 + month − 1; weeks and days: day number ÷ length).</param>
    /// <param name="start">First day of the period.</param>
    /// <param name="end">The day MRR is read: the period's last day, or the ledger's observation end for the last period.</param>
    /// <param name="movements">The MRR movements of every customer of the book between the previous period's end and this one's.</param>
    /// <param name="joinedAndChurnedCustomers">Customers who paid inside the period but at neither end, ≥ 0.</param>
    /// <param name="voluntaryChurnedCustomers">Churned customers whose last subscription ended voluntarily, ≥ 0.</param>
    /// <param name="delinquentChurnedCustomers">Churned customers whose last subscription ended delinquent, ≥ 0.</param>
    /// <param name="voluntaryChurnedMrr">Their MRR, ≥ 0.</param>
    /// <param name="delinquentChurnedMrr">Their MRR, ≥ 0.</param>
    /// <param name="yearAgoCustomers">Customers paying one year earlier (<see cref="SubscriptionLedger.PeriodsPerYear"/> periods), ≥ 0.</param>
    /// <param name="yearAgoCustomersRetained">Of those, still paying now, ≤ <paramref name="yearAgoCustomers"/>.</param>
    /// <param name="yearAgoMrr">Their MRR one year earlier, ≥ 0.</param>
    /// <param name="yearAgoMrrNow">Their MRR now, ≥ 0.</param>
    /// <param name="yearAgoMrrRetainedGross">Σ min(now, year ago) over them, ≤ both.</param>
    /// <param name="joinAndChurn">Whether join-and-churn customers count as new and churned.</param>
    /// <param name="logoChurnDenominator">The headline logo-churn denominator.</param>
    /// <param name="retentionCountsReactivation">Whether NRR counts reactivation.</param>
    /// <param name="quickRatioCountsReactivation">Whether the quick ratio counts reactivation.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or amount is negative, a part exceeds its whole, or an enum is undefined (names the member and value).</exception>
    [JsonConstructor]
    public LedgerPeriod(int period, DateOnly start, DateOnly end, MrrMovements<decimal> movements,
        long joinedAndChurnedCustomers, long voluntaryChurnedCustomers, long delinquentChurnedCustomers,
        decimal voluntaryChurnedMrr, decimal delinquentChurnedMrr,
        long yearAgoCustomers, long yearAgoCustomersRetained, decimal yearAgoMrr, decimal yearAgoMrrNow, decimal yearAgoMrrRetainedGross,
        JoinAndChurn joinAndChurn, ChurnDenominator logoChurnDenominator, bool retentionCountsReactivation, bool quickRatioCountsReactivation)
    {
        Guard.NonNegative(joinedAndChurnedCustomers);
        Guard.NonNegative(voluntaryChurnedCustomers);
        Guard.NonNegative(delinquentChurnedCustomers);
        Guard.NonNegative(voluntaryChurnedMrr);
        Guard.NonNegative(delinquentChurnedMrr);
        Guard.NonNegative(yearAgoCustomers);
        Guard.NonNegative(yearAgoCustomersRetained);
        Guard.NonNegative(yearAgoMrr);
        Guard.NonNegative(yearAgoMrrNow);
        Guard.NonNegative(yearAgoMrrRetainedGross);
        if (checked(voluntaryChurnedCustomers + delinquentChurnedCustomers) > checked(movements.ChurnedCustomers + joinedAndChurnedCustomers))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(voluntaryChurnedCustomers), voluntaryChurnedCustomers + delinquentChurnedCustomers,
                string.Create(CultureInfo.InvariantCulture, $"voluntary + delinquent ≤ churned + joined-and-churned = {movements.ChurnedCustomers + joinedAndChurnedCustomers}"));
        }

        if (yearAgoCustomersRetained > yearAgoCustomers)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(yearAgoCustomersRetained), yearAgoCustomersRetained,
                string.Create(CultureInfo.InvariantCulture, $"0 to yearAgoCustomers = {yearAgoCustomers}"));
        }

        if (yearAgoMrrRetainedGross > yearAgoMrr || yearAgoMrrRetainedGross > yearAgoMrrNow)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(yearAgoMrrRetainedGross), yearAgoMrrRetainedGross, "amounts ≤ yearAgoMrr and ≤ yearAgoMrrNow");
        }

        if (!EnumMembers<JoinAndChurn>.IsDefined(joinAndChurn))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(joinAndChurn), (long)joinAndChurn, "Excluded or Counted");
        }

        if (!EnumMembers<ChurnDenominator>.IsDefined(logoChurnDenominator))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(logoChurnDenominator), (long)logoChurnDenominator, "StartOfPeriod or StartPlusNew");
        }

        Period = period;
        Start = start;
        End = end;
        Movements = movements;
        JoinedAndChurnedCustomers = joinedAndChurnedCustomers;
        VoluntaryChurnedCustomers = voluntaryChurnedCustomers;
        DelinquentChurnedCustomers = delinquentChurnedCustomers;
        VoluntaryChurnedMrr = voluntaryChurnedMrr;
        DelinquentChurnedMrr = delinquentChurnedMrr;
        YearAgoCustomers = yearAgoCustomers;
        YearAgoCustomersRetained = yearAgoCustomersRetained;
        YearAgoMrr = yearAgoMrr;
        YearAgoMrrNow = yearAgoMrrNow;
        YearAgoMrrRetainedGross = yearAgoMrrRetainedGross;
        JoinAndChurn = joinAndChurn;
        LogoChurnDenominator = logoChurnDenominator;
        RetentionCountsReactivation = retentionCountsReactivation;
        QuickRatioCountsReactivation = quickRatioCountsReactivation;
    }

    /// <summary>The period index in the ledger's unit.</summary>
    public int Period { get; }

    /// <summary>First day of the period.</summary>
    public DateOnly Start { get; }

    /// <summary>The day MRR is read (the period's last day, or the observation end).</summary>
    public DateOnly End { get; }

    /// <summary>The MRR movements between the previous period's end and this one's (every customer of the book is a row).</summary>
    public MrrMovements<decimal> Movements { get; }

    /// <summary>Customers who paid inside the period but at neither end (no MRR moves between the two ends).</summary>
    public long JoinedAndChurnedCustomers { get; }

    /// <summary>Churned customers whose last subscription ended voluntarily.</summary>
    public long VoluntaryChurnedCustomers { get; }

    /// <summary>Churned customers whose last subscription ended delinquent (failed payment).</summary>
    public long DelinquentChurnedCustomers { get; }

    /// <summary>MRR of the voluntary churn.</summary>
    public decimal VoluntaryChurnedMrr { get; }

    /// <summary>MRR of the delinquent churn.</summary>
    public decimal DelinquentChurnedMrr { get; }

    /// <summary>Customers paying one year before this period's end.</summary>
    public long YearAgoCustomers { get; }

    /// <summary>Of <see cref="YearAgoCustomers"/>, those paying now.</summary>
    public long YearAgoCustomersRetained { get; }

    /// <summary>MRR of <see cref="YearAgoCustomers"/> one year ago.</summary>
    public decimal YearAgoMrr { get; }

    /// <summary>MRR of <see cref="YearAgoCustomers"/> now.</summary>
    public decimal YearAgoMrrNow { get; }

    /// <summary>Σ min(now, year ago) over <see cref="YearAgoCustomers"/>: the part of their year-ago MRR still retained.</summary>
    public decimal YearAgoMrrRetainedGross { get; }

    /// <summary>Whether join-and-churn customers count as new and churned.</summary>
    public JoinAndChurn JoinAndChurn { get; }

    /// <summary>The denominator of <see cref="LogoChurn"/>.</summary>
    public ChurnDenominator LogoChurnDenominator { get; }

    /// <summary>Whether <see cref="NetRevenueRetention"/> counts reactivation.</summary>
    public bool RetentionCountsReactivation { get; }

    /// <summary>Whether <see cref="QuickRatio"/> counts reactivation.</summary>
    public bool QuickRatioCountsReactivation { get; }

    /// <summary>Paying customers at the start.</summary>
    [JsonIgnore]
    public long CustomersAtStart => Movements.CustomersAtStart;

    /// <summary>Paying customers at the end.</summary>
    [JsonIgnore]
    public long CustomersAtEnd => Movements.CustomersAtEnd;

    /// <summary>New customers, plus join-and-churn customers when they count.</summary>
    [JsonIgnore]
    public long NewCustomers => Movements.NewCustomers + (JoinAndChurn == JoinAndChurn.Counted ? JoinedAndChurnedCustomers : 0);

    /// <summary>Churned customers, plus join-and-churn customers when they count.</summary>
    [JsonIgnore]
    public long ChurnedCustomers => Movements.ChurnedCustomers + (JoinAndChurn == JoinAndChurn.Counted ? JoinedAndChurnedCustomers : 0);

    /// <summary>Logo churn with <see cref="LogoChurnDenominator"/>; a fraction, NaN when the denominator is 0.</summary>
    [JsonIgnore]
    public double LogoChurn => LogoChurnWith(LogoChurnDenominator);

    /// <summary>Logo (customer) retention = (start − churned of them) ÷ start, a fraction; NaN with no customer at start.</summary>
    [JsonIgnore]
    public double LogoRetention => CustomersAtStart == 0 ? double.NaN : (double)(CustomersAtStart - Movements.ChurnedCustomers) / CustomersAtStart;

    /// <summary>Gross MRR churn = (churned + contraction) ÷ MRR at start; NaN when MRR at start is 0.</summary>
    [JsonIgnore]
    public double GrossMrrChurn => Movements.GrossMrrChurn;

    /// <summary>Net MRR churn = (churned + contraction − expansion − reactivation) ÷ MRR at start; negative is negative churn.</summary>
    [JsonIgnore]
    public double NetMrrChurn => Movements.NetMrrChurn;

    /// <summary>Net revenue retention this period (reactivation per <see cref="RetentionCountsReactivation"/>); NaN when MRR at start is 0.</summary>
    [JsonIgnore]
    public double NetRevenueRetention => Movements.NetRevenueRetention(RetentionCountsReactivation);

    /// <summary>Gross revenue retention this period = (start − contraction − churned) ÷ start.</summary>
    [JsonIgnore]
    public double GrossRevenueRetention => Movements.GrossRevenueRetention;

    /// <summary>
    /// Trailing-twelve-month NRR: MRR now of the customers paying a year ago ÷ their MRR a year ago (reactivated
    /// year-ago customers count, customers new since do not); NaN in the first year.
    /// </summary>
    [JsonIgnore]
    public double TrailingNetRevenueRetention => YearAgoMrr == 0 ? double.NaN : (double)(YearAgoMrrNow / YearAgoMrr);

    /// <summary>Trailing-twelve-month GRR: Σ min(now, year ago) ÷ Σ year ago over the customers paying a year ago; NaN in the first year.</summary>
    [JsonIgnore]
    public double TrailingGrossRevenueRetention => YearAgoMrr == 0 ? double.NaN : (double)(YearAgoMrrRetainedGross / YearAgoMrr);

    /// <summary>Trailing-twelve-month logo retention: share of the customers paying a year ago who pay now; NaN in the first year.</summary>
    [JsonIgnore]
    public double TrailingLogoRetention => YearAgoCustomers == 0 ? double.NaN : (double)YearAgoCustomersRetained / YearAgoCustomers;

    /// <summary>Quick ratio (reactivation per <see cref="QuickRatioCountsReactivation"/>); NaN when nothing was lost.</summary>
    [JsonIgnore]
    public double QuickRatio => Movements.QuickRatio(QuickRatioCountsReactivation);

    /// <summary>ARR = 12 × MRR at the end, currency units per year.</summary>
    [JsonIgnore]
    public decimal Arr => 12 * Movements.EndingMrr;

    /// <summary>ARPA = MRR at the end ÷ paying customers at the end; NaN when there are none.</summary>
    [JsonIgnore]
    public double Arpa => Movements.Arpa;

    /// <summary>ARPA of new customers = new MRR ÷ new customers (ChartMogul's ASP for monthly plans); NaN when none joined.</summary>
    [JsonIgnore]
    public double NewCustomerArpa => Movements.NewCustomers == 0 ? double.NaN : (double)(Movements.NewMrr / Movements.NewCustomers);

    /// <summary>Logo churn with the named denominator; a fraction, NaN when the denominator is 0.</summary>
    /// <param name="denominator">Customers at start, or start + new.</param>
    /// <returns>The rate (with <see cref="ChurnDenominator.StartOfPeriod"/> and join-and-churn counted it can exceed 1).</returns>
    public double LogoChurnWith(ChurnDenominator denominator)
    {
        long d = denominator == ChurnDenominator.StartPlusNew ? CustomersAtStart + NewCustomers : CustomersAtStart;
        return d == 0 ? double.NaN : (double)ChurnedCustomers / d;
    }

    /// <summary>Wilson score interval (Wilson 1927) of <see cref="LogoChurn"/>, treating the denominator as trials.</summary>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    /// <returns>The interval; NaN bounds when the denominator is 0 or churned customers exceed it (join-and-churn over customers at start).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public ConfidenceInterval LogoChurnInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        long d = LogoChurnDenominator == ChurnDenominator.StartPlusNew ? CustomersAtStart + NewCustomers : CustomersAtStart;
        return WilsonOrNaN(ChurnedCustomers, d, confidenceLevel);
    }

    /// <summary>Wilson score interval of <see cref="LogoRetention"/> (retained of the customers at start).</summary>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    /// <returns>The interval; NaN bounds with no customer at start.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public ConfidenceInterval LogoRetentionInterval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        return WilsonOrNaN(CustomersAtStart - Movements.ChurnedCustomers, CustomersAtStart, confidenceLevel);
    }

    /// <summary>
    /// Whether logo retention (equivalently churn among the customers at start) changed between two periods: a pooled
    /// two-proportion z test and Newcombe's interval of the difference (<see cref="Retention.Compare"/>).
    /// </summary>
    /// <param name="a">One period.</param>
    /// <param name="b">The other.</param>
    /// <returns>The comparison: rate A − rate B of retention; churn changed by the opposite amount.</returns>
    public static RetentionComparison CompareRetention(LedgerPeriod a, LedgerPeriod b) =>
        Retention.Compare(a.CustomersAtStart - a.Movements.ChurnedCustomers, a.CustomersAtStart, b.CustomersAtStart - b.Movements.ChurnedCustomers, b.CustomersAtStart);

    /// <summary>Merges the same period of two disjoint sets of customers (segments): every sum and count adds.</summary>
    /// <param name="left">One part.</param>
    /// <param name="right">The other.</param>
    /// <returns>The merged period.</returns>
    /// <exception cref="ArgumentException">The periods or rules differ (the <c>default</c> value merges with anything).</exception>
    /// <exception cref="OverflowException">A count or sum overflows.</exception>
    public static LedgerPeriod operator +(LedgerPeriod left, LedgerPeriod right)
    {
        if (left == default)
        {
            return right;
        }

        if (right == default)
        {
            return left;
        }

        if (left.Period != right.Period || left.Start != right.Start || left.End != right.End || left.JoinAndChurn != right.JoinAndChurn
            || left.LogoChurnDenominator != right.LogoChurnDenominator || left.RetentionCountsReactivation != right.RetentionCountsReactivation
            || left.QuickRatioCountsReactivation != right.QuickRatioCountsReactivation)
        {
            ThrowHelper.Argument(nameof(right), string.Create(CultureInfo.InvariantCulture,
                $"Cannot merge ledger period {left.Period} ({left.Start:yyyy-MM-dd}) with period {right.Period} ({right.Start:yyyy-MM-dd}) or with different rules."));
        }

        return new LedgerPeriod(left.Period, left.Start, left.End, left.Movements + right.Movements,
            checked(left.JoinedAndChurnedCustomers + right.JoinedAndChurnedCustomers),
            checked(left.VoluntaryChurnedCustomers + right.VoluntaryChurnedCustomers),
            checked(left.DelinquentChurnedCustomers + right.DelinquentChurnedCustomers),
            left.VoluntaryChurnedMrr + right.VoluntaryChurnedMrr, left.DelinquentChurnedMrr + right.DelinquentChurnedMrr,
            checked(left.YearAgoCustomers + right.YearAgoCustomers), checked(left.YearAgoCustomersRetained + right.YearAgoCustomersRetained),
            left.YearAgoMrr + right.YearAgoMrr, left.YearAgoMrrNow + right.YearAgoMrrNow, left.YearAgoMrrRetainedGross + right.YearAgoMrrRetainedGross,
            left.JoinAndChurn, left.LogoChurnDenominator, left.RetentionCountsReactivation, left.QuickRatioCountsReactivation);
    }

    /// <summary>Named twin of <c>+</c>.</summary>
    /// <param name="left">One part.</param>
    /// <param name="right">The other.</param>
    /// <returns>The merged period.</returns>
    /// <exception cref="ArgumentException">The periods or rules differ.</exception>
    /// <exception cref="OverflowException">A count or sum overflows.</exception>
    public static LedgerPeriod Add(LedgerPeriod left, LedgerPeriod right) => left + right;

    /// <summary>One line: period start, MRR bridge, customers, logo churn, MRR churn, NRR, quick ratio; invariant culture.</summary>
    /// <returns>The period as text.</returns>
    public override string ToString()
    {
        MrrMovements<decimal> m = Movements;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Start:yyyy-MM-dd} MRR {m.StartingMrr:#,0.##} -> {m.EndingMrr:#,0.##} (+{m.NewMrr:#,0.##} new, +{m.ExpansionMrr:#,0.##} exp, +{m.ReactivationMrr:#,0.##} react, -{m.ContractionMrr:#,0.##} contr, -{m.ChurnedMrr:#,0.##} churn); customers {CustomersAtStart} -> {CustomersAtEnd}; logo churn {LogoChurn:P1}; gross MRR churn {GrossMrrChurn:P1}; NRR {NetRevenueRetention:P1}; quick ratio {QuickRatio:0.##}");
    }

    private static ConfidenceInterval WilsonOrNaN(long successes, long trials, double confidenceLevel)
    {
        if (trials <= 0 || successes > trials || successes < 0)
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        (double lower, double upper) = Stats.Wilson(successes, trials, Stats.TwoSidedZ(confidenceLevel));
        return new ConfidenceInterval(lower, upper, confidenceLevel);
    }
}
