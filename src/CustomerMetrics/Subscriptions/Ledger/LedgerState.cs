using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using CustomerMetrics.Value;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The working state of one ledger build: a reusable per-customer buffer of MRR per period-end, the per-segment period
/// sums, the cohort cells and the optional entries. Per customer it holds nothing once the customer is closed.
/// Money is <c>decimal</c>, or <see cref="FixedMoney"/> when every amount of the build fits it (same values and scales).
/// A customer's periods before its first record's start are not walked: they are inactive and unchanged, so they are
/// counted per segment by first period and added in <see cref="Finish"/>. Entries go to fixed-size chunks (no doubling
/// copies) and are joined into one exact array at the end (<see cref="JoinEntries"/>).
/// </summary>
internal sealed class LedgerState<TCustomer, TMoney>
    where TCustomer : notnull
    where TMoney : struct, IAdditionOperators<TMoney, TMoney, TMoney>, ISubtractionOperators<TMoney, TMoney, TMoney>, IComparisonOperators<TMoney, TMoney, bool>
{
    private readonly int _periods;
    private readonly int _year;
    private readonly LedgerOptions _options;
    private readonly int _scale;
    private readonly TMoney[] _mrr;
    private readonly bool[] _touched;
    private readonly ChurnReason[] _reason;
    private readonly List<PeriodSums<TMoney>[]> _segments = [];
    private readonly long[] _cohortSizes;
    private readonly long[] _cohortActive;
    private readonly TMoney[] _cohortRevenue;
    private readonly List<long[]> _leading = [];
    private readonly List<long[]> _trailing = [];
    private readonly List<LedgerEntry<TCustomer>[]>? _chunks;
    private LedgerEntry<TCustomer>[] _chunk = [];
    private int _chunkCount;
    private long _entryCount;
    private int _first;

    /// <summary>Entries per chunk: 16,384 (a chunk of long keys is 768 KB, in the large-object heap, never copied by the GC).</summary>
    private const int ChunkLength = 16_384;

    public LedgerState(int periods, int periodsPerYear, LedgerOptions options, int scale, int segments)
    {
        _scale = scale;
        _periods = periods;
        _year = periodsPerYear;
        _options = options;
        _mrr = new TMoney[periods];
        _touched = new bool[periods];
        _reason = new ChurnReason[periods];
        _cohortSizes = new long[periods];
        _cohortActive = new long[periods * periods];
        _cohortRevenue = new TMoney[periods * periods];
        _chunks = options.IncludeCustomerEntries ? [] : null;
        _first = periods;
        for (int s = 0; s < segments; s++)
        {
            _segments.Add(new PeriodSums<TMoney>[periods]);
            _leading.Add(new long[periods + 1]);
            _trailing.Add(new long[periods + 1]);
        }
    }

    /// <summary>The entries of the states (over consecutive customer ranges, in order) as one array, allocated once at its exact length.</summary>
    public static ImmutableArray<LedgerEntry<TCustomer>> JoinEntries(LedgerState<TCustomer, TMoney>[] states)
    {
        long total = 0;
        foreach (LedgerState<TCustomer, TMoney> state in states)
        {
            total += state._entryCount;
        }

        if (total == 0)
        {
            return [];
        }

        // Each state copies its chunks to its own place, one state per core (uninitialized: every slot is written).
        LedgerEntry<TCustomer>[] entries = GC.AllocateUninitializedArray<LedgerEntry<TCustomer>>(checked((int)total));
        var starts = new int[states.Length];
        for (int k = 1; k < states.Length; k++)
        {
            starts[k] = starts[k - 1] + (int)states[k - 1]._entryCount;
        }

        void Copy(int k)
        {
            LedgerState<TCustomer, TMoney> state = states[k];
            int at = starts[k];
            foreach (LedgerEntry<TCustomer>[] chunk in state._chunks!)
            {
                int length = chunk == state._chunk ? state._chunkCount : chunk.Length;
                chunk.AsSpan(0, length).CopyTo(entries.AsSpan(at));
                at += length;
            }
        }

        if (states.Length == 1)
        {
            Copy(0);
        }
        else
        {
            Parallel.For(0, states.Length, Copy);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(entries);
    }

    /// <summary>Adds the periods skipped before each customer's first and after its last to the inactive and unchanged counts; call once, after the last customer.</summary>
    public void Finish()
    {
        for (int s = 0; s < _segments.Count; s++)
        {
            PeriodSums<TMoney>[] sums = _segments[s];
            long[] leading = _leading[s];
            long later = leading[_periods]; // customers with no period at all (every record starts after the end)
            for (int p = _periods - 1; p >= 0; p--)
            {
                sums[p].Unchanged += later;
                sums[p].Inactive += later;
                later += leading[p];
            }

            long[] trailing = _trailing[s];
            long ended = 0;
            for (int p = 0; p < _periods; p++)
            {
                ended += trailing[p];
                sums[p].Unchanged += ended;
                sums[p].Inactive += ended;
            }
        }
    }

    /// <summary>Adds the sums and cohorts of a finished state over later customers (exact for integer money); entries are joined by <see cref="JoinEntries"/>.</summary>
    public void Add(LedgerState<TCustomer, TMoney> later)
    {
        for (int s = 0; s < _segments.Count; s++)
        {
            for (int p = 0; p < _periods; p++)
            {
                _segments[s][p].Add(in later._segments[s][p]);
            }
        }

        for (int i = 0; i < _cohortActive.Length; i++)
        {
            _cohortActive[i] += later._cohortActive[i];
            _cohortRevenue[i] += later._cohortRevenue[i];
        }

        for (int p = 0; p < _periods; p++)
        {
            _cohortSizes[p] += later._cohortSizes[p];
        }
    }

    /// <summary>The sums of one segment as <c>decimal</c>s.</summary>
    public PeriodAccumulator[] Segment(int segment)
    {
        PeriodSums<TMoney>[] sums = _segments[segment];
        var result = new PeriodAccumulator[sums.Length];
        for (int p = 0; p < sums.Length; p++)
        {
            result[p] = sums[p].ToAccumulator(_scale);
        }

        return result;
    }

    /// <summary>Adds one subscription's MRR at every period-end it covers to the current customer's buffer.</summary>
    public void AddSubscription(in PreparedSubscription s, ReadOnlySpan<PauseInterval> pauses, PeriodUnit unit, int firstAbs, int throughDay, int[] readDays)
    {
        if (s.StartDay > throughDay)
        {
            return;
        }

        int startPeriod = unit.WholePeriodIndex(s.StartDay) - firstAbs;
        _first = Math.Min(_first, startPeriod); // nothing of this subscription lies before its start's period
        int lastDay = (int)Math.Min((long)s.ChurnDay - 1, throughDay);
        if (lastDay >= s.StartDay)
        {
            TMoney full = PeriodSums<TMoney>.FromDecimal(s.FullMrr, _scale), discounted = PeriodSums<TMoney>.FromDecimal(s.DiscountedMrr, _scale);
            for (int p = startPeriod, to = unit.WholePeriodIndex(lastDay) - firstAbs; p <= to; p++)
            {
                _mrr[p] += MrrOn(in s, pauses, full, discounted, readDays[p]);
            }
        }

        // Paid days: the discounted stretch and the full-price stretch, each only where its MRR is positive.
        int discountEnd = (int)Math.Min((long)s.DiscountUntilDay - 1, lastDay);
        if (s.DiscountedMrr > 0)
        {
            MarkPaid(s.PaidFromDay, discountEnd, pauses, unit, firstAbs);
        }

        if (s.FullMrr > 0)
        {
            MarkPaid(Math.Max(s.PaidFromDay, s.DiscountUntilDay), lastDay, pauses, unit, firstAbs);
        }

        if (s.ChurnDay <= throughDay && s.ChurnDay > s.StartDay && s.Reason != ChurnReason.Unspecified)
        {
            _reason[unit.WholePeriodIndex(s.ChurnDay) - firstAbs] = s.Reason;
        }
    }

    /// <summary>MRR of a subscription on a day: 0 outside its paid days and in a pause, else the discounted or full amount.</summary>
    private static TMoney MrrOn(in PreparedSubscription s, ReadOnlySpan<PauseInterval> pauses, TMoney full, TMoney discounted, int day)
    {
        if (day < s.PaidFromDay || day >= s.ChurnDay)
        {
            return default;
        }

        foreach (PauseInterval pause in pauses)
        {
            if (day >= pause.From.DayNumber && day < pause.Until.DayNumber)
            {
                return default;
            }
        }

        return day < s.DiscountUntilDay ? discounted : full;
    }

    /// <summary>Marks the periods holding a paid day of [from, to] outside every pause.</summary>
    private void MarkPaid(int from, int to, ReadOnlySpan<PauseInterval> pauses, PeriodUnit unit, int firstAbs)
    {
        if (from > to)
        {
            return;
        }

        foreach (PauseInterval pause in pauses)
        {
            int pauseFrom = pause.From.DayNumber, pauseUntil = pause.Until.DayNumber;
            if (pauseFrom < pauseUntil && pauseFrom <= to && pauseUntil > from)
            {
                // Split around the pause; the pieces are checked against the remaining pauses.
                MarkPaid(from, pauseFrom - 1, pauses, unit, firstAbs);
                MarkPaid(pauseUntil, to, pauses, unit, firstAbs);
                return;
            }
        }

        for (int p = unit.WholePeriodIndex(from) - firstAbs, last = unit.WholePeriodIndex(to) - firstAbs; p <= last; p++)
        {
            _touched[p] = true;
        }
    }

    /// <summary>Classifies the current customer's movements, adds them to its segment and the cohorts, and clears the buffer.</summary>
    /// <remarks>The walk starts at the customer's first period: before it MRR is 0 and nothing is paid or churned, so each
    /// earlier period is only inactive and unchanged (counted in <see cref="Finish"/>), with no entry, cohort or year-ago sum.
    /// It ends a year after the last period holding an amount (even a zero one, whose scale a sum would keep) or a paid
    /// day, whichever is later: from there on each period is again only inactive and unchanged (a year-ago amount is 0).</remarks>
    public void CloseCustomer(TCustomer customer, int segment, int firstAbs)
    {
        Span<PeriodSums<TMoney>> acc = _segments[segment];
        bool wasCustomer = false;
        int lastPaid = int.MinValue / 2, cohort = -1;
        int? window = _options.ReactivationWithinPeriods;
        TMoney previous = default;
        int first = _first;
        _leading[segment][first]++;
        _first = _periods;
        int last = _periods - 1;
        while (last >= first && !_touched[last] && PeriodSums<TMoney>.IsEmpty(_mrr[last]))
        {
            last--;
        }

        int end = last < first ? first : (int)Math.Min(_periods, (long)last + _year + 1);
        _trailing[segment][end]++;
        for (int p = first; p < end; p++)
        {
            TMoney current = _mrr[p];
            ref PeriodSums<TMoney> a = ref acc[p];
            a.Start += previous;
            a.End += current;
            MovementKind? kind = null;
            if (previous == current)
            {
                a.Unchanged++;
                if (current == default)
                {
                    a.Inactive++;
                    if (_touched[p])
                    {
                        a.JoinedAndChurned++;
                        kind = MovementKind.JoinedAndChurned;
                    }
                }
            }
            else if (previous == default)
            {
                if (wasCustomer && (window is null || p - lastPaid <= window))
                {
                    a.ReactivatedCount++;
                    a.Reactivation += current;
                    kind = MovementKind.Reactivation;
                }
                else
                {
                    a.NewCount++;
                    a.New += current;
                    kind = MovementKind.New;
                }
            }
            else if (current == default)
            {
                a.ChurnedCount++;
                a.Churned += previous;
                kind = MovementKind.Churn;
                if (_reason[p] == ChurnReason.Voluntary)
                {
                    a.Voluntary++;
                    a.VoluntaryMrr += previous;
                }
                else if (_reason[p] == ChurnReason.Delinquent)
                {
                    a.Delinquent++;
                    a.DelinquentMrr += previous;
                }
            }
            else if (current > previous)
            {
                a.ExpansionCount++;
                a.Expansion += current - previous;
                kind = MovementKind.Expansion;
            }
            else
            {
                a.ContractionCount++;
                a.Contraction += previous - current;
                kind = MovementKind.Contraction;
            }

            if (p >= _year && _mrr[p - _year] is TMoney yearAgo && yearAgo > default(TMoney))
            {
                a.YearAgoCustomers++;
                a.YearAgoMrr += yearAgo;
                a.YearAgoMrrNow += current;
                a.YearAgoGross += yearAgo < current ? yearAgo : current; // decimal.Min: the second when equal
                a.YearAgoRetained += current > default(TMoney) ? 1 : 0;
            }

            if (kind is MovementKind k && _chunks is not null)
            {
                AddEntry(new LedgerEntry<TCustomer>(customer, firstAbs + p, k, PeriodSums<TMoney>.ToDecimal(previous, _scale), PeriodSums<TMoney>.ToDecimal(current, _scale)));
            }

            if (current > default(TMoney) || _touched[p])
            {
                wasCustomer = true;
                lastPaid = p;
            }

            if (current > default(TMoney))
            {
                if (cohort < 0)
                {
                    cohort = p;
                    _cohortSizes[p]++;
                }

                int cell = (cohort * _periods) + (p - cohort);
                _cohortActive[cell]++;
                _cohortRevenue[cell] += current;
            }

            previous = current;
        }

        _mrr.AsSpan(first).Clear();
        _touched.AsSpan(first).Clear();
        _reason.AsSpan(first).Clear();
    }

    private void AddEntry(in LedgerEntry<TCustomer> entry)
    {
        if (_chunkCount == _chunk.Length)
        {
            _chunk = new LedgerEntry<TCustomer>[ChunkLength];
            _chunks!.Add(_chunk);
            _chunkCount = 0;
        }

        _chunk[_chunkCount++] = entry;
        _entryCount++;
    }

    public CohortTable Cohorts(int firstAbs, int lastAbs)
    {
        var revenue = new double[_cohortRevenue.Length];
        for (int i = 0; i < revenue.Length; i++)
        {
            revenue[i] = (double)PeriodSums<TMoney>.ToDecimal(_cohortRevenue[i], _scale);
        }

        return new CohortTable(firstAbs, lastAbs, ImmutableCollectionsMarshal.AsImmutableArray(_cohortSizes),
            ImmutableCollectionsMarshal.AsImmutableArray(_cohortActive), ImmutableCollectionsMarshal.AsImmutableArray(revenue));
    }
}
