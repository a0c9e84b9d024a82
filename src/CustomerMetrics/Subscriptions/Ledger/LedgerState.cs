using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CustomerMetrics.Value;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The working state of one ledger build: a reusable per-customer buffer of MRR per period-end, the per-segment period
/// sums, the cohort cells and the optional entries. Per customer it holds nothing once the customer is closed.
/// </summary>
internal sealed class LedgerState<TCustomer>
    where TCustomer : notnull
{
    private readonly int _periods;
    private readonly int _year;
    private readonly LedgerOptions _options;
    private readonly decimal[] _mrr;
    private readonly bool[] _touched;
    private readonly ChurnReason[] _reason;
    private readonly List<PeriodAccumulator[]> _segments = [];
    private readonly long[] _cohortSizes;
    private readonly long[] _cohortActive;
    private readonly decimal[] _cohortRevenue;
    private readonly ImmutableArray<LedgerEntry<TCustomer>>.Builder? _entries;

    public LedgerState(int periods, int periodsPerYear, LedgerOptions options)
    {
        _periods = periods;
        _year = periodsPerYear;
        _options = options;
        _mrr = new decimal[periods];
        _touched = new bool[periods];
        _reason = new ChurnReason[periods];
        _cohortSizes = new long[periods];
        _cohortActive = new long[periods * periods];
        _cohortRevenue = new decimal[periods * periods];
        _entries = options.IncludeCustomerEntries ? ImmutableArray.CreateBuilder<LedgerEntry<TCustomer>>() : null;
    }

    public ImmutableArray<LedgerEntry<TCustomer>> Entries => _entries?.ToImmutable() ?? [];

    public void AddSegment() => _segments.Add(new PeriodAccumulator[_periods]);

    public ReadOnlySpan<PeriodAccumulator> Segment(int segment) => _segments[segment];

    /// <summary>Adds one subscription's MRR at every period-end it covers to the current customer's buffer.</summary>
    public void AddSubscription(in PreparedSubscription s, PeriodUnit unit, int firstAbs, int throughDay, int[] readDays)
    {
        if (s.StartDay > throughDay)
        {
            return;
        }

        int lastDay = (int)Math.Min((long)s.ChurnDay - 1, throughDay);
        if (lastDay >= s.StartDay)
        {
            int from = unit.WholePeriodIndex(s.StartDay) - firstAbs, to = unit.WholePeriodIndex(lastDay) - firstAbs;
            for (int p = from; p <= to; p++)
            {
                _mrr[p] += s.MrrOn(readDays[p]);
            }
        }

        // Paid days: the discounted stretch and the full-price stretch, each only where its MRR is positive.
        int discountEnd = (int)Math.Min((long)s.DiscountUntilDay - 1, lastDay);
        if (s.DiscountedMrr > 0)
        {
            MarkPaid(s.PaidFromDay, discountEnd, s.Pauses, unit, firstAbs);
        }

        if (s.FullMrr > 0)
        {
            MarkPaid(Math.Max(s.PaidFromDay, s.DiscountUntilDay), lastDay, s.Pauses, unit, firstAbs);
        }

        if (s.ChurnDay <= throughDay && s.ChurnDay > s.StartDay && s.Reason != ChurnReason.Unspecified)
        {
            _reason[unit.WholePeriodIndex(s.ChurnDay) - firstAbs] = s.Reason;
        }
    }

    /// <summary>Marks the periods holding a paid day of [from, to] outside every pause.</summary>
    private void MarkPaid(int from, int to, ImmutableArray<PauseInterval> pauses, PeriodUnit unit, int firstAbs)
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
    public void CloseCustomer(TCustomer customer, int segment, int firstAbs)
    {
        Span<PeriodAccumulator> acc = _segments[segment];
        bool wasCustomer = false;
        int lastPaid = int.MinValue / 2, cohort = -1;
        int? window = _options.ReactivationWithinPeriods;
        decimal previous = 0;
        for (int p = 0; p < _periods; p++)
        {
            decimal current = _mrr[p];
            ref PeriodAccumulator a = ref acc[p];
            a.Start += previous;
            a.End += current;
            MovementKind? kind = null;
            if (previous == current)
            {
                a.Unchanged++;
                if (current == 0)
                {
                    a.Inactive++;
                    if (_touched[p])
                    {
                        a.JoinedAndChurned++;
                        kind = MovementKind.JoinedAndChurned;
                    }
                }
            }
            else if (previous == 0)
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
            else if (current == 0)
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

            if (p >= _year && _mrr[p - _year] is decimal yearAgo && yearAgo > 0)
            {
                a.YearAgoCustomers++;
                a.YearAgoMrr += yearAgo;
                a.YearAgoMrrNow += current;
                a.YearAgoGross += Math.Min(yearAgo, current);
                a.YearAgoRetained += current > 0 ? 1 : 0;
            }

            if (kind is MovementKind k && _entries is not null)
            {
                _entries.Add(new LedgerEntry<TCustomer>(customer, firstAbs + p, k, previous, current));
            }

            if (current > 0 || _touched[p])
            {
                wasCustomer = true;
                lastPaid = p;
            }

            if (current > 0)
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

        Array.Clear(_mrr);
        Array.Clear(_touched);
        Array.Clear(_reason);
    }

    public CohortTable Cohorts(int firstAbs, int lastAbs)
    {
        var revenue = new double[_cohortRevenue.Length];
        for (int i = 0; i < revenue.Length; i++)
        {
            revenue[i] = (double)_cohortRevenue[i];
        }

        return new CohortTable(firstAbs, lastAbs, ImmutableCollectionsMarshal.AsImmutableArray(_cohortSizes),
            ImmutableCollectionsMarshal.AsImmutableArray(_cohortActive), ImmutableCollectionsMarshal.AsImmutableArray(revenue));
    }
}
