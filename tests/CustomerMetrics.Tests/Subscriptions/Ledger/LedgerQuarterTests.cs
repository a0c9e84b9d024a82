using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Subscriptions.Ledger;

public class LedgerQuarterTests
{
    [Fact]
    public void Quarterly_periods_per_year_is_four()
    {
        Assert.Equal(4, SubscriptionLedger.PeriodsPerYear(PeriodUnit.Quarter));
        Assert.Equal(12, SubscriptionLedger.PeriodsPerYear(PeriodUnit.Month));
    }

    [Fact]
    public void Quarterly_ledger_equals_an_independent_reading_at_each_quarter_end()
    {
        // Monthly plans of at least 100 days (each spans a quarter end) that start and end on days that are never a
        // quarter's last day; several plans per customer,
        // gaps (reactivations) and price changes. MRR is read on each quarter's last day (the last on the observation end).
        var random = new Random(17);
        var records = new List<SubscriptionRecord<int, int>>();
        var first = new DateOnly(2022, 1, 1);
        for (int c = 0; c < 60; c++)
        {
            DateOnly start = first.AddDays(random.Next(700));
            for (int s = 0; s < 3 && start < new DateOnly(2024, 6, 1); s++)
            {
                DateOnly? ends = random.Next(3) == 0 ? null : start.AddDays(100 + random.Next(300));
                if (ends is { } e && IsQuarterEnd(e))
                {
                    ends = e.AddDays(1);
                }

                if (IsQuarterEnd(start))
                {
                    start = start.AddDays(1);
                }

                records.Add(new SubscriptionRecord<int, int>
                {
                    CustomerKey = c,
                    SubscriptionKey = (c * 10) + s,
                    Start = start,
                    EndsOn = ends,
                    Price = 10 * (1 + random.Next(9)),
                });
                if (ends is null)
                {
                    break;
                }

                start = ends.Value.AddDays(random.Next(2) == 0 ? 0 : 30 + random.Next(200));
            }
        }

        var through = new DateOnly(2024, 11, 20);
        SubscriptionLedger<int> ledger = SubscriptionLedger.Build(records, through, LedgerOptions.ChartMogul with { Period = PeriodUnit.Quarter });

        // Oracle: quarter q of year y runs from month 3q + 1; each customer's MRR on a reading day is the sum of the
        // prices of the plans with Start ≤ day < EndsOn.
        DateOnly firstStart = records.Min(r => r.Start);
        var quarterStart = new DateOnly(firstStart.Year, (((firstStart.Month - 1) / 3) * 3) + 1, 1);
        var starts = new List<DateOnly>();
        for (DateOnly q = quarterStart; q <= through; q = q.AddMonths(3))
        {
            starts.Add(q);
        }

        Assert.Equal(starts.Count, ledger.Periods.Length);
        int customers = records.Max(r => r.CustomerKey) + 1;
        var previous = new decimal[customers];
        var everPaid = new bool[customers];
        for (int p = 0; p < starts.Count; p++)
        {
            DateOnly read = p == starts.Count - 1 ? through : starts[p + 1].AddDays(-1);
            decimal newMrr = 0, expansion = 0, contraction = 0, churned = 0, reactivation = 0, starting = previous.Sum(), ending = 0;
            for (int c = 0; c < customers; c++)
            {
                decimal now = records.Where(r => r.CustomerKey == c && r.Start <= read && (r.EndsOn is null || read < r.EndsOn)).Sum(r => r.Price);
                decimal before = previous[c];
                if (before == 0 && now > 0)
                {
                    if (everPaid[c])
                    {
                        reactivation += now;
                    }
                    else
                    {
                        newMrr += now;
                    }
                }
                else if (before > 0 && now == 0)
                {
                    churned += before;
                }
                else if (now > before)
                {
                    expansion += now - before;
                }
                else
                {
                    contraction += before - now;
                }

                everPaid[c] |= now > 0;
                previous[c] = now;
                ending += now;
            }

            LedgerPeriod period = ledger.Periods[p];
            Assert.Equal(starts[p], period.Start);
            Assert.Equal(read, period.End);
            Assert.Equal(starting, period.Movements.StartingMrr);
            Assert.Equal(ending, period.Movements.EndingMrr);
            Assert.Equal(newMrr, period.Movements.NewMrr);
            Assert.Equal(expansion, period.Movements.ExpansionMrr);
            Assert.Equal(contraction, period.Movements.ContractionMrr);
            Assert.Equal(churned, period.Movements.ChurnedMrr);
            Assert.Equal(reactivation, period.Movements.ReactivationMrr);
        }
    }

    private static bool IsQuarterEnd(DateOnly d) => d.Month % 3 == 0 && d.AddDays(1).Day == 1;
}
