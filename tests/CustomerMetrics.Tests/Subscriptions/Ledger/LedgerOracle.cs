using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions.Ledger;

/// <summary>
/// An independent, deliberately plain implementation of each vendor's monthly ledger: day-by-day MRR from the raw
/// records, per-customer classification, and each vendor's logo churn written out from its help page (not from the
/// library's option flags).
/// </summary>
internal static class LedgerOracle
{
    internal sealed record Month(DateOnly Start, DateOnly Read, decimal StartMrr, decimal EndMrr, decimal New, decimal Expansion,
        decimal Contraction, decimal Churned, decimal Reactivation, int NewCount, int ExpansionCount, int ContractionCount,
        int ChurnedCount, int ReactivatedCount, int JoinedAndChurned, int AtStart, int AtEnd, double LogoChurn);

    public static decimal Mrr(SubscriptionRecord<string, string> r, DateOnly day, string vendor)
    {
        DateOnly? stop = vendor == "Cancellation" ? r.CancelledOn ?? r.EndsOn : r.EndsOn;
        if (day < r.Start || (stop is DateOnly s && day >= s) || (r.TrialEndsOn is DateOnly t && day < t))
        {
            return 0;
        }

        if (!r.Pauses.IsDefault && r.Pauses.Any(p => day >= p.From && day < p.Until))
        {
            return 0;
        }

        decimal perPeriod = r.Price * r.Quantity;
        if (r.Discount is SubscriptionDiscount d && !(vendor == "Stripe" && d.DurationInPeriods is not null))
        {
            DateOnly billingStart = r.TrialEndsOn is DateOnly trial && trial > r.Start ? trial : r.Start;
            bool applies = d.DurationInPeriods is not int n || day < r.Interval switch
            {
                BillingInterval.Month => billingStart.AddMonths(n * r.IntervalCount),
                BillingInterval.Quarter => billingStart.AddMonths(3 * n * r.IntervalCount),
                BillingInterval.Year => billingStart.AddYears(n * r.IntervalCount),
                BillingInterval.Week => billingStart.AddDays(7 * n * r.IntervalCount),
                _ => billingStart.AddDays(n * r.IntervalCount),
            };
            if (applies)
            {
                perPeriod = d.Kind == DiscountKind.Percent ? perPeriod * (1 - d.Value) : Math.Max(0, perPeriod - d.Value);
            }
        }

        return r.Interval switch
        {
            BillingInterval.Month => perPeriod / r.IntervalCount,
            BillingInterval.Quarter => perPeriod / (3 * r.IntervalCount),
            BillingInterval.Year => perPeriod / (12 * r.IntervalCount),
            BillingInterval.Week => perPeriod * 52 / 12 / r.IntervalCount,
            _ => perPeriod * 365 / 12 / r.IntervalCount,
        };
    }

    /// <summary>The monthly ledger under one vendor's rules ("ChartMogul", "Stripe", "Baremetrics", "ProfitWell", or "Cancellation":
    /// ChartMogul with churn at cancellation).</summary>
    public static List<Month> Build(IReadOnlyList<SubscriptionRecord<string, string>> book, DateOnly through, string vendor)
    {
        DateOnly first = book.Min(r => r.Start);
        var months = new List<(DateOnly Start, DateOnly Read)>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= through; m = m.AddMonths(1))
        {
            DateOnly last = m.AddMonths(1).AddDays(-1);
            months.Add((m, last < through ? last : through));
        }

        var byCustomer = book.GroupBy(r => r.CustomerKey).ToList();
        var result = new List<Month>();
        var was = new HashSet<string>();
        var previous = byCustomer.ToDictionary(g => g.Key, _ => 0m);
        foreach ((DateOnly start, DateOnly read) in months)
        {
            decimal startMrr = 0, endMrr = 0, fresh = 0, up = 0, down = 0, lost = 0, back = 0;
            int freshN = 0, upN = 0, downN = 0, lostN = 0, backN = 0, joinChurn = 0, atStart = 0, atEnd = 0;
            var paidInMonth = new List<string>();
            foreach (var customer in byCustomer)
            {
                decimal p = previous[customer.Key];
                decimal c = customer.Sum(r => Mrr(r, read, vendor));
                bool paidWithin = false;
                for (DateOnly day = start; day <= read; day = day.AddDays(1))
                {
                    if (customer.Sum(r => Mrr(r, day, vendor)) > 0)
                    {
                        paidWithin = true;
                        break;
                    }
                }

                startMrr += p;
                endMrr += c;
                atStart += p > 0 ? 1 : 0;
                atEnd += c > 0 ? 1 : 0;
                if (p == 0 && c > 0)
                {
                    if (was.Contains(customer.Key))
                    {
                        back += c;
                        backN++;
                    }
                    else
                    {
                        fresh += c;
                        freshN++;
                    }
                }
                else if (p > 0 && c == 0)
                {
                    lost += p;
                    lostN++;
                }
                else if (p > 0 && c > p)
                {
                    up += c - p;
                    upN++;
                }
                else if (p > 0 && c < p)
                {
                    down += p - c;
                    downN++;
                }
                else if (p == 0 && c == 0 && paidWithin)
                {
                    joinChurn++;
                }

                if (c > 0 || paidWithin)
                {
                    paidInMonth.Add(customer.Key);
                }

                previous[customer.Key] = c;
            }

            was.UnionWith(paidInMonth);
            double logoChurn = vendor switch
            {
                // ChartMogul / ProfitWell: churned ÷ customers at start; join-and-churn excluded.
                "ChartMogul" or "ProfitWell" or "Cancellation" => atStart == 0 ? double.NaN : (double)lostN / atStart,
                // Stripe: every churned subscriber ÷ (active at start + new in the period).
                "Stripe" => atStart + freshN + joinChurn == 0 ? double.NaN : (double)(lostN + joinChurn) / (atStart + freshN + joinChurn),
                // Baremetrics: every cancellation ÷ active at start.
                _ => atStart == 0 ? double.NaN : (double)(lostN + joinChurn) / atStart,
            };
            result.Add(new Month(start, read, startMrr, endMrr, fresh, up, down, lost, back, freshN, upN, downN, lostN, backN, joinChurn, atStart, atEnd, logoChurn));
        }

        return result;
    }
}
