#:package CustomerMetrics@0.1.0-preview.1
// The MRR ledger and cohorts from a billing export: subscription records in, month-by-month MRR movements, logo
// churn with intervals, NRR and GRR (monthly and trailing twelve months), vendor presets compared, segments and the
// acquisition cohort table. The same workflow as samples/Notebooks/billing.ipynb.
// Run: dotnet run billing.cs [path/to/billing.csv]
using System.Globalization;
using CustomerMetrics.Subscriptions;

// The data file: the argument, or the sample's own beside this script's folder.
string path = args.Length > 0 ? args[0]
    : Path.Combine((string)AppContext.GetData("EntryPointFileDirectoryPath")!, "../Notebooks/data/billing.csv");
var invariant = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = invariant; // figures print the same on every machine

// The export, one row per subscription:
// customer,subscription,start,trial_ends_on,cancelled_on,ends_on,price,interval,quantity,segment,end_reason
DateOnly? Day(string text) => text.Length == 0 ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", invariant);
SubscriptionRecord<string, string>[] records = File.ReadLines(path).Skip(1).Select(line => line.Split(',')).Select(f =>
    new SubscriptionRecord<string, string>
    {
        CustomerKey = f[0],
        SubscriptionKey = f[1],
        Start = Day(f[2])!.Value,
        TrialEndsOn = Day(f[3]),
        CancelledOn = Day(f[4]),
        EndsOn = Day(f[5]),
        Price = decimal.Parse(f[6], invariant),
        Interval = f[7] == "year" ? BillingInterval.Year : BillingInterval.Month,
        Quantity = int.Parse(f[8], invariant),
        Segment = f[9],
        EndReason = f[10] switch { "voluntary" => ChurnReason.Voluntary, "delinquent" => ChurnReason.Delinquent, _ => ChurnReason.Unspecified },
    }).ToArray();
Console.WriteLine($"{records.Length} subscriptions of {records.Select(r => r.CustomerKey).Distinct().Count()} customers");

// The ledger under ChartMogul's rules, January 2024 to December 2025: one line per month.
var through = new DateOnly(2025, 12, 31);
SubscriptionLedger<string> ledger = SubscriptionLedger.Build(records, through, LedgerOptions.ChartMogul);
Console.Write(ledger);

// The last month in detail: MRR bridge, logo churn with its 95 % Wilson interval, NRR and GRR, and the trailing twelve months.
LedgerPeriod december = ledger.PeriodOf(new DateOnly(2025, 12, 1));
MrrMovements<decimal> m = december.Movements;
Console.WriteLine($"December 2025: MRR {m.StartingMrr:#,0} + new {m.NewMrr:#,0} + expansion {m.ExpansionMrr:#,0} + reactivation {m.ReactivationMrr:#,0} − contraction {m.ContractionMrr:#,0} − churned {m.ChurnedMrr:#,0} = {m.EndingMrr:#,0}");
Console.WriteLine($"  logo churn {december.LogoChurn:P1} (95 % CI {december.LogoChurnInterval()}), NRR {december.NetRevenueRetention:P1}, GRR {december.GrossRevenueRetention:P1}, quick ratio {december.QuickRatio:0.00}");
Console.WriteLine($"  trailing twelve months: NRR {december.TrailingNetRevenueRetention:P1}, GRR {december.TrailingGrossRevenueRetention:P1}, logo retention {december.TrailingLogoRetention:P1}");

// The same export under each vendor's rules (churn timing, join-and-churn, denominators, discounts).
foreach (LedgerOptions preset in LedgerOptions.Presets)
{
    LedgerPeriod last = SubscriptionLedger.Build(records, through, preset).PeriodOf(new DateOnly(2025, 12, 1));
    Console.WriteLine($"{preset.Name,-12} December: logo churn {last.LogoChurn:P2}, gross MRR churn {last.GrossMrrChurn:P2}, NRR {last.NetRevenueRetention:P1}, TTM NRR {last.TrailingNetRevenueRetention:P1}, ARR {last.Arr:#,0}");
}

// Per segment (segments merge to the total), December 2025.
foreach ((string segment, var periods) in ledger.Segments.OrderBy(s => s.Key, StringComparer.Ordinal))
{
    LedgerPeriod last = periods[^1];
    Console.WriteLine($"{segment,-11} MRR {last.Movements.EndingMrr,8:#,0}, customers {last.CustomersAtEnd,4}, ARPA {last.Arpa,6:0.00}, TTM NRR {last.TrailingNetRevenueRetention:P1}, TTM GRR {last.TrailingGrossRevenueRetention:P1}");
}

// Acquisition cohorts (period = month of the ledger): the logo-retention triangle, then a few ages per cohort with its
// realised revenue per customer, and the size-weighted average curve.
CohortTable cohorts = ledger.Cohorts;
Console.WriteLine(cohorts.ToText());
Console.WriteLine("cohort   customers   +1 month  +3 months  +6 months  +12 months  revenue/customer by +12");
for (int cohort = cohorts.FirstCohort; cohort <= cohorts.ObservedThrough; cohort++)
{
    DateOnly month = ledger.Periods.First(p => p.Period == cohort).Start;
    string At(int age) => age <= cohorts.LastObservedAge(cohort) ? $"{cohorts.LogoRetention(cohort, age):P0}" : "";
    string revenue = cohorts.LastObservedAge(cohort) >= 12 ? $"{cohorts.CumulativeRevenuePerCustomer(cohort, 12):#,0}" : "";
    Console.WriteLine($"{month:yyyy-MM}  {cohorts.CohortSize(cohort),9}  {At(1),9}  {At(3),9}  {At(6),9}  {At(12),10}  {revenue,23}");
}

double[] curve = cohorts.AverageLogoRetentionCurve();
Console.WriteLine("Average logo retention by age: " + string.Join(", ", curve.Take(13).Select((r, age) => $"+{age} {r:P0}")));
