using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value;

namespace CustomerMetrics.Tests.Subscriptions.Ledger;

public class SubscriptionLedgerTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static SubscriptionRecord<string, string> Rec(string customer, string subscription, DateOnly start, DateOnly? end, decimal price,
        BillingInterval interval = BillingInterval.Month, int quantity = 1) => new()
        {
            CustomerKey = customer,
            SubscriptionKey = subscription,
            Start = start,
            EndsOn = end,
            Price = price,
            Interval = interval,
            Quantity = quantity,
        };

    [Fact]
    public void Guide_worked_example_gross_20_net_10()
    {
        // Start 100: A pays 10 and churns, B goes 40 -> 30 (contraction 10), C goes 50 -> 60 (expansion 10).
        SubscriptionRecord<string, string>[] book =
        [
            Rec("A", "a", D(2024, 1, 1), D(2024, 2, 15), 10),
            Rec("B", "b", D(2024, 1, 1), D(2024, 2, 10), 40),
            Rec("B", "b", D(2024, 2, 10), null, 30),
            Rec("C", "c", D(2024, 1, 1), D(2024, 2, 20), 50),
            Rec("C", "c", D(2024, 2, 20), null, 60),
        ];
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, D(2024, 2, 29));
        LedgerPeriod feb = ledger.PeriodOf(D(2024, 2, 1));
        Assert.Equal(100m, feb.Movements.StartingMrr);
        Assert.Equal(10m, feb.Movements.ChurnedMrr);
        Assert.Equal(10m, feb.Movements.ContractionMrr);
        Assert.Equal(10m, feb.Movements.ExpansionMrr);
        Assert.Equal(0.20, feb.GrossMrrChurn, 12);
        Assert.Equal(0.10, feb.NetMrrChurn, 12);
        Assert.Equal(0.90, feb.NetRevenueRetention, 12);
        Assert.Equal(0.80, feb.GrossRevenueRetention, 12);
        Assert.Equal(1.0 / 3, feb.LogoChurn, 12);
        Assert.Equal(0.5, feb.QuickRatio, 12);
        Assert.Equal(90m * 12, feb.Arr);
    }

    [Fact]
    public void ChartMogul_Syncalytics_example()
    {
        // ChartMogul help, "MRR movements": four Gold yearly plans ($500 each) = $2,000 a year -> New $166.67; two Silver
        // monthly ($30) a few days later -> Expansion $60; Silver cancelled mid-cycle while Gold runs -> Contraction $60;
        // Gold cancelled, churn reported at the end of the paid year -> Churn $166.67; three Gold monthly ($50) -> Reactivation $150.
        SubscriptionRecord<string, string>[] book =
        [
            Rec("Syncalytics", "gold-yearly", D(2023, 1, 10), D(2024, 1, 10), 500, BillingInterval.Year, 4) with { CancelledOn = D(2023, 11, 2) },
            Rec("Syncalytics", "silver", D(2023, 2, 14), D(2023, 4, 14), 30, quantity: 2) with { CancelledOn = D(2023, 3, 29) },
            Rec("Syncalytics", "gold-monthly", D(2024, 3, 5), null, 50, quantity: 3),
        ];
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, D(2024, 3, 31), LedgerOptions.ChartMogul);
        decimal yearly = 2000m / 12;
        Assert.Equal(yearly, ledger.PeriodOf(D(2023, 1, 1)).Movements.NewMrr);
        Assert.Equal(60m, ledger.PeriodOf(D(2023, 2, 1)).Movements.ExpansionMrr);
        Assert.Equal(60m, ledger.PeriodOf(D(2023, 4, 1)).Movements.ContractionMrr);
        Assert.Equal(0, ledger.PeriodOf(D(2023, 11, 1)).Movements.ChurnedCustomers); // cancelled, still paid for
        LedgerPeriod january = ledger.PeriodOf(D(2024, 1, 1));
        Assert.Equal(yearly, january.Movements.ChurnedMrr);
        Assert.Equal(1, january.Movements.ChurnedCustomers);
        Assert.Equal(150m, ledger.PeriodOf(D(2024, 3, 1)).Movements.ReactivationMrr);
        Assert.Equal(0m, ledger.PeriodOf(D(2024, 3, 1)).Movements.NewMrr);
        Assert.Equal(
            [MovementKind.New, MovementKind.Expansion, MovementKind.Contraction, MovementKind.Churn, MovementKind.Reactivation],
            ledger.Entries.Select(e => e.Kind));

        // Churn at cancellation moves the churn to November 2023.
        SubscriptionLedger<string> atCancel = SubscriptionLedger.Build(book, D(2024, 3, 31), LedgerOptions.ChartMogul with { ChurnTiming = ChurnTiming.Cancellation });
        Assert.Equal(yearly, atCancel.PeriodOf(D(2023, 11, 1)).Movements.ChurnedMrr);
        Assert.Equal(60m, atCancel.PeriodOf(D(2023, 3, 1)).Movements.ContractionMrr);
    }

    [Theory]
    [InlineData(BillingInterval.Year, 1, 1200, 100)]
    [InlineData(BillingInterval.Quarter, 1, 300, 100)]
    [InlineData(BillingInterval.Month, 6, 600, 100)]
    [InlineData(BillingInterval.Week, 1, 12, 52)]
    [InlineData(BillingInterval.Week, 2, 24, 52)]
    [InlineData(BillingInterval.Day, 1, 12, 365)]
    public void Normalisation_to_a_month(BillingInterval interval, int count, int price, int mrr) =>
        Assert.Equal(mrr, MrrNormalization.ToMonthly(price, interval, count), 20);

    [Fact]
    public void Normalisation_rejects_unknown_interval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MrrNormalization.ToMonthly(10, (BillingInterval)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => MrrNormalization.ToMonthly(10, BillingInterval.Month, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MrrNormalization.ToMonthly(-1, BillingInterval.Month));
    }

    public static TheoryData<string, RejectionReason, string> BadRecords => new()
    {
        { "end", RejectionReason.DateOrder, "EndsOn" },
        { "cancel", RejectionReason.DateOrder, "CancelledOn" },
        { "trial", RejectionReason.DateOrder, "TrialEndsOn" },
        { "pause", RejectionReason.DateOrder, "Pauses" },
        { "price", RejectionReason.NegativePrice, "Price" },
        { "interval", RejectionReason.UnknownInterval, "Interval" },
        { "count", RejectionReason.UnknownInterval, "IntervalCount" },
        { "quantity", RejectionReason.NegativeQuantity, "Quantity" },
        { "discount", RejectionReason.InvalidDiscount, "Discount" },
        { "overlap", RejectionReason.OverlappingDuplicate, "SubscriptionKey" },
    };

    private static SubscriptionRecord<string, string> Bad(string what)
    {
        SubscriptionRecord<string, string> ok = Rec("X", "x", D(2024, 3, 1), D(2024, 6, 1), 10);
        return what switch
        {
            "end" => ok with { EndsOn = D(2024, 2, 1) },
            "cancel" => ok with { CancelledOn = D(2024, 7, 1) },
            "trial" => ok with { TrialEndsOn = D(2024, 1, 1) },
            "pause" => ok with { Pauses = [new PauseInterval(D(2024, 4, 10), D(2024, 4, 1))] },
            "price" => ok with { Price = -5 },
            "interval" => ok with { Interval = (BillingInterval)42 },
            "count" => ok with { IntervalCount = 0 },
            "quantity" => ok with { Quantity = -1 },
            "discount" => ok with { Discount = SubscriptionDiscount.Percent(1.5m) },
            _ => Rec("A", "a", D(2024, 2, 1), null, 10), // overlaps the good record of A below
        };
    }

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void Bad_record_throws_naming_index_and_field_or_is_counted(string what, RejectionReason reason, string field)
    {
        SubscriptionRecord<string, string>[] book =
        [
            Rec("A", "a", D(2024, 1, 1), null, 10),
            Rec("B", "b", D(2024, 1, 1), null, 20),
            Bad(what),
        ];
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => SubscriptionLedger.Build(book, D(2024, 12, 31)));
        Assert.Contains($"records[2].{field}", e.Message, StringComparison.Ordinal);
        Assert.Equal("records", e.ParamName);

        SubscriptionLedger<string> lenient = SubscriptionLedger.BuildLenient(book, D(2024, 12, 31));
        Assert.Equal([new RejectedRecord(2, reason, field)], lenient.Rejected.ToArray());
        Assert.Equal(1, lenient.RejectedCount(reason));
        Assert.Equal(30m, lenient.Periods[^1].Movements.EndingMrr); // A and B only
        Assert.Equal(SubscriptionLedger.Build(book[..2], D(2024, 12, 31)).Periods.ToArray(), lenient.Periods.ToArray());
    }

    [Fact]
    public void Lenient_counts_every_rejected_record_by_reason()
    {
        SubscriptionRecord<string, string>[] book = [Rec("A", "a", D(2024, 1, 1), null, 10), Bad("price"), Bad("end"), Bad("price") with { CustomerKey = "Y" }, Bad("overlap")];
        SubscriptionLedger<string> lenient = SubscriptionLedger.BuildLenient(book, D(2024, 12, 31));
        Assert.Equal(2, lenient.RejectedCount(RejectionReason.NegativePrice));
        Assert.Equal(1, lenient.RejectedCount(RejectionReason.DateOrder));
        Assert.Equal(1, lenient.RejectedCount(RejectionReason.OverlappingDuplicate));
        Assert.Equal([1, 2, 3, 4], lenient.Rejected.Select(r => r.Index));
        Assert.Equal(1, lenient.Customers);
    }

    [Fact]
    public void Empty_log_gives_an_empty_ledger()
    {
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(Array.Empty<SubscriptionRecord<string, string>>(), D(2024, 1, 1));
        Assert.Empty(ledger.Periods);
        Assert.True(ledger.Cohorts.IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.PeriodOf(D(2024, 1, 1)));
    }

    [Fact]
    public void Join_and_churn_counted_or_excluded_and_logo_churn_denominators()
    {
        // Ten customers paying since January; in March one churns, two join, one of whom joins and leaves in March.
        var book = new List<SubscriptionRecord<string, string>>();
        for (int i = 0; i < 10; i++)
        {
            book.Add(Rec($"c{i}", "s", D(2024, 1, 1), i == 0 ? D(2024, 3, 10) : null, 10));
        }

        book.Add(Rec("n1", "s", D(2024, 3, 5), null, 10));
        book.Add(Rec("n2", "s", D(2024, 3, 5), D(2024, 3, 20), 10));
        LedgerPeriod chartMogul = SubscriptionLedger.Build(book, D(2024, 3, 31), LedgerOptions.ChartMogul).PeriodOf(D(2024, 3, 1));
        LedgerPeriod stripe = SubscriptionLedger.Build(book, D(2024, 3, 31), LedgerOptions.Stripe).PeriodOf(D(2024, 3, 1));
        LedgerPeriod baremetrics = SubscriptionLedger.Build(book, D(2024, 3, 31), LedgerOptions.Baremetrics).PeriodOf(D(2024, 3, 1));
        Assert.Equal(1, chartMogul.JoinedAndChurnedCustomers);
        Assert.Equal(1.0 / 10, chartMogul.LogoChurn, 12);       // 1 of 10 at start
        Assert.Equal(2.0 / (10 + 2), stripe.LogoChurn, 12);     // 2 (incl. join-and-churn) of 10 + 2 new
        Assert.Equal(2.0 / 10, baremetrics.LogoChurn, 12);      // every cancellation ÷ start
        Assert.Equal(chartMogul.Movements, stripe.Movements);   // MRR moves the same
        Assert.Equal(0.9, chartMogul.LogoRetention, 12);
    }

    [Fact]
    public void Wilson_intervals_match_the_closed_form_and_comparison_tests_a_change()
    {
        var book = new List<SubscriptionRecord<string, string>>();
        for (int i = 0; i < 200; i++)
        {
            DateOnly? end = i < 10 ? D(2024, 2, 10) : i < 50 ? D(2024, 3, 10) : null;
            book.Add(Rec($"c{i}", "s", D(2024, 1, 1), end, 10));
        }

        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, D(2024, 3, 31));
        LedgerPeriod feb = ledger.PeriodOf(D(2024, 2, 1)), mar = ledger.PeriodOf(D(2024, 3, 1));
        Assert.Equal(10.0 / 200, feb.LogoChurn, 12);
        Assert.Equal(40.0 / 190, mar.LogoChurn, 12);

        // Wilson (1927) closed form with z = 1.959963984540054.
        const double z = 1.959963984540054;
        double n = 200, p = 10 / n;
        double centre = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        double half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))) / (1 + (z * z / n));
        ConfidenceInterval ci = feb.LogoChurnInterval(0.95);
        Assert.Equal(centre - half, ci.Lower, 12);
        Assert.Equal(centre + half, ci.Upper, 12);
        ConfidenceInterval retention = feb.LogoRetentionInterval(0.95);
        Assert.Equal(1 - ci.Upper, retention.Lower, 12);

        RetentionComparison change = LedgerPeriod.CompareRetention(feb, mar);
        Assert.True(change.PValue < 0.001); // 5 % vs 21 % churn
        Assert.Equal(0.95 - (150.0 / 190), change.Difference, 12);
        Assert.True(double.IsNaN(default(LedgerPeriod).LogoChurnInterval().Lower));
    }

    [Fact]
    public void Undefined_ratios_are_NaN()
    {
        LedgerPeriod empty = default;
        Assert.True(double.IsNaN(empty.LogoChurn));
        Assert.True(double.IsNaN(empty.LogoRetention));
        Assert.True(double.IsNaN(empty.NetRevenueRetention));
        Assert.True(double.IsNaN(empty.QuickRatio));
        Assert.True(double.IsNaN(empty.Arpa));
        Assert.True(double.IsNaN(empty.NewCustomerArpa));
        Assert.True(double.IsNaN(empty.TrailingNetRevenueRetention));
    }

    [Fact]
    public void Reactivation_in_nrr_and_quick_ratio_is_an_explicit_option()
    {
        var m = new MrrMovements<decimal>(startingMrr: 100, endingMrr: 110, newMrr: 10, expansionMrr: 10, contractionMrr: 5, churnedMrr: 10, reactivationMrr: 5,
            newCustomers: 1, expansionCustomers: 1, contractionCustomers: 1, churnedCustomers: 1, reactivatedCustomers: 1, unchangedCustomers: 0, inactiveCustomers: 0);
        Assert.Equal(m.NetRevenueRetention, m.NetRevenueRetention(countReactivation: false), 12);
        Assert.Equal(1.0, m.NetRevenueRetention(countReactivation: true), 12);
        Assert.Equal(m.QuickRatio, m.QuickRatio(countReactivation: false), 12);
        Assert.Equal(25.0 / 15, m.QuickRatio(countReactivation: true), 12);
    }

    [Fact]
    public void Trailing_twelve_months_retention_from_year_ago_customers()
    {
        // A pays 100 all along, expands to 150 in 2024-06; B pays 50 and churns 2024-03; C joins 2024-02 (not in the year-ago set).
        SubscriptionRecord<string, string>[] book =
        [
            Rec("A", "a", D(2023, 1, 1), D(2024, 6, 1), 100),
            Rec("A", "a", D(2024, 6, 1), null, 150),
            Rec("B", "b", D(2023, 1, 1), D(2024, 3, 1), 50),
            Rec("C", "c", D(2024, 2, 1), null, 70),
        ];
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, D(2024, 12, 31));
        LedgerPeriod june = ledger.PeriodOf(D(2024, 6, 1));
        Assert.Equal(150.0 / 150, june.TrailingNetRevenueRetention, 12);
        Assert.Equal(100.0 / 150, june.TrailingGrossRevenueRetention, 12);
        Assert.Equal(0.5, june.TrailingLogoRetention, 12);
        Assert.True(double.IsNaN(ledger.PeriodOf(D(2023, 12, 1)).TrailingNetRevenueRetention));
    }

    [Fact]
    public void Churn_reasons_are_kept_apart()
    {
        SubscriptionRecord<string, string>[] book =
        [
            Rec("A", "a", D(2024, 1, 1), D(2024, 2, 5), 10) with { EndReason = ChurnReason.Voluntary },
            Rec("B", "b", D(2024, 1, 1), D(2024, 2, 7), 20) with { EndReason = ChurnReason.Delinquent },
            Rec("C", "c", D(2024, 1, 1), D(2024, 2, 9), 40),
        ];
        LedgerPeriod feb = SubscriptionLedger.Build(book, D(2024, 2, 29), LedgerOptions.ProfitWell).PeriodOf(D(2024, 2, 1));
        Assert.Equal(3, feb.Movements.ChurnedCustomers);
        Assert.Equal((1, 10m, 1, 20m), (feb.VoluntaryChurnedCustomers, feb.VoluntaryChurnedMrr, feb.DelinquentChurnedCustomers, feb.DelinquentChurnedMrr));
    }

    [Fact]
    public void Weekly_periods_and_custom_periods()
    {
        SubscriptionRecord<string, string>[] book = [Rec("A", "a", D(2024, 1, 3), D(2024, 1, 20), 52, BillingInterval.Year)];
        SubscriptionLedger<string> weekly = SubscriptionLedger.Build(book, D(2024, 1, 31), LedgerOptions.ChartMogul with { Period = PeriodUnit.Week });
        Assert.Equal(D(2024, 1, 1), weekly.Periods[0].Start); // a Monday
        Assert.Equal(DayOfWeek.Monday, weekly.Periods[1].Start.DayOfWeek);
        Assert.Equal(52m / 12, weekly.Periods[0].Movements.NewMrr);
        Assert.Equal(52m / 12, weekly.PeriodOf(D(2024, 1, 15)).Movements.ChurnedMrr); // ends Saturday 20th: the week of Monday 15th
        Assert.Equal(D(2024, 1, 31), weekly.Periods[^1].End);
    }

    [Fact]
    public void Merging_needs_the_same_period_and_rules()
    {
        SubscriptionRecord<string, string>[] book = [Rec("A", "a", D(2024, 1, 1), null, 10)];
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(book, D(2024, 3, 31));
        Assert.Throws<ArgumentException>(() => ledger.Periods[0] + ledger.Periods[1]);
        Assert.Equal(ledger.Periods[0], ledger.Periods[0] + default(LedgerPeriod));
        Assert.Equal(ledger.Periods[0], LedgerPeriod.Add(default, ledger.Periods[0]));
    }

    [Fact]
    public void Period_json_round_trips_and_rejects_impossible_states()
    {
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(LedgerBooks.EdgeBook(), LedgerBooks.Through, LedgerOptions.Stripe);
        foreach (LedgerPeriod period in ledger.Periods.Add(default))
        {
            string json = JsonSerializer.Serialize(period, CustomerMetricsJsonContext.Default.LedgerPeriod);
            Assert.Equal(period, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.LedgerPeriod));
        }

        LedgerPeriod p = ledger.Periods[3];
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerPeriod(p.Period, p.Start, p.End, p.Movements, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            JoinAndChurn.Excluded, ChurnDenominator.StartOfPeriod, false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerPeriod(p.Period, p.Start, p.End, p.Movements, 0, 0, 0, 0, 0, 5, 6, 0, 0, 0,
            JoinAndChurn.Excluded, ChurnDenominator.StartOfPeriod, false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerPeriod(p.Period, p.Start, p.End, p.Movements, 0, 0, 0, 0, 0, 1, 1, 10, 5, 7,
            JoinAndChurn.Excluded, ChurnDenominator.StartOfPeriod, false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerPeriod(p.Period, p.Start, p.End, default, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
            JoinAndChurn.Excluded, ChurnDenominator.StartOfPeriod, false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerPeriod(p.Period, p.Start, p.End, default, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            (JoinAndChurn)7, ChurnDenominator.StartOfPeriod, false, false));
    }

    [Fact]
    public void ToString_is_a_table_without_carriage_returns()
    {
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(LedgerBooks.EdgeBook(), LedgerBooks.Through);
        string text = ledger.ToString();
        Assert.StartsWith("Subscription ledger (ChartMogul rules, month)", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.Equal(ledger.Periods.Length + 2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("logo churn", ledger.Periods[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_of_any_equatable_type()
    {
        SubscriptionRecord<Guid, (int Plan, int Seq)>[] book =
        [
            new() { CustomerKey = Guid.Empty, SubscriptionKey = (1, 1), Start = D(2024, 1, 1), Price = 10 },
            new() { CustomerKey = Guid.Empty, SubscriptionKey = (1, 2), Start = D(2024, 2, 1), Price = 5 },
        ];
        SubscriptionLedger<Guid> ledger = SubscriptionLedger.Build(book, D(2024, 2, 29));
        Assert.Equal(5m, ledger.Periods[1].Movements.ExpansionMrr);
        Assert.Equal(Guid.Empty, ledger.Entries[1].Customer);
        Assert.Equal(1, ledger.Customers);
    }
}
