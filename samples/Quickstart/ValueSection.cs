using System.Globalization;
using CustomerMetrics.Subscriptions;
using CustomerMetrics.Value;

/// <summary>Customer lifetime value and RFM on a deterministic synthetic transaction log.</summary>
internal static class ValueSection
{
    public static void Print(TextWriter output)
    {
        // 2,000 customers over 2024: a seeded generator, so every run prints the same numbers.
        var random = new Random(2024);
        var ids = new List<int>();
        var dates = new List<DateOnly>();
        var amounts = new List<double>();
        var start = new DateOnly(2024, 1, 1);
        for (int customer = 1; customer <= 2_000; customer++)
        {
            int first = random.Next(0, 300);
            int orders = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 3);
            double basket = 20 + (random.NextDouble() * 80);
            for (int k = 0, day = first; k < orders && day < 366; k++, day += 1 + random.Next(0, 60))
            {
                ids.Add(customer);
                dates.Add(start.AddDays(day));
                amounts.Add(Math.Round(basket * (0.5 + random.NextDouble()), 2));
            }
        }

        var end = new DateOnly(2024, 9, 30);
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("== Customer lifetime value (CustomerMetrics.Value)");
        output.WriteLine(string.Create(ci, $"log: {ids.Count} transactions, 2000 customers, 2024"));

        HistoricalClv<double> historical = Clv.Historical(amounts.ToArray(), 0.35);
        output.WriteLine(string.Create(ci, $"historical, whole log at 35 % margin: {historical}"));
        HistoricalClvByCustomer<decimal> perCustomer = Clv.Historical(ids.ToArray(), amounts.Select(a => (decimal)a).ToArray(), 0.35m);
        output.WriteLine(string.Create(ci, $"historical, customer {perCustomer.CustomerIds[0]}: {perCustomer[0]}"));

        PredictiveClv predictive = Clv.Predictive(ids.ToArray(), dates.ToArray(), amounts.ToArray(), start, new DateOnly(2024, 12, 31),
            averageGrossMargin: 0.35, averageLifetimeMonths: Churn.Lifetime(0.04));
        output.WriteLine(string.Create(ci, $"predictive (4 % monthly churn → ALT 25 months): {predictive}"));

        output.WriteLine(string.Create(ci, $"retention-based, m 30/month, r 0.90, d 1 %/month: {Clv.RetentionBased(30, 0.90, 0.01)}"));
        output.WriteLine(string.Create(ci, $"  over 24 months: {Clv.RetentionBased(30, 0.90, 0.01, 24)}"));
        output.WriteLine(string.Create(ci, $"  what-if +5 points: {Clv.RetentionWhatIf(30, 0.90, 0.01)}"));

        RfmSummary summary = Rfm.Summarize(ids.ToArray(), dates.ToArray(), amounts.ToArray(), end, RfmOptions.Weeks);
        output.WriteLine(summary.ToString());
        for (int i = 0; i < 3; i++)
        {
            output.WriteLine(string.Create(ci, $"  {summary[i]}"));
        }

        RfmScores scores = Rfm.Score(summary);
        output.WriteLine(scores.ToString());
        output.WriteLine(string.Create(ci, $"  customer {scores.CustomerIds[0]}: {scores[0]}"));
    }
}
