using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

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
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct MrrMovements<T>
    where T : struct, INumber<T>
{
    /// <summary>
    /// Creates movements from their sums and counts (as <see cref="MrrMovements"/><c>.Between</c> does); the JSON
    /// constructor. Every field is checked, alone and against the others.
    /// </summary>
    /// <param name="startingMrr">MRR at the start, finite, ≥ 0; 0 exactly when no customer paid at the start.</param>
    /// <param name="endingMrr">MRR at the end, finite, ≥ 0; 0 exactly when no customer pays at the end; equal to start + new + expansion + reactivation − contraction − churned (to a relative 1e-9 for rounding).</param>
    /// <param name="newMrr">MRR of new customers, finite, ≥ 0; 0 when there are none.</param>
    /// <param name="expansionMrr">MRR gained by expanding customers, finite, ≥ 0; 0 when there are none.</param>
    /// <param name="contractionMrr">MRR lost by contracting customers (a magnitude), finite, ≥ 0; 0 when there are none.</param>
    /// <param name="churnedMrr">MRR lost by churned customers (a magnitude), finite, ≥ 0; 0 when there are none.</param>
    /// <param name="reactivationMrr">MRR of reactivated customers, finite, ≥ 0; 0 when there are none.</param>
    /// <param name="newCustomers">Customers new in this period, ≥ 0.</param>
    /// <param name="expansionCustomers">Customers whose MRR rose, ≥ 0.</param>
    /// <param name="contractionCustomers">Customers whose MRR fell but stayed positive, ≥ 0.</param>
    /// <param name="churnedCustomers">Customers whose MRR fell to zero, ≥ 0.</param>
    /// <param name="reactivatedCustomers">Former customers who came back, ≥ 0.</param>
    /// <param name="unchangedCustomers">Customers whose MRR did not change (inactive ones included), ≥ 0.</param>
    /// <param name="inactiveCustomers">The unchanged customers with zero MRR in both periods, 0 to <paramref name="unchangedCustomers"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative, NaN or infinite, a count is negative, or
    /// <paramref name="inactiveCustomers"/> exceeds <paramref name="unchangedCustomers"/>.</exception>
    /// <exception cref="ArgumentException">The amounts disagree with the counts or with each other (the message names the field).</exception>
    /// <exception cref="OverflowException">The count of all customers exceeds <see cref="long.MaxValue"/>.</exception>
    [JsonConstructor]
    public MrrMovements(T startingMrr, T endingMrr, T newMrr, T expansionMrr, T contractionMrr, T churnedMrr, T reactivationMrr,
        long newCustomers, long expansionCustomers, long contractionCustomers, long churnedCustomers, long reactivatedCustomers,
        long unchangedCustomers, long inactiveCustomers)
    {
        Guard.NonNegativeMoney(startingMrr);
        Guard.NonNegativeMoney(endingMrr);
        Guard.NonNegativeMoney(newMrr);
        Guard.NonNegativeMoney(expansionMrr);
        Guard.NonNegativeMoney(contractionMrr);
        Guard.NonNegativeMoney(churnedMrr);
        Guard.NonNegativeMoney(reactivationMrr);
        Guard.NonNegative(newCustomers);
        Guard.NonNegative(expansionCustomers);
        Guard.NonNegative(contractionCustomers);
        Guard.NonNegative(churnedCustomers);
        Guard.NonNegative(reactivatedCustomers);
        Guard.NonNegative(unchangedCustomers);
        Guard.PartOf(inactiveCustomers, unchangedCustomers);
        _ = Guard.Total("newCustomers + expansionCustomers + contractionCustomers + churnedCustomers + reactivatedCustomers + unchangedCustomers",
            newCustomers, expansionCustomers, contractionCustomers, churnedCustomers, reactivatedCustomers, unchangedCustomers);
        CheckConsistency(
            double.CreateSaturating(startingMrr), double.CreateSaturating(endingMrr), double.CreateSaturating(newMrr),
            double.CreateSaturating(expansionMrr), double.CreateSaturating(contractionMrr), double.CreateSaturating(churnedMrr),
            double.CreateSaturating(reactivationMrr), newCustomers, expansionCustomers, contractionCustomers, churnedCustomers,
            reactivatedCustomers, unchangedCustomers - inactiveCustomers);
        StartingMrr = startingMrr;
        EndingMrr = endingMrr;
        NewMrr = newMrr;
        ExpansionMrr = expansionMrr;
        ContractionMrr = contractionMrr;
        ChurnedMrr = churnedMrr;
        ReactivationMrr = reactivationMrr;
        NewCustomers = newCustomers;
        ExpansionCustomers = expansionCustomers;
        ContractionCustomers = contractionCustomers;
        ChurnedCustomers = churnedCustomers;
        ReactivatedCustomers = reactivatedCustomers;
        UnchangedCustomers = unchangedCustomers;
        InactiveCustomers = inactiveCustomers;
    }

    /// <summary>MRR at the start: the sum of the previous period's MRR over all customers.</summary>
    public T StartingMrr { get; }

    /// <summary>MRR at the end: the sum of the current period's MRR over all customers.</summary>
    public T EndingMrr { get; }

    /// <summary>MRR of new customers (zero before, positive now, not flagged as former customers).</summary>
    public T NewMrr { get; }

    /// <summary>MRR gained by expanding customers (current − previous where both are positive and current is larger).</summary>
    public T ExpansionMrr { get; }

    /// <summary>MRR lost by contracting customers, as a positive amount (previous − current where both are positive).</summary>
    public T ContractionMrr { get; }

    /// <summary>MRR lost by churned customers (positive before, zero now), as a positive amount: their previous MRR.</summary>
    public T ChurnedMrr { get; }

    /// <summary>MRR of reactivated customers (zero before, positive now, flagged as former customers).</summary>
    public T ReactivationMrr { get; }

    /// <summary>Customers new in this period.</summary>
    public long NewCustomers { get; }

    /// <summary>Customers whose MRR rose.</summary>
    public long ExpansionCustomers { get; }

    /// <summary>Customers whose MRR fell but stayed positive.</summary>
    public long ContractionCustomers { get; }

    /// <summary>Customers whose MRR fell to zero.</summary>
    public long ChurnedCustomers { get; }

    /// <summary>Former customers who came back.</summary>
    public long ReactivatedCustomers { get; }

    /// <summary>Customers whose MRR did not change, including those at zero in both periods (<see cref="InactiveCustomers"/>).</summary>
    public long UnchangedCustomers { get; }

    /// <summary>The part of <see cref="UnchangedCustomers"/> with zero MRR in both periods (not customers in either).</summary>
    public long InactiveCustomers { get; }

    /// <summary>Every customer (row) seen: the sum of the six movement classes.</summary>
    public long Customers => NewCustomers + ExpansionCustomers + ContractionCustomers + ChurnedCustomers + ReactivatedCustomers + UnchangedCustomers;

    /// <summary>Paying customers at the start (previous MRR &gt; 0).</summary>
    public long CustomersAtStart => ExpansionCustomers + ContractionCustomers + ChurnedCustomers + UnchangedCustomers - InactiveCustomers;

    /// <summary>Paying customers at the end (current MRR &gt; 0).</summary>
    public long CustomersAtEnd => NewCustomers + ReactivatedCustomers + ExpansionCustomers + ContractionCustomers + UnchangedCustomers - InactiveCustomers;

    /// <summary>
    /// Net new MRR = new + expansion + reactivation − contraction − churned, computed as
    /// <see cref="EndingMrr"/> − <see cref="StartingMrr"/> (which the constructor checks it equals), so it never overflows.
    /// </summary>
    public T NetNewMrr => EndingMrr - StartingMrr;

    /// <summary>Gross MRR churn = (churned + contraction) ÷ starting MRR, a fraction ≥ 0; NaN when starting MRR is 0.</summary>
    public double GrossMrrChurn => Ratio(ChurnedMrr, StartingMrr) + Ratio(ContractionMrr, StartingMrr);

    /// <summary>
    /// Net MRR churn = (churned + contraction − expansion − reactivation) ÷ starting MRR, a fraction; negative when
    /// expansion outweighs what is lost (<see cref="IsNegativeChurn"/>). NaN when starting MRR is 0.
    /// </summary>
    public double NetMrrChurn => GrossMrrChurn - Ratio(ExpansionMrr, StartingMrr) - Ratio(ReactivationMrr, StartingMrr);

    /// <summary>Negative churn: <see cref="NetMrrChurn"/> below zero. <see langword="false"/> when it is NaN.</summary>
    public bool IsNegativeChurn => NetMrrChurn < 0;

    /// <summary>
    /// Net revenue retention NRR = (start + expansion − contraction − churned) ÷ start, a fraction (1.1 = 110 %); NaN
    /// when starting MRR is 0. Reactivation is not counted (it comes from customers absent at the start), so
    /// NRR = 1 − <see cref="NetMrrChurn"/> − reactivation ÷ start.
    /// </summary>
    public double NetRevenueRetention => GrossRevenueRetention + Ratio(ExpansionMrr, StartingMrr);

    /// <summary>Gross revenue retention GRR = (start − contraction − churned) ÷ start, a fraction in [0, 1]; NaN when starting MRR is 0.</summary>
    public double GrossRevenueRetention => 1 - GrossMrrChurn;

    /// <summary>
    /// SaaS quick ratio = (new + expansion) ÷ (churned + contraction), dimensionless (4 is the usual bar);
    /// NaN when nothing was lost (churned + contraction = 0).
    /// </summary>
    public double QuickRatio
    {
        get
        {
            // Each ratio is taken in double so that no sum of amounts can overflow.
            double lost = double.CreateSaturating(ChurnedMrr) + double.CreateSaturating(ContractionMrr);
            return lost == 0 ? double.NaN : (double.CreateSaturating(NewMrr) / lost) + (double.CreateSaturating(ExpansionMrr) / lost);
        }
    }

    /// <summary>Average revenue per account at the end = ending MRR ÷ paying customers at the end; NaN when there are none.</summary>
    public double Arpa => CustomersAtEnd == 0 ? double.NaN : double.CreateChecked(EndingMrr) / CustomersAtEnd;

    /// <summary>Average revenue per account at the start = starting MRR ÷ paying customers at the start; NaN when there are none.</summary>
    public double ArpaAtStart => CustomersAtStart == 0 ? double.NaN : double.CreateChecked(StartingMrr) / CustomersAtStart;

    /// <summary>Merges the movements of two disjoint sets of customers: every sum and count adds.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The movements of both sets.</returns>
    /// <exception cref="OverflowException">A sum (decimal, or double reaching ∞) or a count overflows.</exception>
    public static MrrMovements<T> operator +(MrrMovements<T> left, MrrMovements<T> right) => new(
        Guard.FiniteSum(left.StartingMrr + right.StartingMrr, nameof(StartingMrr)),
        Guard.FiniteSum(left.EndingMrr + right.EndingMrr, nameof(EndingMrr)),
        Guard.FiniteSum(left.NewMrr + right.NewMrr, nameof(NewMrr)),
        Guard.FiniteSum(left.ExpansionMrr + right.ExpansionMrr, nameof(ExpansionMrr)),
        Guard.FiniteSum(left.ContractionMrr + right.ContractionMrr, nameof(ContractionMrr)),
        Guard.FiniteSum(left.ChurnedMrr + right.ChurnedMrr, nameof(ChurnedMrr)),
        Guard.FiniteSum(left.ReactivationMrr + right.ReactivationMrr, nameof(ReactivationMrr)),
        checked(left.NewCustomers + right.NewCustomers),
        checked(left.ExpansionCustomers + right.ExpansionCustomers),
        checked(left.ContractionCustomers + right.ContractionCustomers),
        checked(left.ChurnedCustomers + right.ChurnedCustomers),
        checked(left.ReactivatedCustomers + right.ReactivatedCustomers),
        checked(left.UnchangedCustomers + right.UnchangedCustomers),
        checked(left.InactiveCustomers + right.InactiveCustomers));

    /// <summary>Merges the movements of two disjoint sets of customers (the named form of <c>+</c>).</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The movements of both sets.</returns>
    /// <exception cref="OverflowException">A sum (decimal or double) or a count overflows.</exception>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Add is the named form of operator + that CA2225 asks for; the consistency test requires it.")]
    public static MrrMovements<T> Add(MrrMovements<T> left, MrrMovements<T> right) => left + right;

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

    /// <summary>
    /// The cross-checks of the constructor, in double (decimal amounts converted): an amount of a class without customers
    /// is 0; starting (ending) MRR is 0 exactly when nobody paid at the start (end); losses fit in the starting MRR and
    /// gains in the ending MRR; end = start + gains − losses to a relative 1e-9. Amounts are scaled by ¼ (exact) so
    /// that no sum overflows.
    /// </summary>
    private static void CheckConsistency(double start, double end, double fresh, double up, double down, double churned, double back,
        long newCustomers, long expansionCustomers, long contractionCustomers, long churnedCustomers, long reactivatedCustomers, long unchangedPaying)
    {
        EmptyClass(fresh, newCustomers, "newMrr", "newCustomers");
        EmptyClass(up, expansionCustomers, "expansionMrr", "expansionCustomers");
        EmptyClass(down, contractionCustomers, "contractionMrr", "contractionCustomers");
        EmptyClass(churned, churnedCustomers, "churnedMrr", "churnedCustomers");
        EmptyClass(back, reactivatedCustomers, "reactivationMrr", "reactivatedCustomers");
        long atStart = expansionCustomers + contractionCustomers + churnedCustomers + unchangedPaying;
        long atEnd = newCustomers + reactivatedCustomers + expansionCustomers + contractionCustomers + unchangedPaying;
        Guard.Consistent(start > 0 == atStart > 0, "startingMrr", string.Create(CultureInfo.InvariantCulture,
            $"is {start:R} with {atStart} paying customers at the start; it is 0 exactly when there are none."));
        Guard.Consistent(end > 0 == atEnd > 0, "endingMrr", string.Create(CultureInfo.InvariantCulture,
            $"is {end:R} with {atEnd} paying customers at the end; it is 0 exactly when there are none."));
        const double Quarter = 0.25, Tolerance = 1e-9;
        double lost = (churned * Quarter) + (down * Quarter);
        double gained = (fresh * Quarter) + (up * Quarter) + (back * Quarter);
        Guard.Consistent(lost <= start * Quarter * (1 + Tolerance), "startingMrr", string.Create(CultureInfo.InvariantCulture,
            $"is {start:R} but churned + contraction is {lost / Quarter:R}; what is lost was there at the start."));
        Guard.Consistent(gained <= end * Quarter * (1 + Tolerance), "endingMrr", string.Create(CultureInfo.InvariantCulture,
            $"is {end:R} but new + expansion + reactivation is {gained / Quarter:R}; what is gained is there at the end."));
        double left = (end * Quarter) + lost, right = (start * Quarter) + gained;
        Guard.Consistent(Math.Abs(left - right) <= Tolerance * Math.Max(left, right), "endingMrr", string.Create(CultureInfo.InvariantCulture,
            $"is {end:R} but startingMrr + new + expansion + reactivation − contraction − churned is {(right - lost) / Quarter:R}."));
    }

    private static void EmptyClass(double amount, long customers, string amountName, string customersName) =>
        Guard.Consistent(customers > 0 || amount == 0, amountName, string.Create(CultureInfo.InvariantCulture,
            $"is {amount:R} but {customersName} is 0; an empty class moves no MRR."));

}
