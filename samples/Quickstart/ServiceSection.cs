using System.Globalization;
using CustomerMetrics.Loyalty;
using CustomerMetrics.Service;
using CustomerMetrics.Value;

/// <summary>The service, loyalty and value-concentration section of the quickstart, on deterministic synthetic data.</summary>
internal static class ServiceSection
{
    public static void Print(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("== Service, loyalty and value concentration");
        var random = new Random(13);

        // 5,000 tickets over a week, first responses log-normal around 6 minutes, 3 % still unanswered (times in seconds).
        long[] created = new long[5_000], responded = new long[5_000];
        for (int i = 0; i < created.Length; i++)
        {
            created[i] = i * 120L;
            responded[i] = random.Next(100) < 3 ? ServiceTimes.Missing : created[i] + (long)(360 * Math.Exp(0.8 * Normal(random)));
        }

        output.WriteLine(ServiceLevel.Calculate(created, responded, threshold: 600).ToString());
        output.WriteLine("First response (minutes): " + ServiceTimes.Durations(created, responded, scale: 1 / 60.0));

        // 2,000 members and 3,000 non-members, log-normal yearly spend; members spend about 20 % more.
        double[] members = [.. Enumerable.Range(0, 2_000).Select(_ => 120 * Math.Exp(Normal(random)))];
        double[] others = [.. Enumerable.Range(0, 3_000).Select(_ => 100 * Math.Exp(Normal(random)))];
        SpendComparison spend = LoyaltyProgramme.CompareSpend(members, others);
        output.WriteLine("Spend: " + spend);
        output.WriteLine(LoyaltyProgramme.Roi(spend, members: 2_000, grossMargin: 0.35, programmeCost: 10_000).ToString());

        // Yearly revenue of 10,000 customers (Pareto, shape 1.5: heavy-tailed) and their 0-10 recommendation score.
        double[] revenue = new double[10_000];
        byte[] scores = new byte[revenue.Length];
        for (int i = 0; i < revenue.Length; i++)
        {
            revenue[i] = 50 * Math.Pow(1 - random.NextDouble(), -1 / 1.5);
            scores[i] = (byte)Math.Clamp(Math.Round(7 + (1.2 * Math.Log(revenue[i] / 50)) + (1.5 * Normal(random))), 0, 10);
        }

        output.WriteLine(string.Create(inv, $"{Concentration.Gini(revenue)}; top 20 % of customers hold {Concentration.TopShare(revenue, 0.2):P1} of revenue"));
        NpsGroupValue byGroup = ValueByNps.Calculate(scores, revenue);
        output.WriteLine(byGroup.ToString());
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
