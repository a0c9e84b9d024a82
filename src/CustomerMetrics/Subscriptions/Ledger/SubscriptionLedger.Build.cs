using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using CustomerMetrics.Internal;
using CustomerMetrics.Value;

namespace CustomerMetrics.Subscriptions;

public static partial class SubscriptionLedger
{
    private static SubscriptionLedger<TCustomer> BuildCore<TCustomer, TSubscription>(
        IReadOnlyList<SubscriptionRecord<TCustomer, TSubscription>> records, DateOnly through, LedgerOptions options, bool lenient)
        where TCustomer : notnull
        where TSubscription : notnull
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        PeriodUnit unit = options.Period;
        unit.Validate(nameof(options));
        if (options.ReactivationWithinPeriods < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), options.ReactivationWithinPeriods.Value, "ReactivationWithinPeriods ≥ 1 or null");
        }

        int n = records.Count;
        var rejected = new List<RejectedRecord>();
        var customerOf = new int[n];
        var keys = new Dictionary<TCustomer, int>();
        var customerKeys = new List<TCustomer>();
        for (int i = 0; i < n; i++)
        {
            SubscriptionRecord<TCustomer, TSubscription>? r = records[i];
            if (Check(r) is { } fault)
            {
                Reject(lenient, rejected, i, fault.Reason, fault.Field, fault.Detail);
                customerOf[i] = -1;
                continue;
            }

            ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(keys, r!.CustomerKey, out bool exists);
            if (!exists)
            {
                id = customerKeys.Count;
                customerKeys.Add(r.CustomerKey);
            }

            customerOf[i] = id;
        }

        // Counting sort of record indexes by customer (stable: ascending record index within a customer).
        int customers = customerKeys.Count;
        var offsets = new int[customers + 1];
        foreach (int c in customerOf)
        {
            if (c >= 0)
            {
                offsets[c + 1]++;
            }
        }

        for (int c = 0; c < customers; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        var order = new int[offsets[customers]];
        var fill = offsets.AsSpan(0, customers).ToArray();
        for (int i = 0; i < n; i++)
        {
            if (customerOf[i] >= 0)
            {
                order[fill[customerOf[i]]++] = i;
            }
        }

        // Overlapping duplicates: the same customer and subscription key overlapping an earlier accepted record.
        EqualityComparer<TSubscription> subscriptionComparer = EqualityComparer<TSubscription>.Default;
        for (int c = 0; c < customers; c++)
        {
            for (int j = offsets[c]; j < offsets[c + 1]; j++)
            {
                SubscriptionRecord<TCustomer, TSubscription> b = records[order[j]];
                for (int k = offsets[c]; k < j; k++)
                {
                    if (order[k] < 0)
                    {
                        continue;
                    }

                    SubscriptionRecord<TCustomer, TSubscription> a = records[order[k]];
                    if (subscriptionComparer.Equals(a.SubscriptionKey, b.SubscriptionKey) && Overlap(a, b))
                    {
                        Reject(lenient, rejected, order[j], RejectionReason.OverlappingDuplicate, nameof(b.SubscriptionKey),
                            string.Create(CultureInfo.InvariantCulture, $"{b.SubscriptionKey}, overlapping records[{order[k]}] of the same customer; valid records of one subscription do not overlap in time"));
                        order[j] = ~order[j];
                        break;
                    }
                }
            }
        }

        rejected.Sort((x, y) => x.Index.CompareTo(y.Index));
        int throughDay = through.DayNumber;
        int lastAbs = unit.WholePeriodIndex(throughDay);
        int firstAbs = int.MaxValue;
        var prepared = new PreparedSubscription[n];
        foreach (int i in order)
        {
            if (i >= 0)
            {
                prepared[i] = Prepare(records[i], options);
                firstAbs = Math.Min(firstAbs, unit.WholePeriodIndex(prepared[i].StartDay));
            }
        }

        if (firstAbs == int.MaxValue)
        {
            return new SubscriptionLedger<TCustomer>(options, [], ImmutableDictionary<string, ImmutableArray<LedgerPeriod>>.Empty, [], default, [.. rejected], 0);
        }

        firstAbs = Math.Min(firstAbs, lastAbs);
        long span = (long)lastAbs - firstAbs + 1;
        if (span > MaxPeriods)
        {
            ThrowHelper.Argument(nameof(records), string.Create(CultureInfo.InvariantCulture,
                $"The ledger from the first record's period to {through:yyyy-MM-dd} spans {span} periods of {unit}; a ledger spans at most {MaxPeriods}."));
        }

        int periods = (int)span;
        var startDays = new int[periods];
        var readDays = new int[periods];
        for (int p = 0; p < periods; p++)
        {
            startDays[p] = PeriodStartDay(unit, firstAbs + p);
            readDays[p] = p == periods - 1 ? throughDay : PeriodStartDay(unit, firstAbs + p + 1) - 1;
        }

        var state = new LedgerState<TCustomer>(periods, PeriodsPerYear(unit), options);
        var segmentIds = new Dictionary<string, int>();
        var segmentNames = new List<string>();
        long seen = 0;
        for (int c = 0; c < customers; c++)
        {
            int earliest = -1;
            for (int j = offsets[c]; j < offsets[c + 1]; j++)
            {
                int i = order[j];
                if (i < 0)
                {
                    continue;
                }

                if (earliest < 0 || records[i].Start < records[earliest].Start)
                {
                    earliest = i;
                }

                state.AddSubscription(in prepared[i], unit, firstAbs, throughDay, readDays);
            }

            if (earliest < 0)
            {
                continue; // every record of this customer was rejected
            }

            seen++;
            string segment = records[earliest].Segment ?? string.Empty;
            ref int segmentId = ref CollectionsMarshal.GetValueRefOrAddDefault(segmentIds, segment, out bool known);
            if (!known)
            {
                segmentId = segmentNames.Count;
                segmentNames.Add(segment);
                state.AddSegment();
            }

            state.CloseCustomer(customerKeys[c], segmentId, firstAbs);
        }

        var segments = ImmutableDictionary.CreateBuilder<string, ImmutableArray<LedgerPeriod>>();
        var total = new LedgerPeriod[periods];
        for (int s = 0; s < segmentNames.Count; s++)
        {
            ImmutableArray<LedgerPeriod> list = ToPeriods(state.Segment(s), firstAbs, startDays, readDays, options);
            segments[segmentNames[s]] = list;
            for (int p = 0; p < periods; p++)
            {
                total[p] += list[p];
            }
        }

        return new SubscriptionLedger<TCustomer>(options, [.. total], segments.ToImmutable(), state.Entries, state.Cohorts(firstAbs, lastAbs), [.. rejected], seen);
    }

    private static PreparedSubscription Prepare<TCustomer, TSubscription>(SubscriptionRecord<TCustomer, TSubscription> r, LedgerOptions options)
        where TCustomer : notnull
        where TSubscription : notnull
    {
        int start = r.Start.DayNumber;
        int end = r.EndsOn?.DayNumber ?? int.MaxValue;
        int churn = options.ChurnTiming == ChurnTiming.Cancellation ? r.CancelledOn?.DayNumber ?? end : end;
        int paidFrom = Math.Max(start, r.TrialEndsOn?.DayNumber ?? start);
        (decimal numerator, decimal denominator) = MrrNormalization.Ratio(r.Interval, r.IntervalCount);
        decimal gross = r.Price * r.Quantity;
        decimal full = gross * numerator / denominator;
        decimal discounted = full;
        int discountUntil = paidFrom;
        if (r.Discount is SubscriptionDiscount d && (d.DurationInPeriods is null || options.FiniteDiscounts == FiniteDiscounts.ReduceMrr))
        {
            discounted = (d.Kind == DiscountKind.Percent ? gross * (1 - d.Value) : Math.Max(0, gross - d.Value)) * numerator / denominator;
            discountUntil = d.DurationInPeriods is int count ? AddIntervals(paidFrom, r.Interval, checked(r.IntervalCount * count)) : int.MaxValue;
        }

        return new PreparedSubscription(start, churn, paidFrom, discountUntil, full, discounted, r.Pauses, r.EndReason);
    }

    /// <summary>The day <paramref name="count"/> intervals after <paramref name="day"/> (calendar months and years), or int.MaxValue past 9999-12-31.</summary>
    private static int AddIntervals(int day, BillingInterval interval, int count)
    {
        var date = DateOnly.FromDayNumber(day);
        long months = interval switch
        {
            BillingInterval.Month => count,
            BillingInterval.Quarter => 3L * count,
            BillingInterval.Year => 12L * count,
            _ => 0,
        };
        if (months == 0)
        {
            long days = (long)day + ((interval == BillingInterval.Week ? 7L : 1L) * count);
            return days > DateOnly.MaxValue.DayNumber ? int.MaxValue : (int)days;
        }

        return ((date.Year * 12L) + date.Month - 1 + months) / 12 > 9999 ? int.MaxValue : date.AddMonths((int)months).DayNumber;
    }
}
