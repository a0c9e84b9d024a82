using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// A subscription ledger built from a billing log by <see cref="SubscriptionLedger"/>: one <see cref="LedgerPeriod"/>
/// per period, the same per segment (segments partition the customers, so they merge to the total), every customer's
/// movement per period, the acquisition-cohort table, and the records left out by the lenient path.
/// </summary>
/// <typeparam name="TCustomer">The customer key type.</typeparam>
/// <remarks><threadsafety static="true" instance="true"/> Immutable.</remarks>
public sealed class SubscriptionLedger<TCustomer>
    where TCustomer : notnull
{
    internal SubscriptionLedger(LedgerOptions options, ImmutableArray<LedgerPeriod> periods, ImmutableDictionary<string, ImmutableArray<LedgerPeriod>> segments,
        ImmutableArray<LedgerEntry<TCustomer>> entries, CohortTable cohorts, ImmutableArray<RejectedRecord> rejected, long customers)
    {
        Options = options;
        Periods = periods;
        Segments = segments;
        Entries = entries;
        Cohorts = cohorts;
        Rejected = rejected;
        Customers = customers;
    }

    /// <summary>The rules the ledger was built with.</summary>
    public LedgerOptions Options { get; }

    /// <summary>One result per period, from the period of the earliest record to the period holding the observation end.</summary>
    public ImmutableArray<LedgerPeriod> Periods { get; }

    /// <summary>
    /// The same periods per segment key (a customer's segment is that of its earliest record; records without one go to
    /// the empty string). Summing the segments period by period gives <see cref="Periods"/> exactly.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<LedgerPeriod>> Segments { get; }

    /// <summary>Every customer's movement per period (empty when <see cref="LedgerOptions.IncludeCustomerEntries"/> is off), by customer then period.</summary>
    public ImmutableArray<LedgerEntry<TCustomer>> Entries { get; }

    /// <summary>
    /// Acquisition cohorts over the ledger's periods: a customer's cohort is its first paying period-end; it is active at
    /// an age when it pays at that period's end; revenue is its MRR then (currency units per month). Customers who only
    /// join and churn inside one period never pay at a period end and are in no cohort.
    /// </summary>
    public CohortTable Cohorts { get; }

    /// <summary>Records the lenient path left out, by index (empty for the strict path).</summary>
    public ImmutableArray<RejectedRecord> Rejected { get; }

    /// <summary>Distinct customers among the accepted records.</summary>
    public long Customers { get; }

    /// <summary>The number of rejected records for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public int RejectedCount(RejectionReason reason)
    {
        int count = 0;
        foreach (RejectedRecord r in Rejected)
        {
            count += r.Reason == reason ? 1 : 0;
        }

        return count;
    }

    /// <summary>The period holding <paramref name="date"/>.</summary>
    /// <param name="date">A day within the ledger.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside the ledger.</exception>
    public LedgerPeriod PeriodOf(DateOnly date)
    {
        foreach (LedgerPeriod p in Periods)
        {
            if (date >= p.Start && date <= p.End)
            {
                return p;
            }
        }

        Internal.ThrowHelper.ArgumentOutOfRange(nameof(date), date.DayNumber,
            Periods.IsEmpty ? "none: the ledger is empty" : string.Create(CultureInfo.InvariantCulture, $"day numbers of {Periods[0].Start:yyyy-MM-dd} to {Periods[^1].End:yyyy-MM-dd}"));
        return default;
    }

    /// <summary>The ledger as a text table, one line per period (newest last), invariant culture; lines end with '\n'.</summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"Subscription ledger ({Options.Name} rules, {Options.Period}), {Customers} customers, {Rejected.Length} records rejected\n");
        s.Append("period          MRR start      new   expans  reactiv  contrac  churned    MRR end  cust  logo churn  NRR     quick\n");
        foreach (LedgerPeriod p in Periods)
        {
            MrrMovements<decimal> m = p.Movements;
            s.Append(CultureInfo.InvariantCulture,
                $"{p.Start:yyyy-MM-dd} {m.StartingMrr,12:0.00} {m.NewMrr,8:0} {m.ExpansionMrr,8:0} {m.ReactivationMrr,8:0} {m.ContractionMrr,8:0} {m.ChurnedMrr,8:0} {m.EndingMrr,10:0.00} {p.CustomersAtEnd,5} {Pct(p.LogoChurn),10} {Pct(p.NetRevenueRetention),7} {Ratio(p.QuickRatio),6}\n");
        }

        return s.ToString();
    }

    private static string Pct(double value) => double.IsNaN(value) ? "-" : value.ToString("P1", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => double.IsNaN(value) ? "-" : value.ToString("0.##", CultureInfo.InvariantCulture);
}
