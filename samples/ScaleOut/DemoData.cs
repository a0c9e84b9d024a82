namespace CustomerMetrics.ScaleOut;

/// <summary>Deterministic synthetic data (seeded) and its partitionings.</summary>
public static class DemoData
{
    /// <summary>The first day of the data (and of the survey grid).</summary>
    public static DateOnly Origin { get; } = new(2024, 1, 1);

    /// <summary>The observation end: the ledger's last day and the RFM calibration end.</summary>
    public static DateOnly Through { get; } = new(2025, 12, 31);

    /// <summary>Survey segments (e.g. regions).</summary>
    public const int SurveySegments = 4;

    /// <summary>Months from <see cref="Origin"/> through <see cref="Through"/>.</summary>
    public const int SurveyPeriods = 24;

    private static readonly string[] Plans = ["starter", "pro", "enterprise"];
    private static readonly decimal[] Prices = [9.99m, 29m, 99.5m];

    /// <summary>The analysis request matching the data.</summary>
    public static AnalysisRequest Request(bool includeCustomerRows = true) =>
        new(Origin.DayNumber, SurveyPeriods, SurveySegments, Through.DayNumber, includeCustomerRows);

    /// <summary>Generates <paramref name="customers"/> customers' survey responses (3 per customer on average),
    /// subscriptions (with plan changes and churn) and transactions (buy-till-you-die like), from a seed.</summary>
    public static PartitionData Generate(int customers, int seed = 2026)
    {
        var random = new Random(seed);
        int origin = Origin.DayNumber, end = Through.DayNumber, span = end - origin + 1;

        int responses = customers * 3;
        var days = new int[responses];
        var nps = new byte[responses];
        var ces = new byte[responses];
        var csat = new byte[responses];
        var segments = new int[responses];
        for (int i = 0; i < responses; i++)
        {
            days[i] = origin + random.Next(span);
            segments[i] = random.Next(SurveySegments);
            nps[i] = (byte)Math.Clamp(random.Next(11) + random.Next(3) - (segments[i] % 2), 0, 10);
            ces[i] = (byte)(1 + random.Next(7));
            csat[i] = (byte)(1 + Math.Min(4, random.Next(5) + random.Next(2)));
        }

        var subscriptions = new List<SubscriptionRow>();
        var buyers = new List<int>();
        var buyDays = new List<int>();
        var amounts = new List<double>();
        for (int c = 0; c < customers; c++)
        {
            int plan = random.Next(Plans.Length);
            int start = origin + random.Next(span - 30);
            int quantity = 1 + random.Next(5);
            int? stop = random.NextDouble() < 0.35 ? start + 30 + random.Next(400) : null;
            if (stop > end)
            {
                stop = null;
            }

            if (random.NextDouble() < 0.25 && (stop ?? end) - start > 60)
            {
                // A plan change: the first phase ends on the day the second starts (same subscription key).
                int change = start + 30 + random.Next((stop ?? end) - start - 30);
                subscriptions.Add(new SubscriptionRow(c, 1, start, change, Prices[plan], quantity, Plans[plan]));
                int upgraded = Math.Min(plan + 1, Plans.Length - 1);
                subscriptions.Add(new SubscriptionRow(c, 1, change, stop, Prices[upgraded], quantity, Plans[plan]));
            }
            else
            {
                subscriptions.Add(new SubscriptionRow(c, 1, start, stop, Prices[plan], quantity, Plans[plan]));
            }

            if (random.NextDouble() < 0.1)
            {
                subscriptions.Add(new SubscriptionRow(c, 2, start + random.Next(30), null, 5m, 1, Plans[plan]));
            }

            // Purchases: a rate per customer, a dropout chance after each purchase.
            double rate = 0.02 + (0.1 * random.NextDouble() * random.NextDouble());
            double dropout = 0.1 + (0.5 * random.NextDouble());
            double basket = 10 + (60 * random.NextDouble());
            int day = origin + random.Next(span - 7);
            while (day <= end)
            {
                buyers.Add(c);
                buyDays.Add(day);
                amounts.Add(Math.Round(basket * (0.5 + random.NextDouble()), 2));
                if (random.NextDouble() < dropout)
                {
                    break;
                }

                day += 1 + (int)(-Math.Log(1 - random.NextDouble()) / rate);
            }
        }

        return new PartitionData(new SurveyColumns(days, nps, ces, csat, segments), [.. subscriptions],
            new TransactionColumns([.. buyers], [.. buyDays], [.. amounts]));
    }

    /// <summary>
    /// Splits the data into partitions: each customer (with all its subscriptions and transactions) to one partition, each
    /// survey response to any partition. <paramref name="seed"/> null: customer id modulo partitions and response index
    /// modulo partitions; otherwise a seeded random assignment of both.
    /// </summary>
    public static PartitionData[] Split(PartitionData all, int partitions, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Random? random = seed is int value ? new Random(value) : null;
        var owner = new Dictionary<int, int>();
        int OwnerOf(int customer)
        {
            if (!owner.TryGetValue(customer, out int p))
            {
                owner[customer] = p = random?.Next(partitions) ?? (customer % partitions);
            }

            return p;
        }

        var surveyRows = new List<int>[partitions];
        var subscriptionRows = new List<SubscriptionRow>[partitions];
        var transactionRows = new List<int>[partitions];
        for (int p = 0; p < partitions; p++)
        {
            (surveyRows[p], subscriptionRows[p], transactionRows[p]) = ([], [], []);
        }

        for (int i = 0; i < all.Surveys.Count; i++)
        {
            surveyRows[random?.Next(partitions) ?? (i % partitions)].Add(i);
        }

        foreach (SubscriptionRow row in all.Subscriptions)
        {
            subscriptionRows[OwnerOf(row.Customer)].Add(row);
        }

        for (int i = 0; i < all.Transactions.Count; i++)
        {
            transactionRows[OwnerOf(all.Transactions.Customers[i])].Add(i);
        }

        var parts = new PartitionData[partitions];
        for (int p = 0; p < partitions; p++)
        {
            SurveyColumns s = all.Surveys;
            List<int> r = surveyRows[p], t = transactionRows[p];
            parts[p] = new PartitionData(
                new SurveyColumns([.. r.Select(i => s.Days[i])], [.. r.Select(i => s.NpsScores[i])], [.. r.Select(i => s.CesRatings[i])],
                    [.. r.Select(i => s.CsatRatings[i])], [.. r.Select(i => s.Segments[i])]),
                [.. subscriptionRows[p]],
                new TransactionColumns([.. t.Select(i => all.Transactions.Customers[i])], [.. t.Select(i => all.Transactions.Days[i])],
                    [.. t.Select(i => all.Transactions.Amounts[i])]));
        }

        return parts;
    }
}
