using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// The synthetic billing log of the ledger benchmark (<c>SubscriptionLedgerBenchmarks</c>) and the two baselines a user would write
/// without the library: LINQ (group by customer, MRR per month-end by normalising each record, movements by comparing
/// consecutive months) and a plain loop over records sorted by customer. Both return the per-month
/// <see cref="MrrMovements{T}"/> totals, which the library's <see cref="LedgerPeriod.Movements"/> must equal (the test
/// project compiles this file and checks that on a small book, so the baselines are honest).
/// </summary>
/// <remarks>
/// The book keeps to what both baselines model: monthly, quarterly and yearly plans at whole MRR (prices are multiples of
/// the months in the interval, so every sum is exact), quantities, plan changes (phases of one subscription), ends, no
/// trials, discounts or pauses. A customer who returns from zero MRR after having paid before is reactivation.
/// </remarks>
public static class LedgerBaselines
{
    /// <summary>The first day of the book.</summary>
    public static readonly DateOnly First = new(2022, 1, 1);

    /// <summary>The observation end: 36 calendar months from <see cref="First"/>.</summary>
    public static readonly DateOnly Through = new(2024, 12, 31);

    /// <summary>A deterministic book of <paramref name="records"/> records: customers with one to three subscriptions of
    /// one to three phases (plan changes), starts spread over the 36 months, two in three phases ending.</summary>
    /// <param name="records">Records to make.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The records, grouped by customer in generation order (the library and the baselines accept any order).</returns>
    public static SubscriptionRecord<long, long>[] Book(int records, int seed)
    {
        var random = new Random(seed);
        var book = new SubscriptionRecord<long, long>[records];
        int n = 0;
        int days = Through.DayNumber - First.DayNumber + 1;
        for (long customer = 0; n < records; customer++)
        {
            int subscriptions = random.Next(1, 4);
            for (int s = 0; s < subscriptions && n < records; s++)
            {
                DateOnly start = customer == 0 ? First : First.AddDays(random.Next(days));
                int phases = random.Next(1, 4);
                for (int phase = 0; phase < phases && n < records; phase++)
                {
                    DateOnly? end = random.Next(3) == 0 && phase == phases - 1 ? null : start.AddDays(random.Next(1, 400));
                    (BillingInterval interval, int months) = random.Next(5) switch
                    {
                        0 => (BillingInterval.Year, 12),
                        1 => (BillingInterval.Quarter, 3),
                        _ => (BillingInterval.Month, 1),
                    };
                    book[n++] = new SubscriptionRecord<long, long>
                    {
                        CustomerKey = customer,
                        SubscriptionKey = (customer * 4) + s,
                        Start = start,
                        EndsOn = end,
                        Price = 10m * random.Next(1, 50) * months,
                        Interval = interval,
                        Quantity = random.Next(1, 4),
                    };
                    if (end is not DateOnly next)
                    {
                        break;
                    }

                    start = next;
                }
            }
        }

        return book;
    }

    /// <summary>MRR of one record: price × quantity ÷ months per billing interval.</summary>
    private static decimal Mrr(SubscriptionRecord<long, long> r) =>
        r.Price * r.Quantity / (r.Interval switch { BillingInterval.Year => 12m, BillingInterval.Quarter => 3m, _ => 1m });

    /// <summary>The month-end days (the last on <paramref name="through"/>) and month starts from <paramref name="first"/>'s month.</summary>
    private static (DateOnly[] Starts, DateOnly[] Ends) Months(DateOnly first, DateOnly through)
    {
        var start = new DateOnly(first.Year, first.Month, 1);
        int count = ((through.Year - start.Year) * 12) + through.Month - start.Month + 1;
        var starts = new DateOnly[count];
        var ends = new DateOnly[count];
        for (int p = 0; p < count; p++)
        {
            starts[p] = start.AddMonths(p);
            ends[p] = p == count - 1 ? through : start.AddMonths(p + 1).AddDays(-1);
        }

        return (starts, ends);
    }

    /// <summary>The LINQ a user would write: group by customer, MRR per month-end, compare consecutive months, group by month.</summary>
    /// <param name="records">The book.</param>
    /// <param name="through">The observation end.</param>
    /// <returns>Movements per month from the month of the earliest start.</returns>
    public static MrrMovements<decimal>[] Linq(IReadOnlyList<SubscriptionRecord<long, long>> records, DateOnly through)
    {
        (DateOnly[] starts, DateOnly[] ends) = Months(records.Min(r => r.Start), through);
        return records
            .GroupBy(r => r.CustomerKey)
            .SelectMany(customer =>
            {
                decimal[] mrr = ends.Select(day => customer.Where(r => r.Start <= day && (r.EndsOn is null || r.EndsOn > day)).Sum(Mrr)).ToArray();
                return Enumerable.Range(0, ends.Length).Select(p => (
                    Period: p,
                    Previous: p == 0 ? 0m : mrr[p - 1],
                    Current: mrr[p],
                    PaidBefore: customer.Any(r => r.Start < starts[p] && (r.EndsOn is null || r.EndsOn > r.Start))));
            })
            .GroupBy(m => m.Period)
            .OrderBy(g => g.Key)
            .Select(g => new MrrMovements<decimal>(
                startingMrr: g.Sum(m => m.Previous),
                endingMrr: g.Sum(m => m.Current),
                newMrr: g.Where(m => m.Previous == 0 && m.Current > 0 && !m.PaidBefore).Sum(m => m.Current),
                expansionMrr: g.Where(m => m.Previous > 0 && m.Current > m.Previous).Sum(m => m.Current - m.Previous),
                contractionMrr: g.Where(m => m.Current > 0 && m.Current < m.Previous).Sum(m => m.Previous - m.Current),
                churnedMrr: g.Where(m => m.Previous > 0 && m.Current == 0).Sum(m => m.Previous),
                reactivationMrr: g.Where(m => m.Previous == 0 && m.Current > 0 && m.PaidBefore).Sum(m => m.Current),
                newCustomers: g.LongCount(m => m.Previous == 0 && m.Current > 0 && !m.PaidBefore),
                expansionCustomers: g.LongCount(m => m.Previous > 0 && m.Current > m.Previous),
                contractionCustomers: g.LongCount(m => m.Current > 0 && m.Current < m.Previous),
                churnedCustomers: g.LongCount(m => m.Previous > 0 && m.Current == 0),
                reactivatedCustomers: g.LongCount(m => m.Previous == 0 && m.Current > 0 && m.PaidBefore),
                unchangedCustomers: g.LongCount(m => m.Previous == m.Current),
                inactiveCustomers: g.LongCount(m => m.Previous == 0 && m.Current == 0)))
            .ToArray();
    }

    /// <summary>A plain loop: sort record indexes by customer once, then per customer fill MRR per month-end in a reused
    /// buffer and classify consecutive months into per-month sums.</summary>
    /// <param name="records">The book.</param>
    /// <param name="through">The observation end.</param>
    /// <returns>Movements per month from the month of the earliest start.</returns>
    public static MrrMovements<decimal>[] Loop(SubscriptionRecord<long, long>[] records, DateOnly through)
    {
        int n = records.Length;
        var customers = new long[n];
        var order = new int[n];
        DateOnly first = DateOnly.MaxValue;
        for (int i = 0; i < n; i++)
        {
            customers[i] = records[i].CustomerKey;
            order[i] = i;
            first = records[i].Start < first ? records[i].Start : first;
        }

        Array.Sort(customers, order);
        (DateOnly[] starts, DateOnly[] ends) = Months(first, through);
        int periods = ends.Length;
        var mrr = new decimal[periods];
        var sums = new decimal[periods, 7];
        var counts = new long[periods, 7];
        for (int lo = 0; lo < n;)
        {
            int hi = lo;
            DateOnly firstPaid = DateOnly.MaxValue;
            Array.Clear(mrr);
            for (; hi < n && customers[hi] == customers[lo]; hi++)
            {
                SubscriptionRecord<long, long> r = records[order[hi]];
                decimal value = Mrr(r);
                if (r.EndsOn is null || r.EndsOn > r.Start)
                {
                    firstPaid = r.Start < firstPaid ? r.Start : firstPaid;
                }

                for (int p = 0; p < periods; p++)
                {
                    if (r.Start <= ends[p] && (r.EndsOn is null || r.EndsOn > ends[p]))
                    {
                        mrr[p] += value;
                    }
                }
            }

            decimal previous = 0;
            for (int p = 0; p < periods; p++)
            {
                decimal current = mrr[p];
                sums[p, 0] += previous;
                sums[p, 1] += current;
                int kind = previous == current ? (current == 0 ? 8 : 7)
                    : previous == 0 ? (firstPaid < starts[p] ? 6 : 2)
                    : current == 0 ? 5
                    : current > previous ? 3 : 4;
                if (kind >= 7)
                {
                    counts[p, 0]++;
                    counts[p, 1] += kind - 7;
                }
                else
                {
                    sums[p, kind] += Math.Abs(current - previous);
                    counts[p, kind]++;
                }

                previous = current;
            }

            lo = hi;
        }

        var result = new MrrMovements<decimal>[periods];
        for (int p = 0; p < periods; p++)
        {
            result[p] = new MrrMovements<decimal>(sums[p, 0], sums[p, 1], sums[p, 2], sums[p, 3], sums[p, 4], sums[p, 5], sums[p, 6],
                counts[p, 2], counts[p, 3], counts[p, 4], counts[p, 5], counts[p, 6], counts[p, 0], counts[p, 1]);
        }

        return result;
    }
}
