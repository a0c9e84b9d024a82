Console.WriteLine("CustomerMetrics quickstart");
ModelsSection.Print(Console.Out);
