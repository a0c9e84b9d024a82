using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using CustomerMetrics.Internal;
using CustomerMetrics.Value;

namespace CustomerMetrics.Subscriptions;

public static partial class SubscriptionLedger
{
    /// <summary>Accepted records from which the preparation and the pass over customers split across cores (in ranges of at least half as many).</summary>
    internal const int ParallelRecords = 65_536;

    /// <summary>Builds the ledger; <paramref name="parallelRecords"/> is the fork threshold (<see cref="ParallelRecords"/>; tests force or forbid the split with it).</summary>
    internal static SubscriptionLedger<TCustomer> BuildCore<TCustomer, TSubscription>(
        IReadOnlyList<SubscriptionRecord<TCustomer, TSubscription>> records, DateOnly through, LedgerOptions options, bool lenient, int parallelRecords = ParallelRecords)
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
        int prepareParts = Parts(order.Length, parallelRecords);
        var firstOfPart = new int[prepareParts];
        var tallies = new FixedMoney.ScaleTally[prepareParts];
        void PrepareRange(int k)
        {
            int earliest = int.MaxValue;
            var tally = new FixedMoney.ScaleTally();
            for (int j = (int)((long)order.Length * k / prepareParts), end = (int)((long)order.Length * (k + 1) / prepareParts); j < end; j++)
            {
                int i = order[j];
                if (i >= 0)
                {
                    prepared[i] = Prepare(records[i], options);
                    earliest = Math.Min(earliest, prepared[i].StartDay);
                    tally.Add(prepared[i].FullMrr, prepared[i].DiscountedMrr);
                }
            }

            firstOfPart[k] = earliest;
            tallies[k] = tally;
        }

        if (prepareParts == 1)
        {
            PrepareRange(0);
        }
        else
        {
            RunParts(prepareParts, PrepareRange);
        }

        foreach (int earliest in firstOfPart)
        {
            if (earliest != int.MaxValue)
            {
                firstAbs = Math.Min(firstAbs, unit.WholePeriodIndex(earliest)); // period indexes rise with days
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

        var book = new LedgerBook<TCustomer>(customerKeys, offsets, order, prepared, firstAbs, lastAbs, throughDay, startDays, readDays);
        return FixedMoney.TryCommonScale(tallies, out int scale)
            ? Accumulate<TCustomer, TSubscription, FixedMoney>(records, book, scale, unit, options, rejected, parallelRecords)
            : Accumulate<TCustomer, TSubscription, decimal>(records, book, 0, unit, options, rejected, parallelRecords);
    }

    /// <summary>Runs the parts on the cores; an exception of a part is rethrown as itself (that of the first failing part), as one pass would throw it.</summary>
    private static void RunParts(int parts, Action<int> body)
    {
        try
        {
            Parallel.For(0, parts, body);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>How many ranges a pass over <paramref name="count"/> records splits into: one per core, each of at least half the threshold.</summary>
    private static int Parts(int count, int parallelRecords) =>
        count >= parallelRecords ? Math.Max(1, Math.Min(Environment.ProcessorCount, count / Math.Max(1, parallelRecords / 2))) : 1;

    /// <summary>The pass over customers: each customer's MRR per period-end, its movements into its segment's sums, the cohorts and entries.</summary>
    private static SubscriptionLedger<TCustomer> Accumulate<TCustomer, TSubscription, TMoney>(
        IReadOnlyList<SubscriptionRecord<TCustomer, TSubscription>> records, LedgerBook<TCustomer> book, int scale,
        PeriodUnit unit, LedgerOptions options, List<RejectedRecord> rejected, int parallelRecords)
        where TCustomer : notnull
        where TSubscription : notnull
        where TMoney : struct, IAdditionOperators<TMoney, TMoney, TMoney>, ISubtractionOperators<TMoney, TMoney, TMoney>, IComparisonOperators<TMoney, TMoney, bool>
    {
        (List<TCustomer> customerKeys, int[] offsets, int[] order, PreparedSubscription[] prepared, int firstAbs, int lastAbs, int throughDay, int[] startDays, int[] readDays) = book;
        int customers = customerKeys.Count;
        int periods = readDays.Length;

        // Segments in order of the customers' first appearance, as one sequential pass would meet them.
        var segmentOf = new int[customers];
        var segmentIds = new Dictionary<string, int>();
        var segmentNames = new List<string>();
        long seen = 0;
        string? lastSegment = null;
        int lastSegmentId = -1;
        for (int c = 0; c < customers; c++)
        {
            int earliest = -1;
            for (int j = offsets[c]; j < offsets[c + 1]; j++)
            {
                int i = order[j];
                if (i >= 0 && (earliest < 0 || prepared[i].StartDay < prepared[earliest].StartDay))
                {
                    earliest = i;
                }
            }

            if (earliest < 0)
            {
                segmentOf[c] = -1; // every record of this customer was rejected
                continue;
            }

            seen++;
            string segment = records[earliest].Segment ?? string.Empty;
            if (!ReferenceEquals(segment, lastSegment)) // consecutive customers often share the very string (or none): skip the hash
            {
                ref int segmentId = ref CollectionsMarshal.GetValueRefOrAddDefault(segmentIds, segment, out bool known);
                if (!known)
                {
                    segmentId = segmentNames.Count;
                    segmentNames.Add(segment);
                }

                lastSegment = segment;
                lastSegmentId = segmentId;
            }

            segmentOf[c] = lastSegmentId;
        }

        // Contiguous customer ranges of about equal records, one per core. Integer (FixedMoney) sums merge exactly in any
        // grouping, so the ranges add up to what one pass gives; decimal sums may round past 28 digits, so they stay in one pass.
        int parts = typeof(TMoney) == typeof(FixedMoney) ? Parts(order.Length, parallelRecords) : 1;
        var bounds = new int[parts + 1];
        for (int k = 1, c = 0; k <= parts; k++)
        {
            long target = (long)order.Length * k / parts;
            while (c < customers && offsets[c] < target)
            {
                c++;
            }

            bounds[k] = k == parts ? customers : c;
        }

        var states = new LedgerState<TCustomer, TMoney>[parts];
        void AccumulateRange(int k)
        {
            var state = new LedgerState<TCustomer, TMoney>(periods, PeriodsPerYear(unit), options, scale, segmentNames.Count);
            for (int c = bounds[k]; c < bounds[k + 1]; c++)
            {
                if (segmentOf[c] < 0)
                {
                    continue;
                }

                for (int j = offsets[c]; j < offsets[c + 1]; j++)
                {
                    int i = order[j];
                    if (i >= 0)
                    {
                        state.AddSubscription(in prepared[i], prepared[i].HasPauses ? records[i].Pauses.AsSpan() : default, unit, firstAbs, throughDay, readDays);
                    }
                }

                state.CloseCustomer(customerKeys[c], segmentOf[c], firstAbs);
            }

            state.Finish();
            states[k] = state;
        }

        if (parts == 1)
        {
            AccumulateRange(0);
        }
        else
        {
            RunParts(parts, AccumulateRange);
        }

        LedgerState<TCustomer, TMoney> merged = states[0];
        for (int k = 1; k < parts; k++)
        {
            merged.Add(states[k]);
        }

        var segments = ImmutableDictionary.CreateBuilder<string, ImmutableArray<LedgerPeriod>>();
        var total = new LedgerPeriod[periods];
        for (int s = 0; s < segmentNames.Count; s++)
        {
            ImmutableArray<LedgerPeriod> list = ToPeriods(merged.Segment(s), firstAbs, startDays, readDays, options);
            segments[segmentNames[s]] = list;
            for (int p = 0; p < periods; p++)
            {
                total[p] += list[p];
            }
        }

        ImmutableArray<LedgerEntry<TCustomer>> entries = options.IncludeCustomerEntries ? LedgerState<TCustomer, TMoney>.JoinEntries(states) : [];
        return new SubscriptionLedger<TCustomer>(options, [.. total], segments.ToImmutable(), entries, merged.Cohorts(firstAbs, lastAbs), [.. rejected], seen);
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
        bool monthly = numerator == 1 && denominator == 1; // × 1 ÷ 1 keeps a decimal's value and scale: skip it
        decimal full = monthly ? gross : gross * numerator / denominator;
        decimal discounted = full;
        int discountUntil = paidFrom;
        if (r.Discount is SubscriptionDiscount d && (d.DurationInPeriods is null || options.FiniteDiscounts == FiniteDiscounts.ReduceMrr))
        {
            decimal net = d.Kind == DiscountKind.Percent ? gross * (1 - d.Value) : Math.Max(0, gross - d.Value);
            discounted = monthly ? net : net * numerator / denominator;
            discountUntil = d.DurationInPeriods is int count ? AddIntervals(paidFrom, r.Interval, checked(r.IntervalCount * count)) : int.MaxValue;
        }

        return new PreparedSubscription(start, churn, paidFrom, discountUntil, full, discounted, !r.Pauses.IsDefaultOrEmpty, r.EndReason);
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
