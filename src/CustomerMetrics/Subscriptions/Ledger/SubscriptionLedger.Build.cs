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
        var prepared = new PreparedSubscription[n];
        int throughDay = through.DayNumber;
        int lastAbs = unit.WholePeriodIndex(throughDay);
        List<TCustomer> customerKeys = [];
        int[] offsets = [0], order = [], bounds = [0, 0], segmentOf = [];
        Preparation[] preparations = [];

        // First, optimistically, every record is taken as valid and checked where it is prepared (one pass fewer over the
        // records); if any is bad, everything is redone with the checks first, exactly as one pass would (dirty logs only).
        for (bool optimistic = true; ; optimistic = false)
        {
            // Record checks, one record range per core. Each range keeps its faults in index order (a strict range stops at its
            // first), so the first fault of the lowest range is the first bad record: the one a single pass would throw.
            if (!optimistic)
            {
                Array.Clear(customerOf);
                int checkParts = Parts(n, parallelRecords);
                var checkFaults = new List<(int Index, RejectionReason Reason, string Field, string Detail)>?[checkParts];
                void CheckRange(int k)
                {
                    List<(int Index, RejectionReason Reason, string Field, string Detail)>? faults = null;
                    for (int i = (int)((long)n * k / checkParts), end = (int)((long)n * (k + 1) / checkParts); i < end; i++)
                    {
                        if (Check(records[i]) is { } fault)
                        {
                            customerOf[i] = -1;
                            (faults ??= []).Add((i, fault.Reason, fault.Field, fault.Detail));
                            if (!lenient)
                            {
                                break;
                            }
                        }
                    }

                    checkFaults[k] = faults;
                }

                if (checkParts == 1)
                {
                    CheckRange(0);
                }
                else
                {
                    RunParts(checkParts, CheckRange);
                }

                foreach (List<(int Index, RejectionReason Reason, string Field, string Detail)>? faults in checkFaults)
                {
                    foreach ((int index, RejectionReason reason, string field, string detail) in faults ?? [])
                    {
                        Reject(lenient, rejected, index, reason, field, detail);
                    }
                }
            }

            // Dense customer indexes in order of the first accepted record (one pass: the order is that of the records). Exports
            // usually list a customer's records together: a record of the same customer as the previous accepted one skips the hash.
            var keys = new Dictionary<TCustomer, int>();
            customerKeys = [];
            bool faulty = false;
            EqualityComparer<TCustomer> customerComparer = EqualityComparer<TCustomer>.Default;
            TCustomer? lastKey = default;
            int lastId = -1;
            for (int i = 0; i < n; i++)
            {
                if (customerOf[i] < 0)
                {
                    continue;
                }

                SubscriptionRecord<TCustomer, TSubscription>? r = records[i];
                if (r is null || r.CustomerKey is null)
                {
                    faulty = true; // only when optimistic: a checked record has both
                    break;
                }

                TCustomer key = r.CustomerKey;
                if (lastId < 0 || !customerComparer.Equals(key, lastKey!))
                {
                    ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(keys, key, out bool exists);
                    if (!exists)
                    {
                        id = customerKeys.Count;
                        customerKeys.Add(key);
                    }

                    lastKey = key;
                    lastId = id;
                }

                customerOf[i] = lastId;
            }

            if (faulty)
            {
                continue;
            }

            // Counting sort of record indexes by customer (stable: ascending record index within a customer).
            int customers = customerKeys.Count;
            offsets = new int[customers + 1];
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

            order = new int[offsets[customers]];
            var fill = offsets.AsSpan(0, customers).ToArray();
            for (int i = 0; i < n; i++)
            {
                if (customerOf[i] >= 0)
                {
                    order[fill[customerOf[i]]++] = i;
                }
            }

            // Per customer, one contiguous customer range per core: overlapping duplicates, preparation, the earliest record
            // and its segment. The outcome is that of one pass: every duplicate is found before any preparation error counts.
            int parts = Parts(order.Length, parallelRecords);
            bounds = CustomerBounds(offsets, parts);
            segmentOf = new int[customers];
            preparations = new Preparation[parts];
            bool check = optimistic;
            void PrepareRange(int k) => preparations[k] = PrepareCustomers(records, options, lenient, check, offsets, order, prepared, segmentOf, bounds[k], bounds[k + 1]);
            if (parts == 1)
            {
                PrepareRange(0);
            }
            else
            {
                RunParts(parts, PrepareRange);
            }

            if (optimistic && Array.Exists(preparations, p => p.Faulty))
            {
                continue;
            }

            break;
        }

        foreach (Preparation preparation in preparations)
        {
            foreach ((int index, string detail) in preparation.Duplicates ?? [])
            {
                Reject(lenient, rejected, index, RejectionReason.OverlappingDuplicate, nameof(SubscriptionRecord<TCustomer, TSubscription>.SubscriptionKey), detail);
            }
        }

        foreach (Preparation preparation in preparations)
        {
            if (preparation.Error is not null)
            {
                ExceptionDispatchInfo.Throw(preparation.Error);
            }
        }

        rejected.Sort((x, y) => x.Index.CompareTo(y.Index));

        // Segments in order of the customers' first appearance, as one sequential pass would meet them: each range's own
        // ids (in its order of appearance) map to the global ones.
        var segmentIds = new Dictionary<string, int>();
        var segmentNames = new List<string>();
        long seen = 0;
        int firstAbs = int.MaxValue;
        var tallies = new FixedMoney.ScaleTally[preparations.Length];
        for (int k = 0; k < preparations.Length; k++)
        {
            Preparation preparation = preparations[k];
            seen += preparation.Seen;
            tallies[k] = preparation.Tally;
            if (preparation.Earliest != int.MaxValue)
            {
                firstAbs = Math.Min(firstAbs, unit.WholePeriodIndex(preparation.Earliest)); // period indexes rise with days
            }

            var map = new int[preparation.Segments.Count];
            bool same = true;
            for (int l = 0; l < map.Length; l++)
            {
                ref int segmentId = ref CollectionsMarshal.GetValueRefOrAddDefault(segmentIds, preparation.Segments[l], out bool known);
                if (!known)
                {
                    segmentId = segmentNames.Count;
                    segmentNames.Add(preparation.Segments[l]);
                }

                map[l] = segmentId;
                same &= segmentId == l;
            }

            for (int c = bounds[k]; !same && c < bounds[k + 1]; c++)
            {
                if (segmentOf[c] >= 0)
                {
                    segmentOf[c] = map[segmentOf[c]];
                }
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

        var book = new LedgerBook<TCustomer>(customerKeys, offsets, order, prepared, firstAbs, lastAbs, throughDay, startDays, readDays,
            segmentOf, segmentNames, seen, bounds);
        return FixedMoney.TryCommonScale(tallies, out int scale)
            ? Accumulate<TCustomer, TSubscription, FixedMoney>(records, book, scale, unit, options, rejected)
            : Accumulate<TCustomer, TSubscription, decimal>(records, book, 0, unit, options, rejected);
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

    /// <summary>Contiguous customer ranges of about equal records, one per part: range k is customers <c>[bounds[k], bounds[k + 1])</c>.</summary>
    private static int[] CustomerBounds(int[] offsets, int parts)
    {
        int customers = offsets.Length - 1;
        var bounds = new int[parts + 1];
        for (int k = 1, c = 0; k <= parts; k++)
        {
            long target = (long)offsets[customers] * k / parts;
            while (c < customers && offsets[c] < target)
            {
                c++;
            }

            bounds[k] = k == parts ? customers : c;
        }

        return bounds;
    }

    /// <summary>
    /// Customers <c>[from, to)</c>: rejects records overlapping an earlier record of the same customer and subscription key
    /// (complementing their index in <paramref name="order"/>; a strict range stops at the first), prepares the accepted
    /// records, tallies their amounts and gives each customer the segment of its earliest record (range-local ids in order
    /// of appearance, −1 when every record was rejected). With <paramref name="check"/> each customer's records are first
    /// checked (<see cref="Check"/>); a bad one stops the range as <see cref="Preparation.Faulty"/>. A preparation error is
    /// kept, not thrown, so that the caller throws what one pass would: a duplicate anywhere first.
    /// </summary>
    private static Preparation PrepareCustomers<TCustomer, TSubscription>(
        IReadOnlyList<SubscriptionRecord<TCustomer, TSubscription>> records, LedgerOptions options, bool lenient, bool check,
        int[] offsets, int[] order, PreparedSubscription[] prepared, int[] segmentOf, int from, int to)
        where TCustomer : notnull
        where TSubscription : notnull
    {
        var result = new Preparation();
        EqualityComparer<TSubscription> subscriptionComparer = EqualityComparer<TSubscription>.Default;
        Dictionary<string, int>? segmentIds = null;
        string? lastSegment = null;
        int lastSegmentId = -1;
        for (int c = from; c < to; c++)
        {
            int first = offsets[c], end = offsets[c + 1];
            for (int j = first; check && j < end; j++)
            {
                if (Check(records[order[j]]) is not null)
                {
                    result.Faulty = true; // the caller redoes the build with the checks first
                    return result;
                }
            }

            for (int j = first + 1; j < end; j++)
            {
                SubscriptionRecord<TCustomer, TSubscription> b = records[order[j]];
                for (int k = first; k < j; k++)
                {
                    if (order[k] < 0)
                    {
                        continue;
                    }

                    SubscriptionRecord<TCustomer, TSubscription> a = records[order[k]];
                    if (subscriptionComparer.Equals(a.SubscriptionKey, b.SubscriptionKey) && Overlap(a, b))
                    {
                        (result.Duplicates ??= []).Add((order[j], string.Create(CultureInfo.InvariantCulture,
                            $"{b.SubscriptionKey}, overlapping records[{order[k]}] of the same customer; valid records of one subscription do not overlap in time")));
                        order[j] = ~order[j];
                        if (!lenient)
                        {
                            return result; // this duplicate throws
                        }

                        break;
                    }
                }
            }

            if (result.Error is not null)
            {
                continue; // only duplicates still count
            }

            int earliest = -1;
            try
            {
                for (int j = first; j < end; j++)
                {
                    int i = order[j];
                    if (i >= 0)
                    {
                        ref PreparedSubscription s = ref prepared[i];
                        s = Prepare(records[i], options);
                        result.Tally.Add(s.FullMrr, s.DiscountedMrr);
                        if (earliest < 0 || s.StartDay < prepared[earliest].StartDay)
                        {
                            earliest = i;
                        }
                    }
                }
            }
#pragma warning disable CA1031 // Kept and rethrown by the caller, as itself, once every duplicate has been looked for.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.Error = e;
                continue;
            }

            if (earliest < 0)
            {
                segmentOf[c] = -1; // every record of this customer was rejected
                continue;
            }

            result.Seen++;
            result.Earliest = Math.Min(result.Earliest, prepared[earliest].StartDay);
            string segment = records[earliest].Segment ?? string.Empty;
            if (!ReferenceEquals(segment, lastSegment)) // consecutive customers often share the very string (or none): skip the hash
            {
                segmentIds ??= [];
                ref int segmentId = ref CollectionsMarshal.GetValueRefOrAddDefault(segmentIds, segment, out bool known);
                if (!known)
                {
                    segmentId = result.Segments.Count;
                    result.Segments.Add(segment);
                }

                lastSegment = segment;
                lastSegmentId = segmentId;
            }

            segmentOf[c] = lastSegmentId;
        }

        return result;
    }

    /// <summary>What one customer range of the preparation found (<see cref="PrepareCustomers"/>).</summary>
    private sealed class Preparation
    {
        /// <summary>Overlapping duplicates: record index and the message detail, in customer order.</summary>
        public List<(int Index, string Detail)>? Duplicates { get; set; }

        /// <summary>A record failed its check (only when the range checks them).</summary>
        public bool Faulty { get; set; }

        /// <summary>The first preparation error, or null.</summary>
        public Exception? Error { get; set; }

        /// <summary>The earliest start day of an accepted record (int.MaxValue for none).</summary>
        public int Earliest { get; set; } = int.MaxValue;

        /// <summary>Customers with an accepted record.</summary>
        public long Seen { get; set; }

        /// <summary>The amounts, for the common scale.</summary>
        public FixedMoney.ScaleTally Tally { get; } = new();

        /// <summary>Segment names by range-local id, in order of appearance.</summary>
        public List<string> Segments { get; } = [];
    }

    /// <summary>How many ranges a pass over <paramref name="count"/> records splits into: one per core, each of at least half the threshold.</summary>
    private static int Parts(int count, int parallelRecords) =>
        count >= parallelRecords ? Math.Max(1, Math.Min(Environment.ProcessorCount, count / Math.Max(1, parallelRecords / 2))) : 1;

    /// <summary>The pass over customers: each customer's MRR per period-end, its movements into its segment's sums, the cohorts and entries.</summary>
    private static SubscriptionLedger<TCustomer> Accumulate<TCustomer, TSubscription, TMoney>(
        IReadOnlyList<SubscriptionRecord<TCustomer, TSubscription>> records, LedgerBook<TCustomer> book, int scale,
        PeriodUnit unit, LedgerOptions options, List<RejectedRecord> rejected)
        where TCustomer : notnull
        where TSubscription : notnull
        where TMoney : struct, IAdditionOperators<TMoney, TMoney, TMoney>, ISubtractionOperators<TMoney, TMoney, TMoney>, IComparisonOperators<TMoney, TMoney, bool>
    {
        (List<TCustomer> customerKeys, int[] offsets, int[] order, PreparedSubscription[] prepared, int firstAbs, int lastAbs, int throughDay, int[] startDays, int[] readDays,
            int[] segmentOf, List<string> segmentNames, long seen, int[] bounds) = book;
        int periods = readDays.Length;

        // The same customer ranges as the preparation. Integer (FixedMoney) sums merge exactly in any grouping, so the
        // ranges add up to what one pass gives; decimal sums may round past 28 digits, so they stay in one pass.
        int parts = typeof(TMoney) == typeof(FixedMoney) ? bounds.Length - 1 : 1;
        if (parts == 1)
        {
            bounds = [0, customerKeys.Count];
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
