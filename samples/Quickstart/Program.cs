Console.WriteLine("CustomerMetrics quickstart");
ValueSection.Print(Console.Out);
