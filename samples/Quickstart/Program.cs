Console.WriteLine("CustomerMetrics quickstart");
SubscriptionsSection.Print(Console.Out);
