using CustomerMetrics.Subscriptions;

/// <summary>The cohort projection part of the quickstart: a synthetic monthly book, its cohort table, the sBG fits and the projected LTV.</summary>
internal static class CohortProjectionSection
{
    public static void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("== Cohorts and their projection: shifted-beta-geometric fits, survival and LTV over 36 months");

        // 2,400 monthly subscribers joining through 2024; each churns every month with its own probability θ ~ Beta(0.8, 2.5).
        var random = new Random(2024);
        var theta = new MathNet.Numerics.Distributions.Beta(0.8, 2.5, random);
        var book = new List<SubscriptionRecord<int, int>>();
        for (int customer = 0; customer < 2400; customer++)
        {
            var start = new DateOnly(2024, 1 + (customer % 12), 1);
            double churn = theta.Sample();
            int months = 1;
            while (months < 48 && random.NextDouble() >= churn)
            {
                months++;
            }

            book.Add(new SubscriptionRecord<int, int>
            {
                CustomerKey = customer,
                SubscriptionKey = 1,
                Start = start,
                EndsOn = start.AddMonths(months).AddDays(-1),
                Price = 49,
                Quantity = 1 + (customer % 3),
            });
        }

        SubscriptionLedger<int> ledger = SubscriptionLedger.Build(book, new DateOnly(2024, 12, 31));
        CohortTable table = ledger.Cohorts;
        output.Write(CohortRetentionModel.Fit(table).ToText());
        CohortProjection projection = CohortRetentionModel.Project(table, horizon: 36, discountRate: 0.01);
        output.Write(projection.ToText());
    }
}
