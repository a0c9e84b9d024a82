using System.Globalization;
using CustomerMetrics.Acquisition;
using CustomerMetrics.Subscriptions;

/// <summary>The subscriptions and acquisition part of the quickstart, on built-in deterministic synthetic data.</summary>
internal static class SubscriptionsSection
{
    public static void Print(TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("== Subscriptions: churn, retention, MRR movements, cohorts");

        // One month of a SaaS business: 1 000 customers at the start, 80 acquired, 45 lost.
        output.WriteLine(string.Create(c,
            $"Logo churn, 45 lost of 1000 (+80 new): {Churn.Rate(1000, 45, 80, ChurnDenominator.StartOfPeriod):P2} (ChartMogul/Baremetrics, ÷ start), {Churn.Rate(1000, 45, 80, ChurnDenominator.StartPlusNew):P2} (Stripe, ÷ start + new)"));
        output.WriteLine(string.Create(c,
            $"Monthly 4.5 % churn is {Churn.AnnualFromMonthly(0.045):P1} a year; expected lifetime {Churn.Lifetime(0.045):0.0} months; CRR (1035 − 80) / 1000 = {Retention.CustomerRetentionRate(1000, 1035, 80):P1}"));
        output.WriteLine("Loyalty programme, members vs non-members retained over the year:");
        output.WriteLine("  " + Retention.Compare(412, 480, 1230, 1620));

        // MRR snapshots of 10 000 customers (index = customer), deterministic.
        const int n = 10_000;
        var random = new Random(2026);
        var previous = new decimal[n];
        var current = new decimal[n];
        var wasCustomer = new bool[n];
        for (int i = 0; i < n; i++)
        {
            previous[i] = random.Next(10) == 0 ? 0 : 49 * random.Next(1, 6);
            int roll = random.Next(100);
            current[i] = previous[i] == 0 ? (roll < 40 ? 49 * random.Next(1, 4) : 0)
                : roll < 3 ? 0 : roll < 15 ? previous[i] + 49 : roll < 19 ? previous[i] - 49 : previous[i];
            wasCustomer[i] = previous[i] == 0 && random.Next(4) == 0;
        }

        output.WriteLine("MRR movements (decimal, exact), 10 000 customers:");
        output.WriteLine(MrrMovements.Between(previous, current, wasCustomer).ToString());

        // Activity log: 2 000 customers joining over 8 months, each staying a geometric number of months.
        var customers = new List<long>();
        var cohorts = new List<int>();
        var active = new List<int>();
        var revenue = new List<double>();
        for (long customer = 0; customer < 2_000; customer++)
        {
            int cohort = (int)(customer % 8);
            double mrr = 29 + (19 * random.Next(0, 4));
            for (int period = cohort; period < 8; period++)
            {
                customers.Add(customer);
                cohorts.Add(cohort);
                active.Add(period);
                revenue.Add(mrr);
                mrr += random.Next(6) == 0 ? 19 : 0;
                if (random.Next(100) < 12 - cohort)
                {
                    break;
                }
            }
        }

        CohortTable table = CohortTable.Build(customers.ToArray(), cohorts.ToArray(), active.ToArray(), revenue.ToArray(), observedThrough: 7);
        output.WriteLine(table.ToText());
        output.WriteLine("Average revenue retention by age: " + string.Join(" ", table.AverageRevenueRetentionCurve().Select(r => r.ToString("P0", c))));

        output.WriteLine();
        output.WriteLine("== Acquisition");
        double cac = UnitEconomics.Cac(120_000m, 300);
        double ltv = UnitEconomics.SimpleLtv(arpa: 99, grossMargin: 0.8, churnRate: 0.02);
        output.WriteLine(string.Create(c,
            $"CAC {cac:0.00}, LTV {ltv:0.00}, LTV:CAC {UnitEconomics.LtvToCac(ltv, cac):0.0} (≥ {UnitEconomics.HealthyLtvToCac} is healthy), payback {UnitEconomics.CacPaybackMonths(cac, 99, 0.8):0.0} months, acquisition/retention cost {UnitEconomics.AcquisitionToRetentionCostRatio(cac, 60):0.0}x"));
    }
}
