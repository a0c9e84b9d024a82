using Quickstart;

Console.WriteLine("CustomerMetrics quickstart: every figure below comes from built-in, deterministic synthetic data.");
Console.WriteLine();
SurveysSection.Print(Console.Out);
PlanningSection.Print(Console.Out);
WeightsSection.Print(Console.Out);
SubscriptionsSection.Print(Console.Out);
LedgerSection.Print(Console.Out);
CohortProjectionSection.Print(Console.Out);
ValueSection.Print(Console.Out);
ModelsSection.Print(Console.Out);
ModelComparisonSection.Print(Console.Out);
ServiceSection.Print(Console.Out);
