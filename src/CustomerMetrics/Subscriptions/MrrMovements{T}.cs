using System.Globalization;
using System.Numerics;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The MRR movements between two periods, as sufficient statistics: for each movement class the number of customers
/// and the MRR moved, plus starting and ending MRR. Every customer falls into exactly one class: new, expansion,
/// contraction, churned, reactivation or unchanged (unchanged includes the customers with zero MRR in both periods,
/// counted separately as <see cref="InactiveCustomers"/>). Gross and net MRR churn, negative churn, net and gross
/// revenue retention, the quick ratio and ARPA are derived. Results over disjoint customers merge with <c>+</c>;
/// <c>default</c> is the empty identity. Build one with <see cref="MrrMovements.Between(ReadOnlySpan{decimal}, ReadOnlySpan{decimal})"/>
/// (exact <c>decimal</c>) or its <c>double</c> overloads (vectorised, pairwise sums).
/// </summary>
/// <typeparam name="T">The money type: <see cref="decimal"/> (exact sums) or <see cref="double"/> (fast path).</typeparam>
/// <remarks>
/// Definitions: ChartMogul, <i>MRR movements</i> and <i>Net MRR churn rate</i>; Baremetrics, <i>MRR churn</i>;
/// net and gross revenue retention as in the design guide (NRR = (start + expansion − contraction − churned) ÷ start,
/// GRR = (start − contraction − churned) ÷ start); quick ratio (Mamoon Hamid, Social Capital) = (new + expansion) ÷
/// (churned + contraction). All money is in the caller's currency units per period; all amounts are ≥ 0
/// (contraction and churn are magnitudes). Every ratio over a zero starting MRR (or zero customers, or zero losses for
/// the quick ratio) is <see cref="double.NaN"/>, never 0.
/// </remarks>
public readonly record struct MrrMovements<T>
    where T : struct, INumber<T>
{
    /// <summary>MRR at the start: the sum of the previous period's MRR over all customers.</summary>
    public T StartingMrr { get; init; }

    /// <summary>MRR at the end: the sum of the current period's MRR over all customers.</summary>
    public T EndingMrr { get; init; }

    /// <summary>MRR of new customers (zero before, positive now, not flagged as former customers).</summary>
    public T NewMrr { get; init; }

    /// <summary>MRR gained by expanding customers (current − previous where both are positive and current is larger).</summary>
    public T ExpansionMrr { get; init; }

    /// <summary>MRR lost by contracting customers, as a positive amount (previous − current where both are positive).</summary>
    public T ContractionMrr { get; init; }

    /// <summary>MRR lost by churned customers (positive before, zero now), as a positive amount: their previous MRR.</summary>
    public T ChurnedMrr { get; init; }

    /// <summary>MRR of reactivated customers (zero before, positive now, flagged as former customers).</summary>
    public T ReactivationMrr { get; init; }

    /// <summary>Customers new in this period.</summary>
    public long NewCustomers { get; init; }

    /// <summary>Customers whose MRR rose.</summary>
    public long ExpansionCustomers { get; init; }

    /// <summary>Customers whose MRR fell but stayed positive.</summary>
    public long ContractionCustomers { get; init; }

    /// <summary>Customers whose MRR fell to zero.</summary>
    public long ChurnedCustomers { get; init; }

    /// <summary>Former customers who came back.</summary>
    public long ReactivatedCustomers { get; init; }

    /// <summary>Customers whose MRR did not change, including those at zero in both periods (<see cref="InactiveCustomers"/>).</summary>
    public long UnchangedCustomers { get; init; }

    /// <summary>The part of <see cref="UnchangedCustomers"/> with zero MRR in both periods (not customers in either).</summary>
    public long InactiveCustomers { get; init; }

    /// <summary>Every customer (row) seen: the sum of the six movement classes.</summary>
    public long Customers => NewCustomers + ExpansionCustomers + ContractionCustomers + ChurnedCustomers + ReactivatedCustomers + UnchangedCustomers;

    /// <summary>Paying customers at the start (previous MRR &gt; 0).</summary>
    public long CustomersAtStart => ExpansionCustomers + ContractionCustomers + ChurnedCustomers + UnchangedCustomers - InactiveCustomers;

    /// <summary>Paying customers at the end (current MRR &gt; 0).</summary>
    public long CustomersAtEnd => NewCustomers + ReactivatedCustomers + ExpansionCustomers + ContractionCustomers + UnchangedCustomers - InactiveCustomers;

    /// <summary>
    /// Net new MRR = new + expansion + reactivation − contraction − churned, which equals
    /// <see cref="EndingMrr"/> − <see cref="StartingMrr"/> (exactly for decimal, to rounding for double).
    /// </summary>
    public T NetNewMrr => NewMrr + ExpansionMrr + ReactivationMrr - ContractionMrr - ChurnedMrr;

    /// <summary>Gross MRR churn = (churned + contraction) ÷ starting MRR, a fraction ≥ 0; NaN when starting MRR is 0.</summary>
    public double GrossMrrChurn => Ratio(ChurnedMrr + ContractionMrr, StartingMrr);

    /// <summary>
    /// Net MRR churn = (churned + contraction − expansion − reactivation) ÷ starting MRR, a fraction; negative when
    /// expansion outweighs what is lost (<see cref="IsNegativeChurn"/>). NaN when starting MRR is 0.
    /// </summary>
    public double NetMrrChurn => Ratio(ChurnedMrr + ContractionMrr - ExpansionMrr - ReactivationMrr, StartingMrr);

    /// <summary>Negative churn: <see cref="NetMrrChurn"/> below zero. <see langword="false"/> when it is NaN.</summary>
    public bool IsNegativeChurn => NetMrrChurn < 0;

    /// <summary>
    /// Net revenue retention NRR = (start + expansion − contraction − churned) ÷ start, a fraction (1.1 = 110 %); NaN
    /// when starting MRR is 0. Reactivation is not counted (it comes from customers absent at the start), so
    /// NRR = 1 − <see cref="NetMrrChurn"/> − reactivation ÷ start.
    /// </summary>
    public double NetRevenueRetention => Ratio(StartingMrr + ExpansionMrr - ContractionMrr - ChurnedMrr, StartingMrr);

    /// <summary>Gross revenue retention GRR = (start − contraction − churned) ÷ start, a fraction in [0, 1]; NaN when starting MRR is 0.</summary>
    public double GrossRevenueRetention => Ratio(StartingMrr - ContractionMrr - ChurnedMrr, StartingMrr);

    /// <summary>
    /// SaaS quick ratio = (new + expansion) ÷ (churned + contraction), dimensionless (4 is the usual bar);
    /// NaN when nothing was lost (churned + contraction = 0).
    /// </summary>
    public double QuickRatio => Ratio(NewMrr + ExpansionMrr, ChurnedMrr + ContractionMrr);

    /// <summary>Average revenue per account at the end = ending MRR ÷ paying customers at the end; NaN when there are none.</summary>
    public double Arpa => CustomersAtEnd == 0 ? double.NaN : double.CreateChecked(EndingMrr) / CustomersAtEnd;

    /// <summary>Average revenue per account at the start = starting MRR ÷ paying customers at the start; NaN when there are none.</summary>
    public double ArpaAtStart => CustomersAtStart == 0 ? double.NaN : double.CreateChecked(StartingMrr) / CustomersAtStart;

    /// <summary>Merges the movements of two disjoint sets of customers: every sum and count adds.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The movements of both sets.</returns>
    /// <exception cref="OverflowException">A decimal sum or a count overflows.</exception>
    public static MrrMovements<T> operator +(MrrMovements<T> left, MrrMovements<T> right) => new()
    {
        StartingMrr = left.StartingMrr + right.StartingMrr,
        EndingMrr = left.EndingMrr + right.EndingMrr,
        NewMrr = left.NewMrr + right.NewMrr,
        ExpansionMrr = left.ExpansionMrr + right.ExpansionMrr,
        ContractionMrr = left.ContractionMrr + right.ContractionMrr,
        ChurnedMrr = left.ChurnedMrr + right.ChurnedMrr,
        ReactivationMrr = left.ReactivationMrr + right.ReactivationMrr,
        NewCustomers = checked(left.NewCustomers + right.NewCustomers),
        ExpansionCustomers = checked(left.ExpansionCustomers + right.ExpansionCustomers),
        ContractionCustomers = checked(left.ContractionCustomers + right.ContractionCustomers),
        ChurnedCustomers = checked(left.ChurnedCustomers + right.ChurnedCustomers),
        ReactivatedCustomers = checked(left.ReactivatedCustomers + right.ReactivatedCustomers),
        UnchangedCustomers = checked(left.UnchangedCustomers + right.UnchangedCustomers),
        InactiveCustomers = checked(left.InactiveCustomers + right.InactiveCustomers),
    };

    /// <summary>A multi-line summary: MRR bridge with counts, then the derived rates, invariant culture.</summary>
    /// <returns>The movements as text.</returns>
    public override string ToString()
    {
        var s = new System.Text.StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"MRR {Money(StartingMrr)} -> {Money(EndingMrr)} ({CustomersAtStart} -> {CustomersAtEnd} customers)").AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"  new          +{Money(NewMrr),14} ({NewCustomers})").AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"  expansion    +{Money(ExpansionMrr),14} ({ExpansionCustomers})").AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"  reactivation +{Money(ReactivationMrr),14} ({ReactivatedCustomers})").AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"  contraction  -{Money(ContractionMrr),14} ({ContractionCustomers})").AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"  churned      -{Money(ChurnedMrr),14} ({ChurnedCustomers})").AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"  unchanged     {"",14} ({UnchangedCustomers - InactiveCustomers} paying, {InactiveCustomers} inactive)").AppendLine();
        s.Append(CultureInfo.InvariantCulture,
            $"gross MRR churn {GrossMrrChurn:P2}, net MRR churn {NetMrrChurn:P2}{(IsNegativeChurn ? " (negative churn)" : "")}, NRR {NetRevenueRetention:P2}, GRR {GrossRevenueRetention:P2}, quick ratio {QuickRatio:0.##}, ARPA {Arpa:0.##}");
        return s.ToString();
    }

    private static string Money(T value) => double.CreateChecked(value).ToString("#,0.##", CultureInfo.InvariantCulture);

    private static double Ratio(T numerator, T denominator) =>
        denominator == T.Zero ? double.NaN : double.CreateChecked(numerator / denominator);
}
