Console.WriteLine("CustomerMetrics quickstart");
