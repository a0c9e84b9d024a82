using System.Collections.Immutable;
using System.Globalization;
using CustomerMetrics.Internal;
using CustomerMetrics.Value;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Turns a billing log (subscription records) into a period-by-period MRR ledger under named vendor rules
/// (<see cref="LedgerOptions"/>): MRR movements, customers, logo and MRR churn, NRR and GRR (per period and trailing
/// twelve months), quick ratio, ARR and ARPA, per segment and per customer, and the acquisition-cohort table.
/// </summary>
/// <remarks>
/// <para>MRR of a subscription on a day: 0 before its start, from its churn day on (<see cref="ChurnTiming"/>), in its
/// trial and while paused; otherwise price × quantity, less the discount while it applies, normalised to a month
/// (<see cref="MrrNormalization"/>), never below 0. A customer's MRR is the sum over its subscriptions; each period's MRR
/// is read on its last day (the last period on the observation end). Movements between consecutive period-ends are
/// classified as in <see cref="MrrMovements"/>, with "was a customer before" kept by the ledger.</para>
/// <para>One pass over customers: records are grouped by customer (a hash map to dense indexes and a counting sort,
/// 4 bytes per record plus the map), then each customer's MRR per period is computed in a buffer reused across
/// customers, so the working state is O(customers + records + periods × segments), independent of customers × periods.
/// From 65,536 records the customers split into one contiguous range per core for the checks, the overlapping-duplicate
/// search, the preparation (MRR of each record) and the segment of each customer; the outcome does not depend on the
/// split: the rejected records are the same, and a strict build throws what one pass would (the first bad record by
/// index, else the first duplicate in customer order, else the first preparation error). Records are first checked
/// where they are prepared; a log with a bad record is redone with the checks first (the result is the same).
/// When every MRR amount is a whole number of units of 10^−s (s ≤ 18) and their total fits a 64-bit integer (cents,
/// and most normalised prices), sums are integers that give the same <c>decimal</c> values and scales, and from 65,536
/// records the customers split into one contiguous range per core whose sums merge exactly; otherwise (a weekly price
/// whose × 52 ÷ 12 does not terminate) the pass runs in <c>decimal</c> on one core. The per-customer
/// <see cref="SubscriptionLedger{TCustomer}.Entries"/> hold one 32 + key bytes entry per customer and period with a
/// movement: at most customers × periods, in practice a few per customer; turn them off
/// (<see cref="LedgerOptions.IncludeCustomerEntries"/>) on large books that need only the totals.</para>
/// <para><threadsafety static="true" instance="true"/> Pure.</para>
/// </remarks>
public static partial class SubscriptionLedger
{
    /// <summary>The most periods a ledger spans (that of <see cref="CohortTable.MaxPeriods"/>): 170 years of months, 5.6 years of days.</summary>
    public const int MaxPeriods = CohortTable.MaxPeriods;

    /// <summary>Periods in a year for trailing-twelve-month figures: 12 months, 4 quarters, 52 weeks, 365 days, or 365.25 ÷ length custom periods (rounded, ≥ 1).</summary>
    /// <param name="unit">The ledger's period.</param>
    /// <returns>The window length in periods.</returns>
    public static int PeriodsPerYear(PeriodUnit unit) => unit.Kind switch
    {
        PeriodKind.Month => 12,
        PeriodKind.Week => 52,
        PeriodKind.Day => 365,
        PeriodKind.Quarter => 4,
        _ => Math.Max(1, (int)Math.Round(365.25 / Math.Max(1, unit.CustomLengthInDays))),
    };

    /// <summary>Builds the ledger; any bad record throws.</summary>
    /// <typeparam name="TCustomer">The customer key type.</typeparam>
    /// <typeparam name="TSubscription">The subscription key type.</typeparam>
    /// <param name="records">The billing log, in any order.</param>
    /// <param name="through">The last day observed (inclusive): the last period is read on this day.</param>
    /// <param name="options">The rules; <see langword="null"/> for <see cref="LedgerOptions.ChartMogul"/>.</param>
    /// <returns>The ledger (no period for an empty log).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="ArgumentException">A record is bad: the message names <c>records[i].Field</c>, its value and the valid range
    /// (end, cancellation or trial end before start, cancellation after end, pause ending before it starts, negative price or
    /// quantity, undefined interval or count below 1, bad discount, a null record or key, or a record overlapping an earlier
    /// one of the same customer and subscription key); or the ledger would span more than <see cref="MaxPeriods"/> periods.</exception>
    public static SubscriptionLedger<TCustomer> Build<TCustomer, TSubscription>(
        IReadOnlyList<SubscriptionRecord<TCustomer, TSubscription>> records, DateOnly through, LedgerOptions? options = null)
        where TCustomer : notnull
        where TSubscription : notnull =>
        BuildCore(records, through, options ?? LedgerOptions.ChartMogul, lenient: false);

    /// <summary>
    /// Builds the ledger, leaving out every bad record and reporting each (<see cref="SubscriptionLedger{TCustomer}.Rejected"/>):
    /// the lenient twin of <see cref="Build{TCustomer, TSubscription}"/> for dirty exports.
    /// </summary>
    /// <typeparam name="TCustomer">The customer key type.</typeparam>
    /// <typeparam name="TSubscription">The subscription key type.</typeparam>
    /// <param name="records">The billing log, in any order.</param>
    /// <param name="through">The last day observed (inclusive).</param>
    /// <param name="options">The rules; <see langword="null"/> for <see cref="LedgerOptions.ChartMogul"/>.</param>
    /// <returns>The ledger of the accepted records, with the rejected ones listed by index, reason and field.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="ArgumentException">The ledger would span more than <see cref="MaxPeriods"/> periods.</exception>
    public static SubscriptionLedger<TCustomer> BuildLenient<TCustomer, TSubscription>(
        IReadOnlyList<SubscriptionRecord<TCustomer, TSubscription>> records, DateOnly through, LedgerOptions? options = null)
        where TCustomer : notnull
        where TSubscription : notnull =>
        BuildCore(records, through, options ?? LedgerOptions.ChartMogul, lenient: true);

    /// <summary>Checks one record; returns the reason and field of the first fault, or null.</summary>
    private static (RejectionReason Reason, string Field, string Detail)? Check<TCustomer, TSubscription>(SubscriptionRecord<TCustomer, TSubscription>? r)
        where TCustomer : notnull
        where TSubscription : notnull
    {
        if (r is null)
        {
            return (RejectionReason.MissingKey, "record", "null; a record is required");
        }

        if (r.CustomerKey is null)
        {
            return (RejectionReason.MissingKey, nameof(r.CustomerKey), "null; a key is required");
        }

        if (r.SubscriptionKey is null)
        {
            return (RejectionReason.MissingKey, nameof(r.SubscriptionKey), "null; a key is required");
        }

        if (r.EndsOn is DateOnly end && end < r.Start)
        {
            return (RejectionReason.DateOrder, nameof(r.EndsOn), Dates(end, "on or after Start", r.Start));
        }

        if (r.CancelledOn is DateOnly cancel && (cancel < r.Start || (r.EndsOn is DateOnly e && cancel > e)))
        {
            return (RejectionReason.DateOrder, nameof(r.CancelledOn), Dates(cancel, "between Start and EndsOn, from", r.Start));
        }

        if (r.TrialEndsOn is DateOnly trial && trial < r.Start)
        {
            return (RejectionReason.DateOrder, nameof(r.TrialEndsOn), Dates(trial, "on or after Start", r.Start));
        }

        if (!r.Pauses.IsDefault)
        {
            foreach (PauseInterval pause in r.Pauses)
            {
                if (pause.Until < pause.From)
                {
                    return (RejectionReason.DateOrder, nameof(r.Pauses), Dates(pause.Until, "an Until on or after From", pause.From));
                }
            }
        }

        if (r.Price < 0)
        {
            return (RejectionReason.NegativePrice, nameof(r.Price), string.Create(CultureInfo.InvariantCulture, $"{r.Price}; valid values are ≥ 0"));
        }

        if (!EnumMembers<BillingInterval>.IsDefined(r.Interval) || r.IntervalCount < 1)
        {
            return (RejectionReason.UnknownInterval, r.IntervalCount < 1 ? nameof(r.IntervalCount) : nameof(r.Interval),
                string.Create(CultureInfo.InvariantCulture, $"{(int)r.Interval} × {r.IntervalCount}; valid values are Day, Week, Month, Quarter or Year, count ≥ 1"));
        }

        if (r.Quantity < 0)
        {
            return (RejectionReason.NegativeQuantity, nameof(r.Quantity), string.Create(CultureInfo.InvariantCulture, $"{r.Quantity}; valid values are ≥ 0"));
        }

        if (r.Discount is SubscriptionDiscount d
            && (!EnumMembers<DiscountKind>.IsDefined(d.Kind) || d.Value < 0 || (d.Kind == DiscountKind.Percent && d.Value > 1) || d.DurationInPeriods < 1))
        {
            return (RejectionReason.InvalidDiscount, nameof(r.Discount),
                string.Create(CultureInfo.InvariantCulture, $"{d}; valid values are amounts ≥ 0 or fractions in [0, 1], durations ≥ 1 or null"));
        }

        return null;
    }

    private static string Dates(DateOnly value, string rule, DateOnly other) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:yyyy-MM-dd}; valid values are {rule} {other:yyyy-MM-dd}");

    private static void Reject(bool lenient, List<RejectedRecord> rejected, int index, RejectionReason reason, string field, string detail)
    {
        if (!lenient)
        {
            ThrowHelper.Argument("records", string.Create(CultureInfo.InvariantCulture, $"records[{index}].{field} is {detail} ({reason})."));
        }

        rejected.Add(new RejectedRecord(index, reason, field));
    }

    private static bool Overlap<TCustomer, TSubscription>(SubscriptionRecord<TCustomer, TSubscription> a, SubscriptionRecord<TCustomer, TSubscription> b)
        where TCustomer : notnull
        where TSubscription : notnull
    {
        int aEnd = a.EndsOn?.DayNumber ?? int.MaxValue, bEnd = b.EndsOn?.DayNumber ?? int.MaxValue;
        return a.Start.DayNumber < bEnd && b.Start.DayNumber < aEnd;
    }

    /// <summary>First day of absolute period <paramref name="index"/>.</summary>
    internal static int PeriodStartDay(PeriodUnit unit, int index) => unit.Kind switch
    {
        PeriodKind.Day => index,
        PeriodKind.Week => index * 7,
        PeriodKind.Month => new DateOnly(index / 12, (index % 12) + 1, 1).DayNumber,
        PeriodKind.Quarter => new DateOnly(index / 4, ((index % 4) * 3) + 1, 1).DayNumber,
        _ => index * unit.CustomLengthInDays,
    };

    private static ImmutableArray<LedgerPeriod> ToPeriods(ReadOnlySpan<PeriodAccumulator> accumulators, int firstPeriod, int[] startDays, int[] readDays, LedgerOptions options)
    {
        var periods = new LedgerPeriod[accumulators.Length];
        for (int p = 0; p < periods.Length; p++)
        {
            periods[p] = accumulators[p].ToPeriod(firstPeriod + p, DateOnly.FromDayNumber(startDays[p]), DateOnly.FromDayNumber(readDays[p]), options);
        }

        return [.. periods];
    }
}
