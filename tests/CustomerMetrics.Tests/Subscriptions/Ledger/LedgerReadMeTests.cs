using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions.Ledger;

public class LedgerReadMeTests
{
    [Fact]
    public void Billing_export_example_runs_and_is_the_one_in_the_readme()
    {
        var output = new StringWriter();
        // README billing export begin
        SubscriptionRecord<string, string>[] export =
        [
            new() { CustomerKey = "cus_1", SubscriptionKey = "sub_1", Start = new(2024, 1, 5), Price = 1200, Interval = BillingInterval.Year },
            new() { CustomerKey = "cus_2", SubscriptionKey = "sub_2", Start = new(2024, 1, 9), EndsOn = new(2024, 3, 9), Price = 49,
                    CancelledOn = new(2024, 2, 20), EndReason = ChurnReason.Voluntary },
            new() { CustomerKey = "cus_3", SubscriptionKey = "sub_3", Start = new(2024, 2, 1), Price = 99, TrialEndsOn = new(2024, 2, 15),
                    Discount = SubscriptionDiscount.Percent(0.5m, durationInPeriods: 2), Segment = "self-serve" },
        ];
        SubscriptionLedger<string> ledger = SubscriptionLedger.Build(export, through: new(2024, 6, 30), LedgerOptions.ProfitWell);
        output.Write(ledger);                                     // one line per month: MRR bridge, customers, churn, NRR, quick ratio
        LedgerPeriod march = ledger.PeriodOf(new(2024, 3, 1));
        output.WriteLine($"{march.LogoChurn:P1} logo churn, 95 % CI {march.LogoChurnInterval(0.95)}, gross MRR churn {march.GrossMrrChurn:P1}");
        SubscriptionLedger<string> stripe = SubscriptionLedger.Build(export, new(2024, 6, 30), LedgerOptions.Stripe); // Stripe's rules
        var lenient = SubscriptionLedger.BuildLenient(export, new(2024, 6, 30));  // dirty exports: rejected records listed by reason
        // README billing export end

        Assert.Equal(1.0 / 3, march.LogoChurn, 12);              // cus_2 of the three paying at the end of February
        Assert.Equal(49m, march.Movements.ChurnedMrr);
        Assert.Equal(99m, stripe.PeriodOf(new(2024, 2, 1)).Movements.NewMrr);
        Assert.Equal(49.5m, ledger.PeriodOf(new(2024, 2, 1)).Movements.NewMrr);
        Assert.Equal(49.5m, ledger.PeriodOf(new(2024, 4, 1)).Movements.ExpansionMrr); // the discount expires on 15 April
        Assert.Empty(lenient.Rejected);
        Assert.Contains("Subscription ledger (ProfitWell rules, month)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(Snippet("README billing export"), ReadMeTests.ReadMe(), StringComparison.Ordinal);
    }

    private static string Snippet(string marker)
    {
        string[] lines = File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, "tests", "CustomerMetrics.Tests", "Subscriptions", "Ledger", "LedgerReadMeTests.cs"));
        int begin = Array.FindIndex(lines, line => line.Trim() == $"// {marker} begin");
        int end = Array.FindIndex(lines, line => line.Trim() == $"// {marker} end");
        string[] body = lines[(begin + 1)..end];
        int indent = body.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
        return string.Join('\n', body.Select(line => line.Length >= indent ? line[indent..] : line.Trim()));
    }
}
