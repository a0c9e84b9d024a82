using System.Globalization;
using CustomerMetrics.Subscriptions;

/// <summary>The billing-log ledger part of the quickstart: a deterministic synthetic book under ChartMogul's rules.</summary>
internal static class LedgerSection
{
    public static void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("== Subscriptions from the billing log: the MRR ledger");
        var random = new Random(2026);
        var book = new List<SubscriptionRecord<int, int>>();
        for (int customer = 0; customer < 400; customer++)
        {
            var start = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 330));
            DateOnly? end = random.Next(3) == 0 ? start.AddDays(random.Next(30, 300)) : null;
            bool yearly = random.Next(4) == 0;
            book.Add(new SubscriptionRecord<int, int>
            {
                CustomerKey = customer,
                SubscriptionKey = 1,
                Start = start,
                EndsOn = end,
                Price = yearly ? 490 : 49,
                Interval = yearly ? BillingInterval.Year : BillingInterval.Month,
                Quantity = random.Next(1, 4),
                TrialEndsOn = random.Next(5) == 0 ? start.AddDays(14) : null,
                EndReason = end is null ? ChurnReason.Unspecified : (ChurnReason)random.Next(1, 3),
            });
        }

        SubscriptionLedger<int> ledger = SubscriptionLedger.Build(book, new DateOnly(2024, 12, 31), LedgerOptions.ChartMogul);
        output.Write(ledger);
        LedgerPeriod december = ledger.Periods[^1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"December: ARR {december.Arr:#,0}, ARPA {december.Arpa:0.00}, logo churn {december.LogoChurn:P1} (95 % Wilson {december.LogoChurnInterval()}), voluntary {december.VoluntaryChurnedCustomers}, delinquent {december.DelinquentChurnedCustomers}"));
    }
}
