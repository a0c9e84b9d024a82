using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions.Ledger;

/// <summary>Synthetic billing logs for the ledger tests: one with every edge named in issue 10, and random ones.</summary>
internal static class LedgerBooks
{
    public static readonly DateOnly Through = new(2024, 12, 31);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static SubscriptionRecord<string, string> R(string customer, string sub, DateOnly start, DateOnly? end, decimal price,
        BillingInterval interval = BillingInterval.Month, string? segment = null) => new()
        {
            CustomerKey = customer,
            SubscriptionKey = sub,
            Start = start,
            EndsOn = end,
            Price = price,
            Interval = interval,
            Segment = segment,
        };

    /// <summary>Every edge: join and churn in one month, a pause over month ends, reactivation, a yearly plan upgraded
    /// mid-year, a trial that converts, a trial that does not, a discount that expires (finite) and a forever one,
    /// cancellation long before the end, two subscriptions of which one ends (contraction), weekly and quarterly plans,
    /// delinquent and voluntary endings, and steady customers.</summary>
    public static SubscriptionRecord<string, string>[] EdgeBook() =>
    [
        R("steady1", "s", D(2023, 11, 3), null, 100, segment: "smb"),
        R("steady2", "s", D(2023, 11, 20), null, 300, BillingInterval.Quarter, "smb"),
        R("joinchurn", "s", D(2024, 3, 4), D(2024, 3, 25), 40, segment: "smb") with { EndReason = ChurnReason.Voluntary },
        R("paused", "s", D(2023, 12, 1), null, 60, segment: "smb") with { Pauses = [new PauseInterval(D(2024, 4, 15), D(2024, 6, 10))] },
        R("pausedmonth", "s", D(2023, 12, 1), null, 25, segment: "smb") with { Pauses = [new PauseInterval(D(2024, 7, 1), D(2024, 9, 1))] },
        R("react", "s", D(2023, 12, 5), D(2024, 2, 5), 80, segment: "ent") with { EndReason = ChurnReason.Delinquent },
        R("react", "s", D(2024, 6, 7), null, 90, segment: "ent"),
        R("yearly", "y", D(2024, 1, 15), D(2024, 7, 15), 1200, BillingInterval.Year, "ent"),
        R("yearly", "y", D(2024, 7, 15), null, 2400, BillingInterval.Year, "ent"),
        R("trial", "s", D(2024, 2, 20), null, 50, segment: "smb") with { TrialEndsOn = D(2024, 3, 6) },
        R("trialonly", "s", D(2024, 2, 20), D(2024, 3, 5), 50, segment: "smb") with { TrialEndsOn = D(2024, 3, 6) },
        R("discount", "s", D(2024, 1, 10), null, 100, segment: "ent") with { Discount = SubscriptionDiscount.Percent(0.25m, 3) },
        R("forever", "s", D(2024, 1, 10), null, 100, segment: "ent") with { Discount = SubscriptionDiscount.Amount(30m) },
        R("cancel", "s", D(2023, 12, 12), D(2024, 9, 12), 70, segment: "smb") with { CancelledOn = D(2024, 5, 2), EndReason = ChurnReason.Voluntary },
        R("two", "a", D(2024, 1, 8), null, 30, segment: "ent"),
        R("two", "b", D(2024, 2, 8), D(2024, 8, 8), 45, segment: "ent"),
        R("weekly", "w", D(2024, 4, 1), D(2024, 10, 1), 12, BillingInterval.Week),
        R("late", "s", D(2024, 12, 30), null, 20),
        R("quick", "s", D(2024, 5, 30), D(2024, 6, 2), 20),
    ];

    /// <summary>A random book: customers with one to three subscriptions, phases (plan changes), trials, pauses,
    /// discounts, cancellations, reasons and segments; prices in whole currency units.</summary>
    public static List<SubscriptionRecord<string, string>> RandomBook(int seed, int customers)
    {
        var random = new Random(seed);
        var book = new List<SubscriptionRecord<string, string>>();
        string[] segments = ["a", "b", "c"];
        BillingInterval[] intervals = [BillingInterval.Month, BillingInterval.Month, BillingInterval.Year, BillingInterval.Quarter, BillingInterval.Week];
        for (int c = 0; c < customers; c++)
        {
            string segment = segments[random.Next(segments.Length)];
            int subscriptions = random.Next(1, 4);
            for (int s = 0; s < subscriptions; s++)
            {
                var start = D(2023, 1, 1).AddDays(random.Next(0, 700));
                int phases = random.Next(1, 3);
                for (int phase = 0; phase < phases; phase++)
                {
                    DateOnly? end = random.Next(3) == 0 ? null : start.AddDays(random.Next(1, 300));
                    if (phase < phases - 1 && end is null)
                    {
                        end = start.AddDays(random.Next(20, 200));
                    }

                    var record = R($"c{c}", $"s{s}", start, end, random.Next(0, 8) * 10, intervals[random.Next(intervals.Length)], segment);
                    record = record with { Quantity = random.Next(1, 4) };
                    if (random.Next(6) == 0)
                    {
                        record = record with { TrialEndsOn = start.AddDays(random.Next(0, 40)) };
                    }

                    if (random.Next(8) == 0)
                    {
                        DateOnly from = start.AddDays(random.Next(0, 200));
                        record = record with { Pauses = [new PauseInterval(from, from.AddDays(random.Next(0, 90)))] };
                    }

                    if (random.Next(5) == 0)
                    {
                        record = record with
                        {
                            Discount = random.Next(2) == 0
                                ? SubscriptionDiscount.Percent(random.Next(1, 9) / 10m, random.Next(2) == 0 ? null : random.Next(1, 6))
                                : SubscriptionDiscount.Amount(random.Next(1, 5) * 5, random.Next(2) == 0 ? null : random.Next(1, 6)),
                        };
                    }

                    if (end is DateOnly e && random.Next(3) == 0)
                    {
                        record = record with { CancelledOn = start.AddDays(random.Next(0, e.DayNumber - start.DayNumber + 1)) };
                    }

                    if (end is not null)
                    {
                        record = record with { EndReason = (ChurnReason)random.Next(3) };
                    }

                    book.Add(record);
                    if (end is not DateOnly next)
                    {
                        break;
                    }

                    start = next.AddDays(random.Next(0, 3) == 0 ? 40 : 0);
                }
            }
        }

        return book;
    }
}
